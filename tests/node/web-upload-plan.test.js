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

test("8: with digestBytes, a part carries at most that much of exercise files (the server digests that much per request); other files still fill it", () => {
  const ex = (path, n) => ({ ...file(path, n), kind: "exercise" });
  const limits = { ...LIMITS, digestBytes: 300 };
  assert.deepEqual(
    names(planUploads([file("w1", 100), ex("e1", 200), ex("e2", 100), ex("e3", 50), file("w2", 200), ex("e4", 300)], limits)),
    [["w1", "e1", "e2"], ["e3", "w2"], ["e4"]],
  );
  // One exercise file over digestBytes goes alone (stored undigested), not refused.
  assert.deepEqual(names(planUploads([ex("e1", 10), ex("big", 500), file("w", 10)], limits)), [["e1"], ["big", "w"]]);
  // Without digestBytes, kinds do not matter.
  assert.deepEqual(names(planUploads([ex("e1", 400), ex("e2", 400)], LIMITS)), [["e1", "e2"]]);
});

test("9: with maxRequests, a split cut for digests into more requests than that is made again without the cut (the server builds one upload of at most UPLOAD_MAX_REQUESTS requests)", () => {
  const ex = (path, n) => ({ ...file(path, n), kind: "exercise" });
  const files = [ex("e1", 300), ex("e2", 300), ex("e3", 300), file("w", 100)];
  const cut = { ...LIMITS, digestBytes: 300 };
  assert.deepEqual(names(planUploads(files, cut)), [["e1"], ["e2"], ["e3", "w"]], "within maxRequests (none given): cut for digests");
  assert.deepEqual(names(planUploads(files, { ...cut, maxRequests: 3 })), [["e1"], ["e2"], ["e3", "w"]], "exactly maxRequests: kept");
  assert.deepEqual(names(planUploads(files, { ...cut, maxRequests: 2 })), [["e1", "e2", "e3", "w"]], "over: filled to the byte cap");
});
