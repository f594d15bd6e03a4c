// The page's plain-words errors (worker-shim/public/js/plain-errors.js) and number formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, explain } from "../../worker-shim/public/js/plain-errors.js";
import { formatBytes, formatDuration, formatWait, weightIn } from "../../worker-shim/public/js/format.js";

// A fixed "now" in local time, so the "after HH:MM" clock is predictable in any zone.
const NOW = new Date(2026, 10, 27, 6, 0, 0).getTime();
const problem = (status, detail) => new ApiError(status, { type: "x", title: "t", status, detail }, null);

test("explain 1: a 429 says once, in words, how long to wait and until when — not the limiter's tier names or seconds", () => {
  const e = explain(new ApiError(429, { status: 429, detail: "Too many requests. The convert-minute limit allows 3 per 60 s. Try again in 125 s; retrying sooner makes the limits stricter." }, 125), { now: NOW });
  assert.equal(e.title, "The server needs a pause");
  assert.doesNotMatch(`${e.title} ${e.detail} ${e.action}`, /convert-minute|limit allows|\d+ s\b/);
  assert.equal(e.action, "Try again in 3 minutes (after 06:02). Or convert on this device now: it has no limits.");
  assert.equal(`${e.detail} ${e.action}`.match(/minute/g).length, 1, "the wait is said once");
});

test("explain 2: a 429 without Retry-After still says when (a minute)", () => {
  const e = explain(new ApiError(429, null, null), { now: NOW });
  assert.match(e.action, /^Try again in 1 minute \(after 06:01\)\./);
  assert.match(e.detail, /^To stay free for everyone/);
});

test("explain 2b: a block (403 with blockedUntil) says when it ends, without the ISO time or seconds", () => {
  const until = new Date(NOW + 600_000).toISOString();
  const e = explain(new ApiError(403, { status: 403, blockedUntil: until, detail: `This client is blocked until ${until} (in 600 s) after repeated requests that ignored Retry-After.` }, 600), { now: NOW });
  assert.equal(e.title, "The server has paused this browser");
  assert.equal(e.action, "Try again in 10 minutes (after 06:10). Or convert on this device now: it has no limits.");
  assert.doesNotMatch(`${e.detail} ${e.action}`, /client|Retry-After|T\d\d:/);
});

test("explain 3: a 413 keeps the server's own detail (which names the file or its cap) and says a file cannot be split", () => {
  const e = explain(problem(413, "The file \"Takeout/Fitbit/Activities/1.tcx\" is 3.0 MiB, more than the 2.0 MiB the server takes in one file."), { now: NOW });
  assert.equal(e.title, "Too large for the server");
  assert.match(e.detail, /^The file "Takeout\/Fitbit\/Activities\/1\.tcx" is 3\.0 MiB, more than the 2\.0 MiB the server takes in one file\. /);
  assert.match(e.detail, /a single file larger than the server's limit cannot be split/);
  assert.match(e.action, /Convert on this device/);
});

test("explain 3b: a 403 block says until when and that this device still works; another 403 does not", () => {
  const until = new Date(NOW + 5 * 60_000).toISOString();
  const e = explain(new ApiError(403, { status: 403, detail: "This browser is blocked.", blockedUntil: until }, 300), { now: NOW });
  assert.equal(e.title, "The server has paused this browser");
  assert.match(e.detail, /stops taking requests from a browser for a while/);
  assert.equal(e.action, "Try again in 5 minutes (after 06:05). Or convert on this device now: it has no limits.");
  const other = explain(problem(403, "Another website."), { now: NOW });
  assert.equal(other.title, "The server refused the request");
});

test("explain 4: a 422 keeps the server's detail", () => {
  const e = explain(problem(422, "notes.txt is not a file of a Fitbit export."));
  assert.equal(e.title, "This is not a Fitbit export file");
  assert.equal(e.detail, "notes.txt is not a file of a Fitbit export.");
});

test("explain 5: a 5xx says nothing was lost", () => {
  assert.match(explain(problem(503, "storage")).action, /^Nothing was lost/);
});

test("explain 6: a file that is not a zip names the file", () => {
  const err = Object.assign(new Error("not-a-zip"), { name: "ExportReadError", code: "not-a-zip", fileName: "photo.zip" });
  const e = explain(err);
  assert.equal(e.title, "That file is not a zip archive");
  assert.match(e.detail, /“photo\.zip”/);
});

test("explain 7: an export without Fitbit files points at Takeout's Fitbit choice", () => {
  const err = Object.assign(new Error("x"), { name: "ExportReadError", code: "no-fitbit-files" });
  assert.equal(explain(err).title, "No Fitbit data in what you chose");
});

test("explain 8: the core's message is shown for a file it cannot convert", () => {
  const err = Object.assign(new Error("weight-2023-01-01.json: not JSON"), { name: "CoreError", code: "format" });
  assert.equal(explain(err).detail, "The converter stopped: weight-2023-01-01.json: not JSON");
});

test("explain 13: a step the core cannot finish names the files it was converting", () => {
  const err = Object.assign(new Error("the core is out of memory (while converting steps-2023-01-01.json)"), { name: "CoreError", code: "capacity" });
  const e = explain(err);
  assert.equal(e.title, "A file could not be converted");
  assert.match(e.detail, /while converting steps-2023-01-01\.json/);
});

test("explain 14: a .tgz that is not one, and a choice with no Fitbit data, say what they hold", () => {
  const tgz = explain(Object.assign(new Error("not-a-tgz"), { name: "ExportReadError", code: "not-a-tgz", fileName: "takeout-001.tgz" }));
  assert.equal(tgz.title, "That file is not a .tgz archive");
  assert.match(tgz.detail, /“takeout-001\.tgz” could not be unpacked/);
  const none = explain(Object.assign(new Error("x"), { name: "ExportReadError", code: "no-fitbit-files", files: 12, products: ["Mail", "Photos"] }));
  assert.equal(none.title, "No Fitbit data in what you chose");
  assert.match(none.detail, /^What you chose holds 12 files from Mail and Photos, but no Fitbit data/);
  assert.match(none.action, /several parts, add them all/);
});

test("explain 9: cancelling is not an error to fix", () => {
  assert.equal(explain(new DOMException("x", "AbortError")).title, "Cancelled");
});

test("explain 10: a network failure suggests converting on this device", () => {
  assert.match(explain(Object.assign(new Error("x"), { name: "NetworkError" })).action, /Convert on this device/);
});

test("explain 12: one file over the upload cap names it and suggests this device", () => {
  const err = Object.assign(new Error("x"), { name: "TooLargeFileError", path: "Takeout/Fitbit/Activities/1.tcx", bytes: 3_000_000, maxBytes: 2_097_152 });
  const e = explain(err);
  assert.equal(e.detail, "1.tcx is 3.0 MB, and the server takes at most 2.1 MB in one file. TrackerSync sends an export file by file, but cannot split one file.");
  assert.match(e.action, /Convert on this device/);
});

test("format 11: bytes, waits, durations and weights", () => {
  assert.deepEqual(
    [0, 999, 1000, 12_345, 999_999, 2_500_000, 3_200_000_000].map(formatBytes),
    ["0 B", "999 B", "1.0 kB", "12 kB", "1.0 MB", "2.5 MB", "3.2 GB"],
  );
  assert.deepEqual([0, 1, 59, 60, 61, 3600, 3661].map(formatWait), ["1 second", "1 second", "59 seconds", "1 minute", "2 minutes", "1 hour", "1 hour 2 minutes"]);
  assert.deepEqual([59, 2530, 3725].map(formatDuration), ["0:59", "42:10", "1:02:05"]);
  assert.equal(weightIn(72.5, "kg"), 72.5);
  assert.equal(Math.round(weightIn(72.5, "lb") * 100) / 100, 159.84);
});

test("explain 15: a damaged zip member, a zip packed with bzip2 or LZMA and one with a password say what to do in words, not 'Something went wrong' (numbered rows)", async () => {
  // Helper findings: each said "Try again; if it keeps happening, convert on this device", where the device had just failed.
  // Row 1's error is zip.js's own, from a real zip with one changed digit, read as read-export.js reads (checkCrc32).
  const { zipSync } = await import("fflate");
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter, configure } = await import("@zip.js/zip.js");
  configure({ useWebWorkers: false });
  const zip = Buffer.from(zipSync({ "weight-2022-01-01.json": [new TextEncoder().encode('[{"weight":86.9}]'), { level: 0 }] }));
  zip[zip.indexOf('"weight":') + 9] ^= 0x01;
  const [entry] = await new ZipReader(new Uint8ArrayReader(new Uint8Array(zip))).getEntries();
  const damaged = await entry.getData(new Uint8ArrayWriter(), { checkCrc32: true }).then(() => null, (err) => err);
  assert.ok(damaged, "zip.js refuses the member");
  // Row 3's error is zip.js's own too: a zip made with a password, read without one.
  const { ZipWriter, TextReader } = await import("@zip.js/zip.js");
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password: "secret" });
  await writer.add("weight-2022-01-01.json", new TextReader('[{"weight":86.9}]'));
  const [locked] = await new ZipReader(new Uint8ArrayReader(await writer.close())).getEntries();
  const encrypted = await locked.getData(new Uint8ArrayWriter(), { checkCrc32: true }).then(() => null, (err) => err);
  assert.ok(encrypted, "zip.js refuses the encrypted member");
  for (const [row, err, title, action] of [
    [1, damaged, "A file in the zip is damaged", /Download the export again/],
    [2, new Error("Compression method not supported"), "This zip is packed in a way the browser cannot read", /exactly as Google Takeout sent it/],
    [3, encrypted, "This zip is protected by a password", /Unzip it with its password/],
  ]) {
    const e = explain(err);
    assert.equal(e.title, title, `row ${row}: ${err.message}`);
    assert.match(e.action, action, `row ${row}`);
    assert.doesNotMatch(`${e.detail} ${e.action}`, /convert on this device/i, `row ${row}`);
  }
});

test("explain 16: a zip that holds another archive and no Fitbit file says to choose the inner one", () => {
  // Helper finding: a Takeout zip zipped again got the advice to add parts or tick Fitbit.
  const e = explain(Object.assign(new Error("no-fitbit-files"), { name: "ExportReadError", code: "no-fitbit-files", files: 1, products: [], archives: ["takeout-20261127T101500Z-001.zip"] }));
  assert.match(e.detail, /It holds another archive, “takeout-20261127T101500Z-001\.zip”: the export is most likely inside it\./);
  assert.match(e.action, /choose the archive inside it/);
  const plain = explain(Object.assign(new Error("no-fitbit-files"), { name: "ExportReadError", code: "no-fitbit-files", files: 2, products: [] }));
  assert.match(plain.action, /add them all/);
});
