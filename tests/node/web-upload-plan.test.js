// The page's upload split (worker-shim/public/js/upload-plan.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PART_OVERHEAD_BYTES, planUploads, TooLargeFileError } from "../../worker-shim/public/js/upload-plan.js";

const file = (path, n) => ({ path, data: new Uint8Array(n) });
const names = (parts) => parts.map((p) => p.map((f) => f.path));
// Wire size of files with one-letter names.
const wire = (...sizes) => PART_OVERHEAD_BYTES + sizes.reduce((s, n) => s + n + 1 + PART_OVERHEAD_BYTES, 0);

test("1: everything fits in one part", () => {
  assert.deepEqual(names(planUploads([file("a", 10), file("b", 20)], 10_000)), [["a", "b"]]);
});

test("2: a part closes when the next file would overflow it; order is kept", () => {
  const cap = wire(100, 100);
  assert.deepEqual(names(planUploads([file("a", 100), file("b", 100), file("c", 100), file("d", 1)], cap)), [["a", "b"], ["c", "d"]]);
});

test("3: a part exactly at the cap is allowed", () => {
  assert.deepEqual(names(planUploads([file("a", 100), file("b", 50)], wire(100, 50))), [["a", "b"]]);
  assert.deepEqual(names(planUploads([file("a", 100), file("b", 51)], wire(100, 50))), [["a"], ["b"]]);
});

test("4: one file larger than the cap cannot be split and says which", () => {
  assert.throws(
    () => planUploads([file("a", 10), file("big.tcx", 5000)], 1000),
    (e) => e instanceof TooLargeFileError && e.path === "big.tcx" && e.bytes === 5000 && e.capBytes === 1000,
  );
});

test("5: no files, no parts", () => {
  assert.deepEqual(planUploads([], 1000), []);
});
