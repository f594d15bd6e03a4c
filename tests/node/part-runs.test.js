// PartRuns and stepsIn (worker-shim/shared/convert-steps.js): when the page, the tests and
// runSteps hand a run of step parts to gathering, and how a gathered part is counted without
// reading it (the Worker's assembly route). Numbered rows, each with its reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PartRuns, stepsIn } from "../../worker-shim/shared/convert-steps.js";
import { encodeBundle } from "../../worker-shim/shared/bundle.js";
import { PARTS_MAX_COUNT } from "../../worker-shim/shared/upload-limits.js";

const part = (n) => new Uint8Array(n).fill(0x7b); // "{{{…": a step part's first byte is "{"

test("PartRuns: which runs are ready to gather", () => {
  const rows = [
    // [n, why, bytes, part sizes added, ready(all)?, expected run (indexes of the parts) or null]
    [1, "bytes 0 gathers nothing, however much there is", 0, [500, 500, 500], true, null],
    [2, "one part is not a run: gathering it alone gains nothing", 100, [500], false, null],
    [3, "one part is not a run even at the end", 100, [500], true, null],
    [4, "two parts under the bytes (framing counted) wait for more", 1000, [300, 300], false, null],
    [5, "two parts reaching the bytes are a run", 1000, [500, 500], false, [0, 1]],
    [6, "at the end, what is left is a run however small", 1000, [10, 10, 10], true, [0, 1, 2]],
    [7, "a run stops at the cap (twice the bytes): the rest waits for the next run", 1000, [900, 900, 900], false, [0, 1]],
    [8, "a part too large for a run even with one other stays as it is", 1000, [1990, 500, 500], false, [1, 2]],
  ];
  // A run also stops at PARTS_MAX_COUNT parts, what one gather request carries (attack finding:
  // a client's 100,000 parts in one request): 5,000 parts of 10 bytes are under the bytes' cap.
  {
    const runs = new PartRuns(1_000_000);
    for (let i = 0; i < 5000; i++) runs.add(part(10));
    assert.equal(runs.ready(true).length, PARTS_MAX_COUNT, "row 9: a run of tiny parts stops at PARTS_MAX_COUNT");
  }
  for (const [n, why, bytes, sizes, all, expected] of rows) {
    const runs = new PartRuns(bytes);
    const parts = sizes.map((size) => part(size));
    for (const p of parts) runs.add(p);
    const run = runs.ready(all);
    assert.deepEqual(run === null ? null : run.map((p) => parts.indexOf(p)), expected, `row ${n}: ${why}`);
  }
});

test("PartRuns: a run's request body (one TSB1 bundle of its parts) is never over the cap", () => {
  let x = 7;
  const next = (n) => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) % n);
  for (let round = 0; round < 200; round++) {
    const cap = 200 + next(4000);
    const runs = new PartRuns(Math.floor(cap / 2), cap);
    let runsSeen = 0;
    for (let i = 0; i < 60; i++) {
      runs.add(part(1 + next(Math.floor(cap / 3))));
      for (let run; (run = runs.ready(i === 59)); ) {
        const body = encodeBundle(null, run.map((data) => ({ name: "part.json", data })));
        assert.ok(body.length <= cap, `round ${round}: a body of ${body.length} bytes for a cap of ${cap}`);
        runs.gathered(new Uint8Array([1]));
        runsSeen += 1;
      }
    }
    assert.ok(runsSeen > 0, `round ${round}: some run was gathered`);
  }
});

test("PartRuns: a gathered part takes its run's place and the next run starts after it", () => {
  const runs = new PartRuns(150);
  const [a, b, c, d] = [part(60), part(60), part(60), part(60)];
  runs.add(a);
  runs.add(b);
  assert.deepEqual(runs.ready(), [a, b], "row 0: the first run");
  runs.gathered(new Uint8Array([1])); // what the caller's gathering answered
  runs.add(c);
  assert.equal(runs.ready(), null, "row 1: the gathered part is not counted again in the next run");
  runs.add(d);
  assert.deepEqual(runs.ready(), [c, d], "row 2: the next run is only the parts after it");
  runs.gathered(new Uint8Array([2]));
  assert.equal(runs.parts.length, 2, "row 3: two gathered parts stand for the four step parts, in order");
  assert.equal(runs.ready(true), null, "row 4: nothing is left to gather at the end");
});

test("stepsIn: how many step parts a part stands for", () => {
  const rows = [
    [1, "a step's part.json is one", new TextEncoder().encode('{"kind":"weight"}'), 1],
    [2, "a gathered part states its count in its header", encodeBundle({ gathered: 40 }, [{ name: "gathered.json", data: "{}" }]), 40],
    [3, "a bundle without the count is not a gathered part", encodeBundle(null, []), -1],
    [4, "a count that is not a whole number above 0 is refused", encodeBundle({ gathered: 0 }, []), -1],
    [5, "a count that is not a number is refused", encodeBundle({ gathered: "9" }, []), -1],
    [6, "a truncated bundle is refused, not thrown", new Uint8Array([0x54, 0x53, 0x42, 0x31, 9]), -1],
    [7, "the largest count a header can state", encodeBundle({ gathered: Number.MAX_SAFE_INTEGER }, []), Number.MAX_SAFE_INTEGER],
    // Its options are never parsed (a client's 15 MB of "[{},…]" was hundreds of MB of heap).
    [8, "a header longer than a count needs is refused unread", encodeBundle({ gathered: 2, x: Array.from({ length: 100_000 }, () => ({})) }, []), -1],
    // Nor are its files decoded past a gathered part's own count (131,000 empty files in 1 MiB
    // cost 0.2-0.8 s of JS to count; attack finding).
    [9, "more files than a gathered part holds is refused unread", encodeBundle({ gathered: 2 }, Array.from({ length: 131_000 }, () => ({ name: "", data: "" }))), -1],
    [10, "a gathered part's own files, one per kind with gathered.json and tables", encodeBundle({ gathered: 3 }, ["gathered.json", "weight", "workouts", "daily", "sleep", "resting_hr", "heart_rate", "other", "tables"].map((name) => ({ name, data: "" }))), 3],
  ];
  for (const [n, why, bytes, expected] of rows) assert.equal(stepsIn(bytes), expected, `row ${n}: ${why}`);
});
