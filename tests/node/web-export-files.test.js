// Which paths of an export the page and the upload route take (worker-shim/export-files.js,
// through the page's worker-shim/public/js/export-files.js, which runs the copy scripts/build
// puts in public/lib): by name pattern, whatever the folder layout (FORMATS.md §1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyPath, filesForKinds, selectExportFiles } from "../../worker-shim/public/js/export-files.js";

const CASES = [
  [1, "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", "weight", "Takeout layout"],
  [2, "MyFitbitData/Jane/Personal & Account/weight-2017-07-01.json", "weight", "older MyFitbitData layout"],
  [3, "Takeout/Google Health/Fitbit/Global Export Data/weight-2024-02-01.json", "weight", "2026 Google Health folder"],
  [4, "Takeout/Fitbit/Your Profile/Profile.csv", "profile", "profile: time zone and height"],
  [5, "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", "weight_csv", "Google's weight CSV (grams)"],
  [6, "Takeout/Fitbit/Global Export Data/exercise-100.json", "exercise", "workouts are numbered"],
  [7, "Takeout/Fitbit/Activities/53025679511.tcx", "tcx", "GPS track in the Activities folder"],
  [8, "MyFitbitData/Jane/Physical Activity/steps-2023-02-25.json", "steps", "per-minute steps"],
  [9, "Takeout/Fitbit/Global Export Data/distance-2023-02-25.json", "distance", "per-minute distance"],
  [10, "Takeout/Fitbit/Global Export Data/calories-2023-02-25.json", "calories", "per-minute calories"],
  [11, "Takeout/Fitbit/Global Export Data/resting_heart_rate-2024-03-01.json", "resting_heart_rate", "not confused with heart_rate"],
  [12, "MyFitbitData/Jane/Sleep/sleep-2024-03-21.json", "sleep", "sleep"],
  [13, "Takeout/Fitbit/Global Export Data/heart_rate-2023-01-25.json", "heart_rate", "recognised, not sent"],
  [14, "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json.bak", null, "suffix after the pattern"],
  [15, "__MACOSX/Takeout/Fitbit/Global Export Data/._weight-2023-01-01.json", null, "macOS zip metadata"],
  [16, "Takeout/Fitbit/Global Export Data/._weight-2023-01-01.json", null, "AppleDouble file"],
  [17, "Takeout/Photos/IMG_0001.jpg", null, "another Google product"],
  [18, "Takeout/Fitbit/Global Export Data/swim_lengths_data-2023-01-01.json", null, "a kind the converter does not read"],
  [19, "__MACOSX/Takeout/Fitbit/Activities/._53025679511.tcx", null, "macOS twin of a TCX"],
  [20, "weight-2023-01-01.json", "weight", "a file picked on its own, without folders"],
  [21, "Takeout/Fitbit/Global Export Data/floors-2023-01-01.json", "floors", "floors for the Activities CSV"],
  [22, "Takeout/Fitbit/Global Export Data/altitude-2023-01-01.json", "altitude", "altitude"],
  [23, "Takeout/Fitbit/Global Export Data/moderately_active_minutes-2023-01-01.json", "moderately_active_minutes", "fairly active minutes"],
  [24, "Takeout/Fitbit/Global Export Data/sedentary_minutes-2023-01-01.json", "sedentary_minutes", "sedentary minutes"],
  [27, "Takeout/Fitbit/Physical Activity_GoogleData/heart_rate.csv", "takeout_csv", "Google's CSV copies"],
  [28, "Takeout/Fitbit/Global Export Data/../weight-2023-01-01.json", null, "no dot segments"],
];

for (const [n, path, kind, why] of CASES) {
  test(`classifyPath ${n}: ${why}`, () => assert.equal(classifyPath(path), kind));
}

test("selectExportFiles 25: groups by kind in a fixed order, sorts paths, totals what is ignored", () => {
  const r = selectExportFiles([
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
      ["T/heart_rate-2023-01-01.json", "heart_rate", false],
    ],
  );
  assert.deepEqual(r.byKind, [
    { kind: "weight", label: "Weight logs", sent: true, count: 2, bytes: 12 },
    { kind: "exercise", label: "Workouts", sent: true, count: 1, bytes: 10 },
    { kind: "heart_rate", label: "Heart rate (every few seconds)", sent: false, count: 1, bytes: 100 },
  ]);
  assert.deepEqual(r.ignored, { count: 2, bytes: 1003 });
});

test("selectExportFiles 26: the same files in another order give the same list", () => {
  const a = [
    { path: "b/weight-2023-01-01.json", bytes: 1 },
    { path: "a/Profile.csv", bytes: 1 },
    { path: "a/weight-2023-01-01.json", bytes: 1 },
  ];
  assert.deepEqual(selectExportFiles(a).files, selectExportFiles([...a].reverse()).files);
});

test("filesForKinds 29: only the files of the chosen kinds, Profile.csv always, order kept", () => {
  const files = ["profile", "weight", "weight_csv", "exercise", "tcx", "steps", "sleep", "heart_rate"].map((kind) => ({ path: kind, kind }));
  assert.deepEqual(filesForKinds(files, new Set(["weight"])).map((f) => f.kind), ["profile", "weight", "weight_csv"]);
  assert.deepEqual(filesForKinds(files, new Set(["workouts", "reference"])).map((f) => f.kind), ["profile", "exercise", "tcx", "sleep"]);
  assert.deepEqual(filesForKinds(files, new Set()).map((f) => f.kind), ["profile"]);
});
