// What the page does with the files of an export (worker-shim/public/js/kind-labels.js): labels,
// what is sent and in which order (the files each choice sends: web-page-choices.test.js).
// Which kind a file is comes from the core's classifier (ts_classify_paths), as the page gets
// it (js/classifier.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyPaths, fileKinds } from "../../worker-shim/shared/export-files.js";
import { largestOfEachPath, KIND_LABELS, selectExportFiles } from "../../worker-shim/public/js/kind-labels.js";
import { core } from "./load-core.js";

const select = (entries) => selectExportFiles(entries, classifyPaths(core, entries.map((e) => e.path)));

test("1: every kind in the core's table has a label on the page", () => {
  assert.deepEqual(KIND_LABELS.map((k) => k.kind).sort(), fileKinds(core).kinds.map((k) => k.kind).sort());
});

test("2: groups by kind in a fixed order, sorts paths, totals what is skipped and says why", () => {
  const r = select([
    { path: "T/exercise-0.json", bytes: 10 },
    { path: "T/weight-2023-02-01.json", bytes: 5 },
    { path: "T/weight-2023-01-01.json", bytes: 7 },
    { path: "T/heart_rate-2023-01-01.json", bytes: 100 },
    { path: "T/photo.jpg", bytes: 1000 },
    { path: "T/notes.txt", bytes: 3 },
  ]);
  assert.deepEqual(
    r.files.map((f) => [f.path, f.kind, f.sent]),
    [
      ["T/weight-2023-01-01.json", "weight", true],
      ["T/weight-2023-02-01.json", "weight", true],
      ["T/exercise-0.json", "exercise", true],
      ["T/heart_rate-2023-01-01.json", "heart_rate", true],
    ],
  );
  assert.deepEqual(r.byKind, [
    { kind: "weight", label: "Weight logs", sent: true, count: 2, bytes: 12 },
    { kind: "exercise", label: "Workouts", sent: true, count: 1, bytes: 10 },
    { kind: "heart_rate", label: "Heart rate (every few seconds)", sent: true, count: 1, bytes: 100 },
  ]);
  assert.deepEqual(r.ignored, { count: 2, bytes: 1003 });
  assert.deepEqual(r.skipped.map((g) => [g.code, g.paths]), [["not-read", ["T/notes.txt", "T/photo.jpg"]]]);
});

test("3: the same files in another order give the same list", () => {
  const a = [
    { path: "b/weight-2023-01-01.json", bytes: 1 },
    { path: "a/Profile.csv", bytes: 1 },
    { path: "a/weight-2023-01-01.json", bytes: 1 },
  ];
  assert.deepEqual(select(a).files, select([...a].reverse()).files);
});

test("4: largestOfEachPath: the largest entry of a path is converted (the first of those as large), the others are repeats (numbered rows)", () => {
  const rows = [
    // [n, why, paths in order, expected unique (indexes), expected repeats (indexes), sizes (1 each when absent)]
    [1, "no path twice: every entry, none repeated", ["a/x.json", "b/x.json"], [0, 1], []],
    [2, "a path twice (two Takeout parts): the first kept, in order", ["a/x.json", "b/y.json", "a/x.json"], [0, 1], [2]],
    [3, "a path three times: two repeats, in order", ["a/x.json", "a/x.json", "a/x.json"], [0], [1, 2]],
    [4, "paths differing only in case are different files", ["a/X.json", "a/x.json"], [0, 1], []],
    [5, "nothing in, nothing out", [], [], []],
    [6, "a path empty in the first part and whole in the second: the whole copy, in its place", ["a/1.tcx", "b/y.json", "a/1.tcx"], [1, 2], [0], [0, 5, 9]],
    [7, "the same parts in the other order: the same copy is converted", ["a/1.tcx", "b/y.json", "a/1.tcx"], [0, 1], [2], [9, 5, 0]],
    [8, "every copy empty: the first", ["a/1.tcx", "a/1.tcx"], [0], [1], [0, 0]],
    [9, "two whole copies after an empty one: the larger", ["a/1.tcx", "a/1.tcx", "a/1.tcx"], [2], [0, 1], [0, 7, 9]],
    [10, "a month of weigh-ins as `[]` first, whole second (helper finding: the `[]` was read, 13 weigh-ins lost)", ["a/weight-2015-03-01.json", "a/weight-2015-03-01.json"], [1], [0], [2, 1461]],
    [11, "two whole copies as large: the first", ["a/x.json", "a/x.json"], [0], [1], [9, 9]],
  ];
  for (const [n, why, paths, unique, repeats, sizes] of rows) {
    const entries = paths.map((path, i) => ({ path, i, bytes: sizes ? sizes[i] : 1 }));
    const got = largestOfEachPath(entries);
    assert.deepEqual(got.unique.map((e) => e.i), unique, `row ${n}: ${why} (unique)`);
    assert.deepEqual(got.repeats.map((e) => e.i), repeats, `row ${n}: ${why} (repeats)`);
  }
});
