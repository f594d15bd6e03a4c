// Exports shaped like real ones (scripts/gen-takeout.mjs --realistic: the JSON cut to 0.1 lb,
// manual entries at 23:59:59, weigh-ins only in one source), converted through core.wasm and
// checked against what really happened: every weigh-in written once, at its true instant,
// with its true mass — for a traveller whose Profile.csv names only the last zone, and for a
// metric account without Profile.csv.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateExport, trueWeighIns } from "../../scripts/gen-takeout.mjs";
import { convertExport } from "./convert-export.js";
import { decodeWeightFit } from "./fit-check.js";

function written(out) {
  const list = [];
  for (const f of out.files.filter((x) => x.name.startsWith("weight/"))) {
    for (const m of decodeWeightFit(f.data)) list.push({ utc: Date.parse(m.utc) / 1000, kg: m.kg });
  }
  return list.sort((a, b) => a.utc - b.utc);
}

const traveller = {
  seed: 5, years: 3, perWeek: 5, realistic: true, zone: "America/New_York",
  travel: [["2016-03-01", "Asia/Ho_Chi_Minh"], ["2016-09-01", "America/New_York"], ["2017-05-01", "Asia/Ho_Chi_Minh"]],
};

test("1: a traveller: every weigh-in once, at its true instant; the export's offsets listed; Profile.csv's zone warned about", () => {
  const files = generateExport(traveller);
  const truth = trueWeighIns(traveller).sort((a, b) => a.utc - b.utc);
  const { report, out, byName } = convertExport(files);
  assert.equal(report.timeZone.name, "Asia/Ho_Chi_Minh");
  const got = written(out);
  assert.equal(got.length, truth.length, "each weigh-in written exactly once");
  // Matched weigh-ins carry weight.csv's instant; the JSON-only ones are placed with the
  // offsets around them. Only those between a move and the next weigh-in in both sources
  // can land on the wrong side of the change.
  const exact = got.filter((g, i) => g.utc === truth[i].utc).length;
  assert.ok(exact >= truth.length - 3, `${exact} of ${truth.length} at their true instant`);
  // weight.csv's grams where it has the weigh-in; the JSON's 0.1 lb cut elsewhere.
  for (const [i, g] of got.entries()) assert.ok(Math.abs(g.kg - truth[i].kg) < 0.05, `weigh-in ${i}: ${g.kg} vs ${truth[i].kg}`);
  const manifest = JSON.parse(new TextDecoder().decode(byName.get("manifest.json")));
  const offsets = [...new Set(manifest.timeZone.evidence.periods.map((p) => p.offset))].sort();
  assert.deepEqual(offsets, ["+07:00", "-04:00", "-05:00"]);
  assert.ok(manifest.warnings.some((w) => /Asia\/Ho_Chi_Minh \(Profile\.csv\) does not have/.test(w)));
  const w = manifest.weighIns;
  assert.equal(w.matched + w.jsonOnly + w.csvOnly, truth.length);
  assert.ok(w.jsonOnly > 0 && w.csvOnly > 0 && w.matched > 0);
});

test("2: the same traveller with one zone for the whole history (the zone chosen explicitly) misplaces the JSON-only weigh-ins it disagrees with", () => {
  const files = generateExport(traveller);
  const truth = trueWeighIns(traveller).sort((a, b) => a.utc - b.utc);
  const { out } = convertExport(files, { zone: "Asia/Ho_Chi_Minh", explicit: true });
  const got = written(out);
  const exact = got.filter((g, i) => g.utc === truth[i].utc).length;
  // weight.csv's instants still hold for the weigh-ins in both; the rest follow the chosen zone.
  assert.ok(exact < truth.length - 5, `${exact} of ${truth.length}`);
});

test("3: a metric account without Profile.csv (every record with BMI): kilograms, from the BMI alone", () => {
  const o = { seed: 8, years: 1, perWeek: 4, unit: "kg", layout: "account-archive", profile: false, zone: "Europe/Berlin" };
  const files = generateExport(o);
  const truth = trueWeighIns(o).sort((a, b) => a.utc - b.utc);
  const { report, out } = convertExport(files, { zone: "Europe/Berlin" });
  assert.equal(report.weightUnit.value, "kg");
  assert.equal(report.weightUnit.decidedBy, "implied-height");
  const got = written(out);
  assert.equal(got.length, truth.length);
  for (const [i, g] of got.entries()) assert.ok(Math.abs(g.kg - truth[i].kg) <= 0.06, `weigh-in ${i}: ${g.kg} kg vs ${truth[i].kg}`);
});

test("4: the same traveller without weight.csv: the offsets Google's list of workouts was recorded at place the weigh-ins (and without that list, the profile's zone misplaces those away from it)", () => {
  // One listed workout every 11 days over the whole history, each row with the utc_offset of
  // where the person was (as real files write it); no weight.csv, so no weigh-in shows an offset.
  const o = { ...traveller, realistic: false, googleWorkouts: 100 }; // every weigh-in in the JSON
  const files = generateExport(o).filter((f) => !f.name.endsWith("weight.csv"));
  const truth = trueWeighIns(o).sort((a, b) => a.utc - b.utc);
  const withList = convertExport(files);
  const got = written(withList.out);
  assert.equal(got.length, truth.length);
  const exact = got.filter((g, i) => g.utc === truth[i].utc).length;
  // Only a weigh-in between a change (a move, New York's daylight saving) and the next listed
  // workout can fall on the wrong side: the change is placed midway between two observations
  // 11 days apart (measured: 806 of 816 at their true instants).
  assert.ok(exact >= truth.length - 15, `${exact} of ${truth.length} at their true instant`);
  const manifest = JSON.parse(new TextDecoder().decode(withList.byName.get("manifest.json")));
  const periods = manifest.timeZone.evidence.periods;
  assert.ok(periods.length > 0 && periods.every((p) => p.weighIns === 0 && p.workouts > 0), JSON.stringify(periods.slice(0, 3)));
  assert.deepEqual([...new Set(periods.map((p) => p.offset))].sort(), ["+07:00", "-04:00", "-05:00"]);
  assert.ok(manifest.warnings.some((w) => /workouts in Google's list of workouts .* show a UTC offset Asia\/Ho_Chi_Minh \(Profile\.csv\) does not have/.test(w)));
  // The same export without the list: Profile.csv's zone (Ho Chi Minh) for every weigh-in.
  const without = written(convertExport(files.filter((f) => !/UserExercises_/.test(f.name))).out);
  const exactWithout = without.filter((g, i) => g.utc === truth[i].utc).length;
  assert.ok(exactWithout < exact - 20, `${exactWithout} without the list, ${exact} with it`);
});
