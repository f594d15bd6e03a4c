// planConversion (shared/convert-steps.js), as the Worker's POST /api/convert runs it: with a
// guessed zone whose transitions run from 2009 to the end of next year, the plan is made once
// and kept when its report asks for that zone over a range inside the guess; otherwise it is
// made again, exactly. Either way every output, steps and assembly, must be the device's byte
// for byte: the device plans once with the options over the report's own range.
// Numbered rows, each an export shape with why it is there and whether the guess is kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core } from "./load-core.js";
import { GUESS_FROM_SEC, guessFor, planConversion, runSteps } from "../../worker-shim/shared/convert-steps.js";
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
const guessOf = (zone, explicit) => guessFor(zone, explicit, NOW * 1000);

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

const rows = [
  // [n, why, files, requested zone, fallback, guessed zone, guess kept]
  [1, "both weight sources (offsets weighed) with workouts and per-minute data: kept", exportOf({ workoutsPerWeek: 2, minuteDays: 20 }), null, null, "America/New_York", true],
  [2, "weight JSON alone (no offsets to weigh): kept, and the manifest still names the zone compared with", exportOf({}, (n) => n.endsWith("weight.csv")), null, null, "America/New_York", true],
  [3, "a zone the person chose, not the profile's: kept", exportOf({ workoutsPerWeek: 1 }), "Europe/Berlin", null, "Europe/Berlin", true],
  [4, "a guess that is not the zone the report asks for (a stale profile): planned again", exportOf({}), null, null, "Asia/Tokyo", false],
  [5, "weight.csv alone: no local times, so no range to be inside: planned again with one offset", exportOf({}, (n) => /weight-.*\.json$/.test(n)), null, "Europe/Paris", "Europe/Paris", false],
  [6, "records from 2008, before the guess's range: planned again", exportOf({ start: "2008-06-01" }), null, null, "America/New_York", false],
  [7, "no Profile.csv: the fallback zone, kept", exportOf({ profile: false }), null, "Europe/Madrid", "Europe/Madrid", true],
  [8, "travel across zones (offsets of its own that differ from the profile's): kept", exportOf({ travel: [["2015-05-01", "Europe/London"], ["2015-08-01", "America/New_York"]] }), null, null, "America/New_York", true],
  [10, "helper finding: a steps file named for January holding minutes past November's daylight-saving change (the server's wide transitions placed them right, the device's range did not): kept, and the same totals", [...exportOf({ start: "2023-01-01" }, (n) => /weight\.csv$|weight-2023-(?!01)/.test(n)), LATE_MINUTES], null, null, "America/New_York", true],
];

for (const [n, why, files, requested, fallback, guessed, kept] of rows) {
  test(`planConversion ${n}: ${why}`, async () => {
    const base = { weightUnit: "auto" };
    const pick = zoneOf(requested, fallback);
    const server = planConversion(core, base, files, {}, pick, guessOf(guessed, requested != null));
    // The device: the report from a plan without options, then one plan with the exact options.
    const exact = pick(core.plan(base, files, {}).report);
    const deviceOptions = exact ? { ...base, timeZone: exact } : base;
    const device = core.plan(deviceOptions, files, {});
    const wide = server.options.timeZone.transitions.length === guessOf(guessed, requested != null).timeZone.transitions.length &&
      server.options.timeZone.transitions[0][0] === GUESS_FROM_SEC;
    assert.equal(wide, kept, kept ? "the guess was kept" : "the plan was made again");
    assert.deepEqual(server.plan.report, device.report);
    assert.deepEqual(server.plan.part, device.part);
    const serverFiles = await outputs(server.options, server.plan, files);
    assert.deepEqual(serverFiles, await outputs(deviceOptions, device, files));
    if (files.includes(LATE_MINUTES)) {
      const daily = serverFiles.find((f) => f.startsWith("csv/activities-"));
      const csv = Buffer.from(daily.split(" ")[1], "base64").toString();
      assert.match(csv, /^2023-11-04,\d+,100,/m, "23:59 EDT counts on the 4th");
      assert.match(csv, /^2023-11-05,\d+,200,/m, "00:30 EDT counts on the 5th");
    }
  });
}

test("planConversion 9: without a guess, a zone found in the report is always planned with (the manifest names it)", () => {
  const files = exportOf({}, (n) => n.endsWith("weight.csv"));
  const base = { weightUnit: "auto" };
  const { plan, options } = planConversion(core, base, files, {}, zoneOf(null, null));
  assert.equal(options.timeZone.name, "America/New_York");
  assert.equal(plan.part.zoneEvidence.comparedWith, "America/New_York");
});
