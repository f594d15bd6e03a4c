// ts_validate + ts_convert on generated exports, as the Worker and the browser will call
// them: validate, derive transitions with Intl (tz.js) for the reported zone and range,
// convert; every FIT output decoded by Garmin's @garmin/fitsdk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { CoreError } from "../../worker-shim/shared/core.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { core } from "./load-core.js";
import { convertExport } from "./convert-export.js";
import { decodeWeightFit } from "./fit-check.js";

const text = (u8) => new TextDecoder().decode(u8);

test("1: validate reports kinds, counts, zone, unit with evidence and the transitions range", () => {
  const files = generateExport({ seed: 7, years: 2, perWeek: 5 });
  const { report } = convertExport(files);
  assert.equal(report.kinds.length, 1);
  const w = report.kinds[0];
  assert.equal(w.kind, "weight");
  assert.equal(w.source, "weight-*.json + weight.csv");
  assert.equal(w.files, 25, "24 monthly files and weight.csv");
  // Every weigh-in is in both sources here: matched, each written once.
  assert.equal(w.weighIns.matched, w.records);
  assert.equal(w.weighIns.json, w.records);
  assert.ok(w.records > 400 && w.records < 600, `records ${w.records}`);
  assert.match(w.firstLocal, /^2015-01-0/);
  assert.deepEqual(report.timeZone, { name: "America/New_York", source: "Profile.csv" });
  assert.equal(report.heightFound, true);
  assert.equal(report.weightUnit.value, "lb");
  assert.equal(report.weightUnit.decidedBy, "weight.csv");
  assert.ok(report.transitionsRange.from < Date.parse("2015-01-01T00:00:00Z") / 1000);
  assert.deepEqual(report.problems, []);
});

test("2: convert writes manifest.json, IMPORT.txt and weight FIT files Garmin's decoder accepts, matching the preview", () => {
  const files = generateExport({ seed: 7, years: 2, perWeek: 5 });
  const { out, byName, options } = convertExport(files);
  const manifest = JSON.parse(text(byName.get("manifest.json")));
  // Download order: the steps' files (weight FIT), then assembly's (manifest.json, IMPORT.txt).
  const names = out.files.map((f) => f.name);
  assert.ok(names.slice(0, -2).every((n) => n.startsWith("weight/")), names.join(" "));
  assert.deepEqual(names.slice(-2), ["manifest.json", "IMPORT.txt"]);
  assert.match(text(byName.get("IMPORT.txt")), /Import Data/);
  assert.equal(manifest.weightUnit.value, "lb");
  assert.equal(manifest.timeZone.name, "America/New_York");
  const weightFiles = manifest.files.filter((f) => f.kind === "weight");
  assert.ok(weightFiles.length >= 2, "split into bounded files");
  const all = [];
  for (const f of weightFiles) {
    assert.ok(f.records <= 250);
    const entries = decodeWeightFit(byName.get(f.path));
    assert.equal(entries.length, f.records);
    assert.equal(entries[0].utc, f.first);
    assert.equal(entries.at(-1).utc, f.last);
    all.push(...entries);
  }
  // The preview says what the FIT files hold: same weigh-ins, same UTC times, same values.
  const preview = core.callJson("ts_weight_preview", { options, files: files.map((f) => ({ name: f.name, text: f.data })) });
  assert.deepEqual(all, preview.entries);
  assert.deepEqual(manifest.skipped, []);
});

test("2b: manifest.json's importSteps count every output folder, and IMPORT.txt is those steps, numbered", () => {
  const files = generateExport({ seed: 4, years: 1, perWeek: 3, start: "2022-01-01", workoutsPerWeek: 1, minuteDays: 3 });
  const { out, byName } = convertExport(files);
  const manifest = JSON.parse(text(byName.get("manifest.json")));
  const steps = manifest.importSteps;
  const inFolder = (dir) => out.files.filter((f) => f.name.startsWith(dir)).length;
  assert.deepEqual(steps.filter((s) => s.folder).map((s) => [s.folder, s.files]),
    ["weight/", "activities/", "csv/", "reference/"].map((dir) => [dir, inFolder(dir)]));
  assert.equal(steps.find((s) => s.folder === "csv/").units, "metric");
  assert.equal(steps.find((s) => s.folder === "reference/").batches, 0, "reference files are kept, not imported");
  assert.equal(steps.find((s) => s.link).link, "https://connect.garmin.com/modern/import-data");
  const paragraphs = text(byName.get("IMPORT.txt")).split("\n\n").slice(1).filter(Boolean).map((p) => p.replace(/\n +/g, " "));
  assert.deepEqual(paragraphs, steps.map((s, i) => `${i + 1}. ${s.text}`));
});

test("3: the UTC times in the FIT files equal Takeout's own weight.csv instants (no offset shift)", () => {
  const files = generateExport({ seed: 3, years: 1, perWeek: 7, zone: "Europe/Berlin" });
  const { byName } = convertExport(files);
  const csv = files.find((f) => f.name.endsWith("weight.csv")).data;
  const csvTimes = csv.trim().split("\n").slice(1).map((l) => l.split(",")[0]);
  const fitTimes = [...byName].filter(([n]) => n.endsWith(".fit")).flatMap(([, b]) => decodeWeightFit(b).map((e) => e.utc));
  assert.deepEqual(fitTimes, csvTimes);
});

test("4: byte-identical outputs whatever the order of the input files", () => {
  const files = generateExport({ seed: 11, years: 1, perWeek: 4 });
  const a = convertExport(files);
  const b = convertExport([...files].reverse());
  assert.deepEqual(b.out.files.map((f) => f.name), a.out.files.map((f) => f.name));
  for (const f of a.out.files) assert.deepEqual(b.byName.get(f.name), f.data, f.name);
});

test("5: kilogram accounts and the MyFitbitData layout (no weight.csv) convert with BMI as evidence", () => {
  const files = generateExport({ seed: 5, years: 1, perWeek: 3, unit: "kg", layout: "myfitbit" });
  const { byName } = convertExport(files);
  const manifest = JSON.parse(text(byName.get("manifest.json")));
  assert.equal(manifest.weightUnit.value, "kg");
  assert.equal(manifest.weightUnit.decidedBy, "bmi");
  for (const f of manifest.files) decodeWeightFit(byName.get(f.path));
});

test("6: weightEntriesPerFile bounds every file; bad options are invalid_argument errors", () => {
  const files = generateExport({ seed: 2, years: 1, perWeek: 2 });
  const { byName } = convertExport(files, { options: { weightEntriesPerFile: 10 } });
  const manifest = JSON.parse(text(byName.get("manifest.json")));
  assert.ok(manifest.files.length > 5);
  for (const f of manifest.files) assert.ok(f.records <= 10);
  assert.throws(() => core.callBytes("ts_convert", encodeBundle({ weightUnit: "stone" }, files)), (e) => e instanceof CoreError && e.code === "invalid_argument");
  // Weigh-ins only the JSON holds are local times: without weight.csv's instants, a zone is needed.
  const jsonOnly = files.filter((f) => !f.name.endsWith("weight.csv"));
  assert.throws(() => core.callBytes("ts_convert", encodeBundle({}, jsonOnly)), (e) => e instanceof CoreError && /timeZone/.test(e.message));
});

test("7: an older export's zone from User-Profile.json is named by that file, in the report and the manifest (helper finding: both said Profile.csv)", () => {
  const files = [
    { name: "user-site-export/user-profile/User-Profile.json", data: JSON.stringify({ timezone: "Asia/Shanghai", height: 170 }) },
    { name: "user-site-export/weight-2019-01-01.json", data: JSON.stringify([{ logId: 1, weight: 60.2, bmi: 20.8, date: "01/05/19", time: "07:30:00", source: "Aria" }]) },
  ];
  const { report, byName } = convertExport(files);
  assert.deepEqual(report.timeZone, { name: "Asia/Shanghai", source: "User-Profile.json" });
  const manifest = JSON.parse(new TextDecoder().decode(byName.get("manifest.json")));
  assert.equal(manifest.timeZone.source, "User-Profile.json");
});

// Helper finding: given parts 1 and 3 of a Takeout, the page and the CLI warned before
// converting, and the zip said nothing while its daily CSV wrote 0 steps on every day (the
// steps files were in part 2). options.missingParts (wasm/core/convert/options.h): the
// manifest's first warning and IMPORT.txt's first step. Numbered rows, each with why.
test("12: Takeout parts not given are said first in the manifest and IMPORT.txt; a malformed list is refused (numbered rows)", () => {
  const files = generateExport({ seed: 5, years: 0.1, perWeek: 3 });
  for (const [n, why, missingParts, first] of [
    [1, "one part of one export", [{ takeout: "takeout-20240101T000000Z", missing: [2] }], /^Part 2 of takeout-20240101T000000Z was not given\. Google splits/],
    [2, "parts of two exports", [{ takeout: "takeout-20240101T000000Z", missing: [2, 4] }, { takeout: "takeout-20240301T101010Z-1", missing: [1] }],
      /^Parts 2 and 4 of takeout-20240101T000000Z were not given\. Part 1 of takeout-20240301T101010Z-1 was not given\. /],
    [3, "more than ten: the first ten and the count", [{ takeout: "takeout-20240101T000000Z", missing: Array.from({ length: 12 }, (_, i) => i + 1) }], /^Parts 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … \(12 in all\) of takeout-20240101T000000Z were not given\./],
  ]) {
    const { out, byName } = convertExport(files, { options: { missingParts } });
    const manifest = JSON.parse(text(byName.get("manifest.json")));
    assert.match(manifest.warnings[0], first, `row ${n}: ${why}`);
    assert.equal(manifest.importSteps[0].text, `Before importing: ${manifest.warnings[0]}`, `row ${n}`);
    assert.match(text(byName.get("IMPORT.txt")), /\n\n1\. Before importing: Part/, `row ${n}`);
    assert.ok(out.files.some((f) => f.name.endsWith(".fit")), `row ${n}: still converts`);
  }
  const { byName } = convertExport(files);
  assert.doesNotMatch(text(byName.get("manifest.json")), /not given/, "no parts missing: nothing said");
  for (const [n, why, missingParts] of [
    [4, "not an array", { takeout: "takeout-20240101T000000Z", missing: [2] }],
    [5, "a name with a space", [{ takeout: "takeout 2024", missing: [2] }]],
    [6, "no parts", [{ takeout: "takeout-20240101T000000Z", missing: [] }]],
    [7, "part 0", [{ takeout: "takeout-20240101T000000Z", missing: [0] }]],
    [8, "not ascending", [{ takeout: "takeout-20240101T000000Z", missing: [3, 3] }]],
    [9, "seventeen exports", Array.from({ length: 17 }, () => ({ takeout: "takeout-20240101T000000Z", missing: [2] }))],
    [10, "another member beside the two (attack finding: ignored)", [{ takeout: "takeout-20240101T000000Z", missing: [2], mising: [3] }]],
    [11, "an entry that is not an object", [["takeout-20240101T000000Z", [2]]]],
  ]) {
    assert.throws(() => convertExport(files, { options: { missingParts } }), (e) => e instanceof CoreError && e.code === "invalid_argument" && /option 'missingParts' must be/.test(e.message), `row ${n}: ${why}`);
  }
});

// Review finding: "Heart rate (all day)" unticked on the page, while sleep kept the health
// files running, was converted all the same. includeHeartRate: false leaves its tables out; the
// workouts still take their readings (the same activity files); sleep is still written.
test("13: includeHeartRate: false makes no heart-rate table, and changes no workout (numbered rows)", () => {
  const files = generateExport({ seed: 41, years: 0.1, perWeek: 1, workoutsPerWeek: 3 });
  const hrFiles = files.filter((f) => /heart_rate-.*\.json$/.test(f.name)).length;
  assert.ok(hrFiles > 0, "the export has heart-rate files");
  const runs = [true, false].map((includeHeartRate) => convertExport(files, { options: { includeHeartRate } }));
  const [withHr, without] = runs.map((r) => [...r.byName.keys()]);
  for (const [n, why, check] of [
    [1, "with it: the heart-rate table", () => assert.ok(withHr.includes("reference/heart_rate_daily.csv"))],
    [2, "without it: no heart-rate table", () => assert.ok(!without.includes("reference/heart_rate_daily.csv"))],
    [3, "every other output is there either way", () => assert.deepEqual(without, withHr.filter((p) => p !== "reference/heart_rate_daily.csv"))],
    [4, "the workouts are the same bytes (their readings taken either way)", () => {
      for (const p of withHr.filter((p) => p.startsWith("activities/"))) assert.deepEqual(runs[1].byName.get(p), runs[0].byName.get(p), p);
    }],
    [5, "said in the manifest, with what the workouts still take", () => {
      const skipped = JSON.parse(text(runs[1].byName.get("manifest.json"))).skipped;
      assert.ok(skipped.some((s) => /heart-rate tables not made, as asked .*; the workouts still take their readings$/.test(s.reason)), JSON.stringify(skipped));
    }],
  ]) {
    try {
      check();
    } catch (e) {
      e.message = `row ${n}: ${why}: ${e.message}`;
      throw e;
    }
  }
  assert.throws(() => convertExport(files, { options: { includeHeartRate: "no" } }), (e) => e instanceof CoreError && /'includeHeartRate' must be true or false/.test(e.message));
});
