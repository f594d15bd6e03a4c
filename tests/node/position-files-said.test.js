// Google's position files: what of them is not converted is said (wasm/core/convert/plan_report.cpp
// and the unused-track reason, wasm/core/fitbit/file_kinds.cpp). Numbered rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { convertExport } from "./convert-export.js";

const text = (u8) => new TextDecoder().decode(u8);
const GEN = { seed: 4, years: 0.2, perWeek: 2, workoutsPerWeek: 3, start: "2023-03-01" };
const said = (report) => report.warnings.some((w) => w.startsWith("workouts: Google's position files (gps_location_*.csv) hold every position"));

test("1: an export with Google's position files says positions outside every workout go to no file, before converting and in the zip", () => {
  const { report, byName } = convertExport(generateExport({ ...GEN, takeoutGps: true }));
  assert.ok(report.kinds.find((k) => k.kind === "workouts").records > 0);
  assert.equal(said(report), true, report.warnings.join("\n"));
  assert.equal(said(JSON.parse(text(byName.get("manifest.json")))), true, "the manifest says it too");
});

test("2: an export whose maps are TCX files says nothing of position files", () => {
  const { report } = convertExport(generateExport(GEN));
  assert.equal(said(report), false);
});

test("3: a position file of a day no workout lies in is named, as a walk Fitbit kept as no exercise too", () => {
  const files = generateExport({ ...GEN, takeoutGps: true });
  const gps = files.find((f) => /gps_location_\d{4}-\d{2}-\d{2}\.csv$/.test(f.name));
  const lone = { name: gps.name.replace(/\d{4}-\d{2}-\d{2}\.csv$/, "2024-12-24.csv"), data: gps.data };
  const { byName } = convertExport([...files, lone]);
  const skipped = JSON.stringify(JSON.parse(text(byName.get("manifest.json"))).skippedFiles);
  assert.match(skipped, /gps_location_2024-12-24\.csv/);
  assert.match(skipped, /recorded outside any workout the exercise files \(exercise-\*\.json, UserExercises_\*\.csv\) hold, as a walk Fitbit did not keep as an exercise/);
});
