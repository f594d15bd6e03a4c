// The download zip is the same bytes wherever and whenever it is built: in the Worker (UTC)
// and in a browser in any time zone, in one piece or streamed entry by entry. Checked by
// building it under several TZ values in one process (Node re-reads TZ when it changes) and
// by Info-ZIP's own `unzip -t`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { contentDisposition, contentTypeFor, zipOutputs, ZipStream } from "../../worker-shim/shared/packaging.js";

const enc = (s) => new TextEncoder().encode(s);
const FILES = [
  { path: "weight/weight-2023-01.fit", data: new Uint8Array([14, 32, 0x85, 0x52, 1, 2, 3]) },
  { path: "manifest.json", data: enc('{"files":[]}') },
  { path: "IMPORT.txt", data: enc("Import in batches of 100.\n") },
  { path: "csv/Activities ü.csv", data: enc("Activities\n") },
];

test("1: identical bytes in every time zone and on every call", () => {
  const saved = process.env.TZ;
  try {
    const builds = ["UTC", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata"].map((tz) => {
      process.env.TZ = tz;
      return Buffer.from(zipOutputs(FILES)).toString("hex");
    });
    for (const b of builds) assert.equal(b, builds[0]);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test("2: entries in the order given (the download order), stored, with the fixed time; Info-ZIP tests it clean", () => {
  const zip = zipOutputs(FILES);
  const files = unzipSync(zip);
  assert.deepEqual(Object.keys(files), FILES.map((f) => f.path));
  assert.notEqual(Buffer.from(zipOutputs([...FILES].reverse())).toString("hex"), Buffer.from(zip).toString("hex"), "order is part of the bytes");
  for (const f of FILES) assert.deepEqual(files[f.path], f.data);
  const dir = mkdtempSync(path.join(os.tmpdir(), "ts-zip-"));
  try {
    writeFileSync(path.join(dir, "out.zip"), zip);
    const listing = execFileSync("unzip", ["-Z", "-T", "-l", path.join(dir, "out.zip")], { encoding: "utf8" });
    assert.match(listing, /stor 20000101\.120000 weight\/weight-2023-01\.fit/);
    execFileSync("unzip", ["-tq", path.join(dir, "out.zip")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("3: refuses a path given twice instead of writing an ambiguous zip", () => {
  assert.throws(() => zipOutputs([FILES[0], FILES[0]]), /duplicate output path/);
});

test("3b: streamed entry by entry (ZipStream, as the device does), the zip has the same bytes", () => {
  const chunks = [];
  const zip = new ZipStream((c) => chunks.push(Buffer.from(c)));
  const sizes = [];
  for (const f of FILES) {
    zip.add(f.path, f.data);
    sizes.push(chunks.reduce((n, c) => n + c.length, 0));
  }
  zip.end();
  assert.ok(sizes.every((n, i) => n > (sizes[i - 1] ?? 0)), "each entry is written when it is added");
  assert.ok(Buffer.concat(chunks).equals(Buffer.from(zipOutputs(FILES))));
});

test("4: Content-Type and Content-Disposition per output", () => {
  const cases = [
    [1, "a/b.fit", "application/vnd.ant.fit", `attachment; filename="b.fit"; filename*=UTF-8''b.fit`],
    [2, "manifest.json", "application/json; charset=utf-8", `attachment; filename="manifest.json"; filename*=UTF-8''manifest.json`],
    [3, "csv/x.CSV", "text/csv; charset=utf-8", `attachment; filename="x.CSV"; filename*=UTF-8''x.CSV`],
    [4, "IMPORT.txt", "text/plain; charset=utf-8", `attachment; filename="IMPORT.txt"; filename*=UTF-8''IMPORT.txt`],
    [5, 'reference/"q".bin', "application/octet-stream", `attachment; filename="_q_.bin"; filename*=UTF-8''%22q%22.bin`],
  ];
  for (const [n, p, type, disposition] of cases) {
    assert.equal(contentTypeFor(p), type, `case ${n}`);
    assert.equal(contentDisposition(p), disposition, `case ${n}`);
  }
});
