// The report says, before converting, which daily metric lacks files for periods the export's
// other daily files cover (wasm/core/convert/daily_gaps.h), and the zip then says the same days
// were written as 0. Numbered rows: the files left out of a five-month export, and the report's
// gap warnings they must give.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { convertExport } from "./convert-export.js";

const text = (u8) => new TextDecoder().decode(u8);
// Five 30-day files of each per-minute metric: 2023-01-01, 01-31, 03-02, 04-01, 05-01.
const files = generateExport({ seed: 3, years: 0.3, perWeek: 1, minuteDays: 150, start: "2023-01-01" });
const gapsOf = (report) => (report.warnings ?? []).filter((w) => w.startsWith("daily activity:"));
const without = (re) => files.filter((f) => !re.test(f.name));

const ROWS = [
  // 1: every file: no gap.
  { drop: null, gaps: [] },
  // 2: one steps file missing in the middle (a Takeout part not given): Steps lacks 1 of 5.
  { drop: /steps-2023-03-02\.json$/, gaps: ["daily activity: no Steps file for 1 of the 5 periods of about 30 days the export's other daily files cover (the one beginning 2023-03-02): on those days the daily CSV will have 0 in Steps (a day with nothing recorded at all is left out). If the export came in several Takeout parts, add every part"] },
  // 3: steps and distance missing for the same periods: one line for both.
  { drop: /(steps|distance)-2023-(01-31|04-01)\.json$/, gaps: ["daily activity: no Steps, Distance file for 2 of the 5 periods of about 30 days the export's other daily files cover (the first beginning 2023-01-31, the last 2023-04-01): on those days the daily CSV will have 0 in Steps, Distance (a day with nothing recorded at all is left out). If the export came in several Takeout parts, add every part"] },
  // 4: different periods missing: one line each, in the CSV's column order.
  { drop: /(calories-2023-01-01|very_active_minutes-2023-05-01)\.json$/, gaps: [
    "daily activity: no Calories Burned file for 1 of the 5 periods of about 30 days the export's other daily files cover (the one beginning 2023-01-01): on those days the daily CSV will have 0 in Calories Burned (a day with nothing recorded at all is left out). If the export came in several Takeout parts, add every part",
    "daily activity: no Minutes Very Active file for 1 of the 5 periods of about 30 days the export's other daily files cover (the one beginning 2023-05-01): on those days the daily CSV will have 0 in Minutes Very Active (a day with nothing recorded at all is left out). If the export came in several Takeout parts, add every part",
  ] },
  // 5: no steps file at all: not a gap (the report's metrics list leaves steps out; the zip
  // says no data was read for it).
  { drop: /steps-\d{4}-\d{2}-\d{2}\.json$/, gaps: [] },
];

for (const [i, row] of ROWS.entries()) {
  test(`${i + 1}: the report's daily gap warnings`, () => {
    const { report } = convertExport(row.drop ? without(row.drop) : files);
    assert.deepEqual(gapsOf(report), row.gaps);
  });
}

test("6: the zip says the same days were written as 0", () => {
  const { byName } = convertExport(without(/steps-2023-03-02\.json$/));
  const warnings = JSON.parse(text(byName.get("manifest.json"))).warnings;
  const uncovered = warnings.filter((w) => w.startsWith("daily CSV: Steps has no reading on"));
  assert.equal(uncovered.length, 1, warnings.join("\n"));
  // The file's 30 days less the last: Fitbit writes steps in UTC, so the next file's first
  // hours are the evening of 31 March in New York.
  assert.match(uncovered[0], /no reading on 29 of the 150 day\(s\) written \(the first 2023-03-02, the last 2023-03-30\)/);
});
