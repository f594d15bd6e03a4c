// Which export files TrackerSync takes, by name pattern in either export layout; everything
// else is refused (the Worker answers 422, the web page leaves it out of the upload).
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXPORT_KINDS, exportFileKind } from "../../worker-shim/shared/export-files.js";

const CASES = [
  [1, "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", "weight", "Takeout monthly weight log"],
  [2, "MyFitbitData/Jane/Personal & Account/weight-2017-07-05.json", "weight", "older archive layout"],
  [3, "weight-2023-01-01.json", "weight", "a loose file keeps its kind: the name decides, not the folder"],
  [4, "Takeout/Fitbit/Your Profile/Profile.csv", "profile", "time zone and height"],
  [5, "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", "weight_csv", "Takeout's weight in grams"],
  [6, "MyFitbitData/Jane/Physical Activity/exercise-100.json", "exercise", "numbered workout files"],
  [7, "Takeout/Fitbit/Activities/53025679511.tcx", "tcx", "a workout's GPS track"],
  [8, "MyFitbitData/Jane/Physical Activity/heart_rate-2023-01-25.json", "heart_rate", "per-day heart rate"],
  [9, "MyFitbitData/Jane/Physical Activity/resting_heart_rate-2024-03-01.json", "resting_heart_rate", "not heart_rate"],
  [10, "MyFitbitData/Jane/Sleep/sleep-2024-03-21.json", "sleep", ""],
  [11, "MyFitbitData/Jane/Physical Activity/steps-2023-02-25.json", "steps", ""],
  [12, "MyFitbitData/Jane/Physical Activity/distance-2023-02-25.json", "distance", ""],
  [13, "MyFitbitData/Jane/Physical Activity/calories-2023-02-25.json", "calories", ""],
  [14, "Takeout/Fitbit/Heart Rate Variability/Daily Heart Rate Variability Summary - 2024-01.csv", "takeout_csv", "Takeout data folder CSV"],
  [15, "Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2024-01-01.csv", "takeout_csv", ""],
  [16, "Takeout/Fitbit/Physical Activity_GoogleData/heart_rate_2024-10-27.csv", "takeout_csv", ""],
  [17, "53025679511.tcx", null, "a TCX outside Activities/ is not known to be Fitbit's"],
  [18, "holiday.jpg", null, "not an export file"],
  [19, "Takeout/Fitbit/Global Export Data/weight.json", null, "no date: not the monthly pattern"],
  [20, "Takeout/Fitbit/Global Export Data/badges.json", null, "an export file TrackerSync does not read"],
  [21, "../weight-2023-01-01.json", null, "no '..' segments"],
  [22, "Takeout//weight-2023-01-01.json", null, "no empty segments"],
  [23, "", null, "empty name"],
  [24, "Takeout/Fitbit/notes.csv", null, "a CSV outside the data folders"],
  [25, `${"a/".repeat(300)}weight-2023-01-01.json`, null, "absurdly long path"],
  [26, "Takeout/Fitbit/Global Export Data/moderately_active_minutes-2023-02-25.json", "moderately_active_minutes", "daily active minutes (the daily CSV)"],
  [27, "MyFitbitData/Jane/Physical Activity/floors-2023-02-25.json", "floors", "per-minute floors"],
  [28, "Takeout/Fitbit/Global Export Data/altitude-2023-02-25.json", "altitude", "per-minute climb, floors when floors-*.json is absent"],
  [29, "__MACOSX/Takeout/Fitbit/Global Export Data/._weight-2023-01-01.json", null, "macOS zip metadata twin"],
  [30, "Takeout/Fitbit/Global Export Data/._weight-2023-01-01.json", null, "AppleDouble file next to the real one"],
  [31, "__MACOSX/Takeout/Fitbit/Activities/._53025679511.tcx", null, "twin of a TCX (would match the Activities rule)"],
];

test("exportFileKind: numbered cases", () => {
  for (const [n, path, kind, why] of CASES) assert.equal(exportFileKind(path), kind, `case ${n}: ${why}`);
});

test("every kind it can return is listed in EXPORT_KINDS", () => {
  for (const [, , kind] of CASES) if (kind) assert.ok(EXPORT_KINDS.includes(kind), kind);
});
