// The page's plain-words errors (worker-shim/public/js/plain-errors.js) and number formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, explain } from "../../worker-shim/public/js/plain-errors.js";
import { formatBytes, formatDuration, formatWait, weightIn } from "../../worker-shim/public/js/format.js";

// A fixed "now" in local time, so the "after HH:MM" clock is predictable in any zone.
const NOW = new Date(2026, 10, 27, 6, 0, 0).getTime();
const problem = (status, detail) => new ApiError(status, { type: "x", title: "t", status, detail }, null);

test("explain 1: a 429 says how long to wait and until when, from Retry-After", () => {
  const e = explain(new ApiError(429, { status: 429, detail: "Too many conversions." }, 125), { now: NOW });
  assert.equal(e.title, "Too many requests for now");
  assert.equal(e.detail, "Too many conversions.");
  assert.match(e.action, /^Try again in 3 minutes \(after 06:02\)\./);
  assert.match(e.action, /convert on this device/);
});

test("explain 2: a 429 without Retry-After still says when (a minute)", () => {
  const e = explain(new ApiError(429, null, null), { now: NOW });
  assert.match(e.action, /^Try again in 1 minute \(after 06:01\)\./);
  assert.equal(e.detail, "The server answered with status 429.");
});

test("explain 3: a 413 keeps the server's own detail (which names the file or its cap) and says a file cannot be split", () => {
  const e = explain(problem(413, "The file \"Takeout/Fitbit/Activities/1.tcx\" is 3.0 MiB, more than the 2.0 MiB the server takes in one file."), { now: NOW });
  assert.equal(e.title, "Too large for the server");
  assert.match(e.detail, /^The file "Takeout\/Fitbit\/Activities\/1\.tcx" is 3\.0 MiB, more than the 2\.0 MiB the server takes in one file\. /);
  assert.match(e.detail, /a single file larger than the server's limit cannot be split/);
  assert.match(e.action, /Convert on this device/);
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
