// The 413 details of shared/upload-limits.js: sizes a person can compare (numbered rows).
import { test } from "node:test";
import assert from "node:assert/strict";
import { capDetail } from "../../worker-shim/shared/upload-limits.js";

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
