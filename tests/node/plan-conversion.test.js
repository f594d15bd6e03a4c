// planConversion (shared/convert-steps.js), as the Worker's POST /api/convert runs it: with a
// guessed zone whose transitions run from 2009 to the end of the year after next, or over the
// years the export's dated names span (guessYears; each row runs with both), the plan is made once
// and kept when its report asks for that zone over a range inside the guess; otherwise it is
// made again, exactly. Either way every output, steps and assembly, must be the device's byte
// for byte: the device plans once with the options over the report's own range.
// Numbered rows, each an export shape with why it is there and whether the guess is kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core } from "./load-core.js";
import { guessFor, guessYears, planConversion, runSteps } from "../../worker-shim/shared/convert-steps.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";

const enc = new TextEncoder();
const NOW = Date.UTC(2026, 10, 30) / 1000;

// As routes/convert.js: the requested zone, else Profile.csv's, else the fallback; over the
// report's range, or one offset (now) when the records have no local times.
const zoneOf = (requested, fallback) => (report) => {
  const zone = requested ?? report.timeZone?.name ?? fallback ?? null;
  if (!zone) return null;
  const r = report.transitionsRange;
  return { ...timeZoneOption(zone, r?.from ?? NOW, r?.to ?? NOW), explicit: requested != null };
};
// The guess over every year from 2009 (names: none), or over the years the export's dated
// names span (names: every file's, as the route passes them).
const guessOf = (zone, explicit, names = []) => guessFor(zone, explicit, NOW * 1000, names);

async function outputs(options, plan, files) {
  const byName = new Map(files.map((f) => [f.name, f.data]));
  const out = [];
  await runSteps({
    core, options, plan,
    readFiles: async (names) => names.map((name) => ({ name, data: byName.get(name) })),
    onOutput: (path, data) => out.push(`${path} ${Buffer.from(data).toString("base64")}`),
  });
  return out;
}

const exportOf = (shape, drop = () => false) =>
  generateExport({ seed: 5, years: 1, perWeek: 4, ...shape })
    .filter((f) => !drop(f.name))
    .map((f) => ({ name: f.name, data: typeof f.data === "string" ? enc.encode(f.data) : f.data }));

// UTC minutes either side of 2023-11-05 06:00Z, when New York leaves daylight saving: 03:59Z
// is 23:59 EDT on the 4th, 04:30Z is 00:30 EDT on the 5th.
const LATE_MINUTES = {
  name: "Takeout/Fitbit/Global Export Data/steps-2023-01-01.json",
  data: enc.encode(JSON.stringify([
    { dateTime: "01/06/23 05:00:00", value: "20" },
    { dateTime: "11/05/23 03:59:00", value: "100" },
    { dateTime: "11/05/23 04:30:00", value: "200" },
  ])),
};

// A minute at 04:30Z on 4 July 2025: 00:30 EDT on the 4th, 23:30 EST on the 3rd.
const LATE_JULY = {
  name: "Takeout/Fitbit/Global Export Data/steps-2023-06-01.json",
  data: enc.encode(JSON.stringify([
    { dateTime: "06/06/23 05:00:00", value: "20" },
    { dateTime: "07/04/25 04:30:00", value: "300" },
  ])),
};

const rows = [
  // [n, why, files, requested zone, fallback, guessed zone, guess kept (or {wide, named})]
  [1, "both weight sources (offsets weighed) with workouts and per-minute data: kept", exportOf({ workoutsPerWeek: 2, minuteDays: 20 }), null, null, "America/New_York", true],
  [2, "weight JSON alone (no offsets to weigh): kept, and the manifest still names the zone compared with", exportOf({}, (n) => n.endsWith("weight.csv")), null, null, "America/New_York", true],
  [3, "a zone the person chose, not the profile's: kept", exportOf({ workoutsPerWeek: 1 }), "Europe/Berlin", null, "Europe/Berlin", true],
  [4, "a guess that is not the zone the report asks for (a stale profile): planned again", exportOf({}), null, null, "Asia/Tokyo", false],
  [5, "weight.csv alone: no local times, so no range to be inside: planned again with one offset", exportOf({}, (n) => /weight-.*\.json$/.test(n)), null, "Europe/Paris", "Europe/Paris", false],
  [6, "records from 2008, before the guess's range: planned again", exportOf({ start: "2008-06-01" }), null, null, "America/New_York", false],
  [7, "no Profile.csv: the fallback zone, kept", exportOf({ profile: false }), null, "Europe/Madrid", "Europe/Madrid", true],
  [8, "travel across zones (offsets of its own that differ from the profile's): kept", exportOf({ travel: [["2015-05-01", "Europe/London"], ["2015-08-01", "America/New_York"]] }), null, null, "America/New_York", true],
  [11, "workouts two years before the only dated file (exercise files are numbered): the wide guess is kept, the names' guess starts too late and is planned again", [...exportOf({ start: "2016-01-01", workoutsPerWeek: 2 }, (n) => /weight|heart_rate/.test(n)), { name: "Takeout/Fitbit/Global Export Data/sleep-2019-06-01.json", data: enc.encode("[]") }], null, null, "America/New_York", { wide: true, named: false }],
  [12, "review finding: a steps file named for June 2023 holding a minute of July 2025, past the report's range (the named guess ends on 1 January, in standard time; the device reads the minute with the range's last offset, daylight time): kept, and the steps run with the report's range", [...exportOf({ start: "2023-01-01" }, (n) => /weight\.csv$|weight-2023-(?!01)/.test(n)), LATE_JULY], null, null, "America/New_York", true],
  [10, "helper finding: a steps file named for January holding minutes past November's daylight-saving change (the server's wide transitions placed them right, the device's range did not): kept, and the same totals", [...exportOf({ start: "2023-01-01" }, (n) => /weight\.csv$|weight-2023-(?!01)/.test(n)), LATE_MINUTES], null, null, "America/New_York", true],
];

for (const [n, why, files, requested, fallback, guessed, kept] of rows) {
  for (const years of ["wide", "named"]) {
    test(`planConversion ${n} (${years} guess): ${why}`, async () => {
      const base = { weightUnit: "auto" };
      const pick = zoneOf(requested, fallback);
      const guess = guessOf(guessed, requested != null, years === "named" ? files.map((f) => f.name) : []);
      if (years === "named" && guessYears(files.map((f) => f.name))) assert.ok(guess.to - guess.from < 10 * 366 * 86400, "the names narrow the guess");
      const server = planConversion(core, base, files, {}, pick, guess);
      // The device: the report from a plan without options, then one plan with the exact options.
      const exact = pick(core.plan(base, files, {}).report);
      const deviceOptions = exact ? { ...base, timeZone: exact } : base;
      const device = core.plan(deviceOptions, files, {});
      const asGuessed = server.guessKept;
      const keep = typeof kept === "object" ? kept[years] : kept;
      assert.equal(asGuessed, keep, keep ? "the guess was kept" : "the plan was made again");
      assert.deepEqual(server.plan.report, device.report);
      assert.deepEqual(server.plan.part, device.part);
      const serverFiles = await outputs(server.options, server.plan, files);
      assert.deepEqual(serverFiles, await outputs(deviceOptions, device, files));
      if (files.includes(LATE_JULY)) {
        const daily = serverFiles.find((f) => f.startsWith("csv/activities-"));
        assert.match(Buffer.from(daily.split(" ")[1], "base64").toString(), /^2025-07-04,\d+,300,/m, "00:30 EDT counts on the 4th, as on the device");
      }
      if (files.includes(LATE_MINUTES)) {
        const daily = serverFiles.find((f) => f.startsWith("csv/activities-"));
        const csv = Buffer.from(daily.split(" ")[1], "base64").toString();
        assert.match(csv, /^2023-11-04,\d+,100,/m, "23:59 EDT counts on the 4th");
        assert.match(csv, /^2023-11-05,\d+,200,/m, "00:30 EDT counts on the 5th");
      }
    });
  }
}

// guessYears: the years a report's range most likely lies in, from the dated names alone.
const guessYearRows = [
  // [n, why, names, {first, last} | null]
  [1, "no dated name (exercise files are numbered): no narrowing", ["Takeout/Fitbit/Global Export Data/exercise-0.json", "Takeout/Fitbit/Your Profile/Profile.csv"], null],
  [2, "a year before the first name (workouts may start before any dated file), a file's length and a year past the last", ["a/weight-2020-03-01.json", "a/steps-2021-06-01.json"], { first: 2019, last: 2022 }],
  [3, "a name at the end of December reaches two years on", ["a/steps-2021-12-31.json"], { first: 2020, last: 2023 }],
  [4, "a date that is not a calendar day is no date (the core's parse_iso_date refuses it)", ["a/steps-2021-02-30.json", "a/sleep-2019-13-01.json"], null],
  [5, "the date follows the base name's first dash, as the core's day_in_name reads it", ["2019-01-01/heart_rate-2022-05-01.json", "a/Daily Readiness-2020-01-01.csv"], { first: 2019, last: 2023 }],
];
for (const [n, why, names, expected] of guessYearRows) {
  test(`guessYears ${n}: ${why}`, () => assert.deepEqual(guessYears(names), expected));
}

test("guessFor: the named years stay within 2009 and the end of the year after next (a wrong date widens no further than the wide guess)", () => {
  const wide = guessOf("Europe/Berlin", false);
  const odd = guessOf("Europe/Berlin", false, ["a/steps-1990-01-01.json", "a/steps-2099-01-01.json"]);
  assert.equal(odd.from, wide.from);
  assert.equal(odd.to, wide.to);
  const recent = guessOf("Europe/Berlin", false, ["a/steps-2026-11-01.json"]);
  assert.equal(recent.from, Date.UTC(2025, 0, 1) / 1000);
  assert.equal(recent.to, Date.UTC(2028, 0, 1) / 1000 - 1, "November 2026's file and 400 days: the end of 2027");
  // Review finding: names all past the wide guess gave a guess past its end (2029-2030).
  const future = guessOf("Europe/Berlin", false, ["a/steps-2031-01-01.json"]);
  assert.deepEqual([future.from, future.to], [wide.from, wide.to]);
});

test("planConversion 9: without a guess, a zone found in the report is always planned with (the manifest names it)", () => {
  const files = exportOf({}, (n) => n.endsWith("weight.csv"));
  const base = { weightUnit: "auto" };
  const { plan, options } = planConversion(core, base, files, {}, zoneOf(null, null));
  assert.equal(options.timeZone.name, "America/New_York");
  assert.equal(plan.part.zoneEvidence.comparedWith, "America/New_York");
});
