// worker-shim/public/js/format.js dayText: a report date as the page shows it; instantDay: a
// workout's day as the list shows it. Numbered rows,
// each with why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dayText, instantDay } from "../../worker-shim/public/js/format.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { core } from "./load-core.js";
import { convertExport } from "./convert-export.js";

const ROWS = [
  [1, "helper finding on a real export: an instant is the day it was in the export's zone (the report said 'to 7 Jul', the workout list 6 Jul)", "2025-07-07T01:00:00Z", "America/Los_Angeles", "6 Jul 2025"],
  [2, "the same instant in UTC", "2025-07-07T01:00:00Z", "UTC", "7 Jul 2025"],
  [3, "a date is its own day, whatever the zone", "2025-07-07", "America/Los_Angeles", "7 Jul 2025"],
  [4, "a local clock reading (no Z) is its own day", "2025-07-07T23:10:00", "Asia/Tokyo", "7 Jul 2025"],
  [5, "a zone Intl does not know reads as UTC, never an error", "2025-07-07T01:00:00Z", "Mars/Base", "7 Jul 2025"],
  [6, "nothing is a dash", null, "UTC", "—"],
];

for (const [n, why, iso, zone, text] of ROWS) {
  test(`${n}: ${why}`, () => assert.equal(dayText(iso, zone), text));
}

// format.js instantDay: a workout's day as the conversion dates its file. Numbered rows, each
// with why: [n, why, start (UTC), zone, inEffect, day].
const TOKYO = [[0, 0], [1685545200, 9 * 3600], [1690848000, 0]]; // UTC, then +09:00 from Tokyo's midnight of 1 Jun 2023, UTC again from 1 Aug
const DAY_ROWS = [
  [7, "helper finding: a 16:40 UTC start while the export shows +09:00 is the next day, as its file is named", "2023-06-04T16:40:00Z", "Europe/London", TOKYO, "5 Jun 2023"],
  [8, "the same start dated in the zone field alone: the day the list showed before", "2023-06-04T16:40:00Z", "Europe/London", null, "4 Jun 2023"],
  [9, "before the first transition, its offset", "2023-05-01T20:00:00Z", "UTC", [[1685545200, 9 * 3600]], "2 May 2023"],
  [10, "at the change's second, the new offset", "2023-05-31T15:00:00Z", "UTC", TOKYO, "1 Jun 2023"],
  [11, "after the last change, its offset", "2023-08-05T23:30:00Z", "Asia/Tokyo", TOKYO, "5 Aug 2023"],
  [12, "an empty table is no table", "2023-06-04T16:40:00Z", "Asia/Tokyo", [], "5 Jun 2023"],
];
for (const [n, why, iso, zone, inEffect, text] of DAY_ROWS) {
  test(`${n}: ${why}`, () => assert.equal(instantDay(Date.parse(iso), zone, inEffect), text));
}

test("13: helper finding on a traveller's export: every workout the page lists (ts_inspect_file placed in the zone in effect, as core-worker.js asks) dated by the preview's zoneInEffect is the day its activity file is named for (the zone field's zone alone dated some a day off)", () => {
  const files = generateExport({ seed: 7, years: 1, start: "2023-01-01", zone: "Europe/London", perWeek: 4, workoutsPerWeek: 3, travel: [["2023-06-01", "Asia/Tokyo"], ["2023-08-01", "Europe/London"]] });
  // A walk logged by hand in Tokyo at 23:30 on 10 Jun, changed at 15:10 UTC that day: its start
  // is Tokyo's clock (workout_inputs.h place_written_clock_workouts), 14:30 UTC, the 10th there.
  // Placed in the zone field's zone (London) it stays 23:30 UTC, the 11th in Tokyo (review finding).
  const ex = files.find((f) => /exercise-0\.json$/.test(f.name));
  ex.data = JSON.stringify([...JSON.parse(ex.data), { logId: 99000000001, activityName: "Walk", activityTypeId: 90013, calories: 90, duration: 1800000, activeDuration: 1800000, steps: 2500, logType: "manual", startTime: "06/10/23 23:30:00", lastModified: "06/10/23 15:10:00", hasGps: false }]);
  const { options, byName } = convertExport(files);
  const manifest = JSON.parse(new TextDecoder().decode(byName.get("manifest.json")));
  const weightish = files.filter((f) => /weight|Profile\.csv|UserExercises/.test(f.name));
  const preview = core.callJson("ts_weight_preview", { options, files: weightish.map((f) => ({ name: f.name, text: f.data })) });
  assert.ok(preview.zoneInEffect?.length > 1, "the export's own offsets make a zone of their own");
  const activities = manifest.files.filter((f) => f.kind === "activity");
  assert.ok(activities.length > 50);
  // The page's list: each exercise file inspected in the zone in effect.
  const listed = (timeZone) => new Map(files.filter((f) => /exercise-\d+\.json$/.test(f.name))
    .flatMap((f) => core.callJson("ts_inspect_file", { path: f.name, text: f.data, timeZone }).workouts).map((w) => [w.logId, w.startUtcMs]));
  const inEffect = listed({ ...options.timeZone, transitions: preview.zoneInEffect });
  const inField = listed(options.timeZone);
  let off = 0;
  for (const f of activities) {
    const named = dayText(f.path.slice("activities/".length, "activities/".length + 10));
    assert.equal(instantDay(inEffect.get(f.logId), "Europe/London", preview.zoneInEffect), named, f.path);
    if (instantDay(inField.get(f.logId), "Europe/London") !== named) off += 1;
  }
  assert.ok(off > 0, "some workouts are dated otherwise in the zone field's zone alone");
  const walk = activities.find((f) => f.logId === 99000000001);
  assert.equal(walk.path, "activities/2023-06-10-99000000001.fit");
  assert.equal(instantDay(inField.get(99000000001), "Europe/London", preview.zoneInEffect), "11 Jun 2023", "placed in the zone field's zone: a day off");
});
