// worker-shim/shared/export-files.js: the JavaScript side of the core's one kind table and
// classifier (the paths themselves are the numbered cases of tests/cases/file-kinds.json,
// replayed by cases.test.js). What the upload route and the page get from it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyPaths, convertKinds, convertOfReport, fileKinds } from "../../worker-shim/shared/export-files.js";
import { core } from "./load-core.js";

test("1: the table: every kind with its pattern, report kind, output folder, convert option and whether a plan reads it first", () => {
  const t = fileKinds(core);
  assert.deepEqual(t.convertOptions, ["weight", "workouts", "daily", "reference"]);
  const weight = t.kinds.find((k) => k.kind === "weight");
  // Read for every option: the weigh-ins show the UTC offsets days and workouts follow too.
  assert.deepEqual(weight, { kind: "weight", pattern: "weight-YYYY-MM-DD.json", report: "weight", output: "weight/", convert: "weight", light: true, usedBy: t.convertOptions });
  // Light: small by nature, read by the plan (the report, the chart, every step's evidence).
  // Every other kind is read by its own step only.
  assert.deepEqual(
    t.kinds.filter((k) => k.light).map((k) => k.kind),
    ["weight", "weight_csv", "height", "height_csv", "body_fat_csv", "profile", "exercise", "google_exercises", "resting_heart_rate"],
  );
  const profile = t.kinds.find((k) => k.kind === "profile");
  assert.equal(profile.output, "", "Profile.csv is never copied into the outputs");
  assert.deepEqual(profile.usedBy, t.convertOptions);
  assert.deepEqual(t.skipReasons.map((r) => r.code), ["unsafe-path", "os-metadata", "google-csv-copy", "google-csv-unread", "google-csv-no-json", "repeated", "unnamed", "unmatched-track", "unused-google-track", "other-product", "not-read"]);
  assert.equal(fileKinds(core), t, "read once per core instance");
});

test("2: classifyPaths: one kind or null per path, in order; the skipped counted and named by reason", () => {
  const r = classifyPaths(core, ["a/Profile.csv", "b/holiday.jpg", "JaneDoe/user-site-export/weight/weight-2017-07-05.json", "c/._x.json"]);
  assert.deepEqual(r.kinds, ["profile", null, "weight", null]);
  assert.deepEqual(r.skipped.map((g) => [g.code, g.files, g.paths]), [["os-metadata", 1, ["c/._x.json"]], ["not-read", 1, ["b/holiday.jpg"]]]);
  assert.deepEqual(classifyPaths(core, []), { kinds: [], skipped: [] });
  // A NUL inside a path (the listing's separator) keeps it unsafe, not the kind its tail names.
  const nul = classifyPaths(core, ["T/weight-2023-01-01.js\0on", "T/weight-2023-01-01.json"]);
  assert.deepEqual(nul.kinds, [null, "weight"]);
  assert.deepEqual(nul.skipped.map((g) => [g.code, g.files]), [["unsafe-path", 1]]);
});

test("3: the convert options and the kinds each reads; the report kinds and their option", () => {
  const t = fileKinds(core);
  const byOption = convertKinds(t);
  assert.deepEqual(byOption.weight, ["weight", "weight_csv", "height", "height_csv", "body_fat_csv", "profile"]);
  assert.ok(byOption.workouts.includes("heart_rate"), "heart-rate days fill workouts without their own");
  assert.deepEqual(byOption.daily, ["weight", "weight_csv", "profile", "steps", "distance", "calories", "floors", "altitude", "sedentary_minutes", "lightly_active_minutes", "moderately_active_minutes", "very_active_minutes"]);
  assert.ok(byOption.reference.includes("other_health"));
  for (const [report, option] of [["weight", "weight"], ["workouts", "workouts"], ["daily", "daily"], ["sleep", "reference"], ["heart_rate", "reference"], ["other_health_data", "reference"]])
    assert.equal(convertOfReport(t, report), option, report);
  assert.equal(convertOfReport(t, "nothing"), null);
});
