// The page's split of files into upload requests (worker-shim/public/js/upload-plan.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { planUploads, TooLargeFileError } from "../../worker-shim/public/js/upload-plan.js";

const file = (path, n) => ({ path, data: new Uint8Array(n) });
const names = (parts) => parts.map((p) => p.map((f) => f.path));
const LIMITS = { maxBytes: 1000, maxFiles: 500 };

test("1: everything fits in one part", () => {
  assert.deepEqual(names(planUploads([file("a", 10), file("b", 20)], LIMITS)), [["a", "b"]]);
});

test("2: a part closes when the next file would overflow it; order is kept", () => {
  assert.deepEqual(names(planUploads([file("a", 400), file("b", 400), file("c", 400), file("d", 1)], LIMITS)), [["a", "b"], ["c", "d"]]);
});

test("3: a part exactly at the byte cap is allowed", () => {
  assert.deepEqual(names(planUploads([file("a", 600), file("b", 400)], LIMITS)), [["a", "b"]]);
  assert.deepEqual(names(planUploads([file("a", 600), file("b", 401)], LIMITS)), [["a"], ["b"]]);
});

test("4: the file-count cap splits too", () => {
  assert.deepEqual(names(planUploads([file("a", 1), file("b", 1), file("c", 1)], { maxBytes: 1000, maxFiles: 2 })), [["a", "b"], ["c"]]);
});

test("6: one file larger than the cap cannot be split and says which", () => {
  assert.throws(
    () => planUploads([file("a", 10), file("big.tcx", 5000)], LIMITS),
    (e) => e instanceof TooLargeFileError && e.path === "big.tcx" && e.bytes === 5000 && e.maxBytes === 1000,
  );
});

test("7: no files, no parts", () => {
  assert.deepEqual(planUploads([], LIMITS), []);
});
