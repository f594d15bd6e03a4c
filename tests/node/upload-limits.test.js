// The 413 details of shared/upload-limits.js: sizes a person can compare (numbered rows).
import { test } from "node:test";
import assert from "node:assert/strict";
import { capDetail, cutPath, fileCapDetail } from "../../worker-shim/shared/upload-limits.js";

test("1: capDetail gives sizes that can be told apart (numbered rows)", () => {
  const limits = { maxBytes: 2 * 1024 * 1024, maxFiles: 500 };
  const rows = [
    // [n, why, counts, a pattern the detail matches]
    [1, "well over the cap: rounded sizes", { bytes: 3 * 1024 * 1024, files: 3 }, /carries 3\.0 MiB in 3 files; one request may carry at most 2\.0 MiB in at most 500 files/],
    [2, "a byte over: the sizes in bytes, not '2.0 MiB … at most 2.0 MiB'", { bytes: 2 * 1024 * 1024 + 1 }, /carries 2097153 bytes; one request may carry at most 2097152 bytes/],
    [3, "files only", { files: "more than 500" }, /carries more than 500 files; one request may carry at most 2\.0 MiB/],
    [4, "nothing known but that it is too large", {}, /^This request is too large; one request may carry at most 2\.0 MiB/],
  ];
  for (const [n, why, counts, pattern] of rows) assert.match(capDetail(limits, counts), pattern, `row ${n}: ${why}`);
});

test("2: a path the request sent is quoted at most 80 characters long, by its end (numbered rows)", () => {
  const long = `Takeout/${"x".repeat(450)}/Fitbit/Activities/123456.tcx`;
  const rows = [
    // [n, why, path, what the quote is]
    [1, "a usual path: whole", "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json"],
    [2, "exactly 80: whole", "a".repeat(80), "a".repeat(80)],
    [3, "81: its last 79 after an ellipsis", "b".repeat(81), `…${"b".repeat(79)}`],
    [4, "a 494-character path: the end, where the file's own name is", long, `…${long.slice(-79)}`],
  ];
  for (const [n, why, path, want] of rows) {
    assert.equal(cutPath(path), want, `row ${n}: ${why}`);
    assert.ok(cutPath(path).length <= 80, `row ${n}: at most 80`);
  }
  // A detail quoting a 494-character name no longer carries 200 of its characters (attack).
  const detail = fileCapDetail({ maxFileBytes: 2 * 1024 * 1024 }, long, 3 * 1024 * 1024);
  assert.match(detail, /The file "…x+\/Fitbit\/Activities\/123456\.tcx" is 3\.0 MiB/);
  assert.ok(!detail.includes("x".repeat(80)));
});
