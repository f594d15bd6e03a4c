// Every kind beyond weight through core.wasm, as the Worker, the browser and the CLI call it:
// a generated export with workouts (TCX tracks, empty tracks, heart-rate day files),
// per-minute data, sleep and resting heart rate -> ts_validate -> ts_convert. Every activity
// FIT is judged by Garmin's own decoder (@garmin/fitsdk) against the exercise record it
// came from.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { convertExport } from "./convert-export.js";
import { decodeFit } from "./fit-check.js";
import { encodeBundle } from "../../worker-shim/shared/bundle.js";
import { core } from "./load-core.js";

const text = (u8) => new TextDecoder().decode(u8);
const GEN = { seed: 11, years: 0.5, perWeek: 2, workoutsPerWeek: 4, minuteDays: 40, start: "2023-03-01" };
const files = generateExport(GEN);
const exercises = new Map(
  files.filter((f) => /exercise-\d+\.json$/.test(f.name)).flatMap((f) => JSON.parse(f.data)).map((e) => [e.logId, e]),
);
const fitbitUtc = (s) => {
  const [d, t] = s.split(" ");
  const [mo, da, yy] = d.split("/");
  return Date.parse(`20${yy}-${mo}-${da}T${t}Z`);
};

const result = convertExport(files);
const manifest = JSON.parse(text(result.byName.get("manifest.json")));

test("1: validate reports workouts, daily and the reference kinds with counts and ranges", () => {
  const kinds = Object.fromEntries(result.report.kinds.map((k) => [k.kind, k]));
  assert.ok(kinds.weight, "weight still reported");
  assert.equal(kinds.workouts.records, exercises.size);
  assert.equal(kinds.workouts.importable, true);
  assert.ok(kinds.workouts.tcxFiles > 0 && kinds.workouts.emptyTcx >= 0);
  assert.equal(kinds.workouts.autoDetected, [...exercises.values()].filter((e) => e.logType === "auto_detected").length);
  assert.deepEqual(kinds.daily.metrics.sort(), ["calories", "distance", "lightly_active_minutes", "moderately_active_minutes", "sedentary_minutes", "steps", "very_active_minutes"]);
  // Per-minute and sleep files are heavy: described by their names (two 30-day files each).
  assert.equal(kinds.daily.files, 14);
  assert.deepEqual([kinds.daily.firstDay, kinds.daily.lastDay], ["2023-03-01", "2023-03-31"]);
  // 30-day files: the last name day is where the last file begins (helper finding: a real
  // report said 21 June of data that ran to 7 July). A heart-rate day file holds its day.
  assert.equal(kinds.daily.lastDayIsFileStart, true);
  assert.equal(kinds.sleep.lastDayIsFileStart, true);
  assert.equal(kinds.heart_rate.lastDayIsFileStart, undefined);
  assert.equal(kinds.sleep.importable, false);
  assert.equal(kinds.sleep.files, 2);
  assert.equal(kinds.sleep.records, undefined);
  assert.equal(kinds.resting_heart_rate.records, 40 - 3); // days 5, 22 and 39 have a 0 (not computed) value
  assert.equal(kinds.resting_heart_rate.importable, false);
  assert.equal(kinds.heart_rate.importable, false);
  // The empty tracks (as in real exports) are the only problems: workouts that say GPS, named.
  assert.equal(kinds.workouts.gpsWithoutTrack, kinds.workouts.emptyTcx);
  assert.equal(result.report.problems.length, kinds.workouts.gpsWithoutTrack);
  // Said as the conversion says it (helper finding: "no track" here, "its track file is empty" in the import steps).
  for (const p of result.report.problems) assert.match(p.reason, /recorded GPS but its track file is empty/);
});

test("2: one activity FIT per workout; fitsdk decodes each with the structure an activity needs and the exercise's totals", () => {
  const acts = manifest.files.filter((f) => f.kind === "activity");
  assert.equal(acts.length, exercises.size);
  let gps = 0, summaries = 0, hrFromDayFiles = 0;
  for (const f of acts) {
    const ex = exercises.get(f.logId);
    assert.ok(ex, `manifest logId ${f.logId} is an input workout`);
    const m = decodeFit(result.byName.get(f.path));
    assert.equal(m.fileIdMesgs.length, 1);
    assert.equal(m.fileIdMesgs[0].type, "activity");
    assert.ok(m.deviceInfoMesgs.length >= 1, "device_info (creator)");
    assert.ok(m.recordMesgs.length >= 1 && m.lapMesgs.length >= 1 && m.sessionMesgs.length >= 1);
    assert.equal(m.activityMesgs.length, 1, "exactly one activity");
    assert.ok(m.activityMesgs[0].localTimestamp !== undefined, "activity.local_timestamp");
    const start = fitbitUtc(ex.startTime);
    const end = start + Math.ceil(ex.duration / 1000) * 1000;
    assert.equal(m.recordMesgs[0].timestamp.getTime(), start, "first record at the start");
    assert.equal(m.recordMesgs.at(-1).timestamp.getTime(), end, "last record at the end");
    const s = m.sessionMesgs[0];
    assert.equal(s.startTime.getTime(), start);
    assert.equal(s.totalElapsedTime, ex.duration / 1000);
    assert.equal(s.totalTimerTime, ex.activeDuration / 1000);
    assert.equal(s.totalCalories, ex.calories);
    assert.equal(s.avgHeartRate, ex.averageHeartRate);
    if (ex.distance !== undefined) assert.equal(s.totalDistance, Math.round(ex.distance * 100000) / 100);
    // Strides for a run or a walk (a step of each foot), steps as they are for the rest.
    if (ex.steps !== undefined) assert.equal(s.totalCycles, ["running", "walking"].includes(s.sport) ? Math.ceil(ex.steps / 2) : ex.steps);
    assert.equal(m.lapMesgs[0].totalElapsedTime, s.totalElapsedTime);
    const timer = m.eventMesgs.filter((e) => e.event === "timer");
    assert.equal(timer[0].eventType, "start");
    assert.equal(timer.at(-1).eventType, "stopAll");
    assert.equal(f.autoDetected, ex.logType === "auto_detected");
    if (m.recordMesgs.some((r) => r.positionLat !== undefined)) gps++;
    if (f.summaryOnly) {
      summaries++;
      assert.equal(m.recordMesgs.length, 2, "a summary activity has only its boundary records");
      assert.ok(m.recordMesgs.every((r) => r.positionLat === undefined), "no invented track");
    }
    if (!ex.hasGps && m.recordMesgs.some((r) => r.heartRate !== undefined)) hrFromDayFiles++;
  }
  assert.ok(gps > 0, "some workouts carry their GPS track");
  assert.ok(hrFromDayFiles > 0, "workouts without GPS get heart rate from the day files");
  assert.ok(summaries > 0 || acts.every((f) => !f.summaryOnly));
});

test("3: daily Activities CSVs: header, LF only, no blank fields, at most 75 rows, minutes counted once", () => {
  const csvs = manifest.files.filter((f) => f.kind === "daily");
  assert.ok(csvs.length >= 1);
  let days = 0;
  for (const f of csvs) {
    const t = text(result.byName.get(f.path));
    assert.ok(!t.includes("\r"));
    const lines = t.trimEnd().split("\n");
    assert.equal(lines[0], "Activities");
    assert.equal(lines[1], "Date,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,Minutes Fairly Active,Minutes Very Active,Activity Calories");
    assert.ok(lines.length - 2 <= 75);
    for (const l of lines.slice(2)) assert.match(l, /^\d{4}-\d\d-\d\d(,\d+(\.\d+)?){9}$/);
    days += lines.length - 2;
  }
  assert.ok(days >= 40 && days <= 41, `days ${days}`); // UTC minutes shifted into New York days
  // Steps: each UTC minute once, the larger value when the phone also recorded it.
  const perMinute = new Map();
  for (const f of files.filter((x) => /steps-[\d-]+\.json$/.test(x.name)))
    for (const r of JSON.parse(f.data)) perMinute.set(r.dateTime, Math.max(perMinute.get(r.dateTime) ?? 0, Number(r.value)));
  const total = [...perMinute.values()].reduce((a, b) => a + b, 0);
  let csvTotal = 0;
  for (const f of csvs) for (const l of text(result.byName.get(f.path)).trimEnd().split("\n").slice(2)) csvTotal += Number(l.split(",")[2]);
  assert.equal(csvTotal, total);
});

test("4: reference CSVs for sleep, resting HR and heart rate; the manifest says why each was not converted", () => {
  for (const p of ["reference/sleep.csv", "reference/resting_heart_rate.csv", "reference/heart_rate_daily.csv"]) {
    assert.ok(result.byName.has(p), p);
    assert.ok(manifest.skipped.some((s) => s.reason.includes(p)), `skipped names ${p}`);
  }
  const rhr = text(result.byName.get("reference/resting_heart_rate.csv")).trimEnd().split("\n");
  assert.ok(rhr.slice(1).every((l) => !/,0,/.test(l)), "zero resting HR dropped");
  assert.match(text(result.byName.get("IMPORT.txt")), /activities\//);
});

test("5: kinds select outputs; auto-detected workouts can be left out; same input -> identical bytes", () => {
  const only = convertExport(files, { options: { kinds: ["workouts"], includeAutoDetected: false } });
  const m = JSON.parse(text(only.byName.get("manifest.json")));
  assert.ok(m.files.every((f) => f.kind === "activity"));
  const autoN = [...exercises.values()].filter((e) => e.logType === "auto_detected").length;
  assert.equal(m.files.length, exercises.size - autoN);
  assert.ok(m.skipped.some((s) => /auto-detected/.test(s.reason)));
  const again = convertExport(files, { options: { kinds: ["workouts"], includeAutoDetected: false } });
  assert.equal(again.out.files.length, only.out.files.length);
  for (let i = 0; i < again.out.files.length; i++) assert.deepEqual(again.out.files[i].data, only.out.files[i].data);
  const daily = convertExport(files, { options: { kinds: ["daily"] } });
  assert.ok(JSON.parse(text(daily.byName.get("manifest.json"))).files.every((f) => f.kind === "daily"));
});

test("6: heart-rate day files are read only when an output uses them (a broken one shows where it was read)", () => {
  // Break every heart-rate file and add one for a day without workouts: a file that is read
  // reports "not valid JSON", one that is not read says nothing.
  const idle = "Takeout/Fitbit/Global Export Data/heart_rate-2020-01-01.json";
  const broken = files
    .map((f) => (/heart_rate-[\d-]+\.json$/.test(f.name) ? { name: f.name, data: "[{" } : f))
    .concat([{ name: idle, data: "[{" }]);
  const problemsOf = (kinds) => {
    const r = convertExport(broken, { options: { kinds } });
    return JSON.parse(text(r.byName.get("manifest.json"))).skipped.filter((s) => /heart_rate-/.test(s.source)).map((s) => s.source);
  };
  assert.deepEqual(problemsOf(["daily"]), [], "daily never reads heart rate");
  assert.deepEqual(problemsOf(["weight"]), [], "weight never reads heart rate");
  const read = problemsOf(["workouts"]);
  assert.ok(read.length > 0, "workouts without their own heart rate read their day's file");
  assert.ok(!read.includes(idle), "a day without workouts is not read for workouts");
  const all = problemsOf(["reference"]);
  assert.ok(all.includes(idle), "the reference summary reads every day");
  assert.equal(all.length, broken.filter((f) => /heart_rate-/.test(f.name)).length);
});

test("7: a workout's heart rate is found whether the day files are cut at UTC or at local midnight (numbered rows)", () => {
  // Fitbit names a heart-rate day file for the person's local day and may cut it at local
  // midnight (helper finding: an evening run in New York, 00:30Z the next UTC day, got no heart
  // rate, the plan having listed only the next UTC day's file). One reading every 5 minutes
  // over two days; the workout has no track, so its heart rate comes from the day files.
  const G = "Takeout/Fitbit/Global Export Data/";
  const pad = (n) => String(n).padStart(2, "0");
  const fitbitTime = (sec) => {
    const d = new Date(sec * 1000);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${String(d.getUTCFullYear()).slice(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const rows = [
    // [n, why, zone, the UTC hour each day file starts at (0: UTC cut), the workout's UTC start]
    [1, "UTC-cut files, an evening run in New York (00:30Z the next UTC day)", "America/New_York", 0, "2023-06-02T00:30:00Z"],
    [2, "files cut at New York's midnight (04:00Z): the run's readings are in its local day's file", "America/New_York", 4, "2023-06-02T00:30:00Z"],
    [3, "files cut at Tokyo's midnight (15:00Z the day before): a morning run (23:00Z the UTC day before) is in its local day's file", "Asia/Tokyo", -9, "2023-06-01T23:00:00Z"],
    [4, "UTC-cut files, the same Tokyo morning run", "Asia/Tokyo", 0, "2023-06-01T23:00:00Z"],
  ];
  for (const [n, why, zone, cutHour, start] of rows) {
    const startSec = Date.parse(start) / 1000;
    const files = [{ name: "Takeout/Fitbit/Your Profile/Profile.csv", data: `id,full_name,timezone,locale,height,weight,weight_unit\n1,J D,${zone},en_US,170.0,0,METRIC\n` }];
    for (const day of ["2023-06-01", "2023-06-02"]) {
      const first = Date.parse(`${day}T00:00:00Z`) / 1000 + cutHour * 3600;
      const readings = [];
      for (let s = first; s < first + 86400; s += 300) readings.push({ dateTime: fitbitTime(s), value: { bpm: s >= startSec && s < startSec + 1800 ? 150 : 60, confidence: 2 } });
      files.push({ name: `${G}heart_rate-${day}.json`, data: JSON.stringify(readings) });
    }
    files.push({ name: `${G}exercise-0.json`, data: JSON.stringify([{ logId: 777, activityName: "Run", activityTypeId: 90009, averageHeartRate: 150, calories: 300, duration: 1800000, activeDuration: 1800000, steps: 4000, startTime: fitbitTime(startSec), hasGps: false, logType: "manual", distance: 5, distanceUnit: "Kilometer" }]) });
    const r = convertExport(files, { options: { kinds: ["workouts"] } });
    const fit = r.out.files.find((f) => f.name.startsWith("activities/"));
    assert.ok(fit, `row ${n}: ${why}: the activity is written`);
    const records = decodeFit(fit.data).recordMesgs ?? [];
    const bpm = records.filter((m) => m.heartRate != null).map((m) => m.heartRate);
    // Readings at start, +5, … +25 min, and the one at the end second (the window is [start, end + 1 s]).
    assert.ok(bpm.length >= 6, `row ${n}: ${why}: ${bpm.length} records with heart rate`);
    assert.ok(bpm.slice(0, 6).every((b) => b === 150), `row ${n}: ${why}: the run's own readings`);
  }
});

test("8: per-minute files cut at local midnight lose no minute; files that overlap count a minute once (numbered rows)", () => {
  // Fitbit may cut a day or month file at the person's local midnight, its times in UTC (helper
  // finding: the minutes between the two midnights lay outside every file's window and were
  // lost, 4-5 h a file in New York, under a warning that another file held them).
  const G = "Takeout/Fitbit/Global Export Data/";
  const pad = (n) => String(n).padStart(2, "0");
  const fitbitTime = (sec) => {
    const d = new Date(sec * 1000);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${String(d.getUTCFullYear()).slice(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
  };
  // A file named for `day` holding one step a minute from `fromSec` for `minutes`.
  const stepsFile = (day, fromSec, minutes) => ({
    name: `${G}steps-${day}.json`,
    data: JSON.stringify(Array.from({ length: minutes }, (_, k) => ({ dateTime: fitbitTime(fromSec + 60 * k), value: "1" }))),
  });
  const at = (iso) => Date.parse(iso) / 1000;
  const rows = [
    // [n, why, zone, files, {local day: steps}, records the warning names]
    [1, "New York, cut at local midnight (04:00Z)", "America/New_York",
      [stepsFile("2023-03-31", at("2023-03-31T04:00:00Z"), 1440), stepsFile("2023-04-01", at("2023-04-01T04:00:00Z"), 1440)], { "2023-03-31": 1440, "2023-04-01": 1440 }, 0],
    [2, "Adelaide, cut at local midnight (13:30Z the day before)", "Australia/Adelaide",
      [stepsFile("2023-03-31", at("2023-03-30T13:30:00Z"), 1440), stepsFile("2023-04-01", at("2023-03-31T13:30:00Z"), 1440)], { "2023-03-31": 1440, "2023-04-01": 1440 }, 0],
    [3, "New York, cut at UTC midnight (the generator's shape): the local day between the files is whole", "America/New_York",
      [stepsFile("2023-03-31", at("2023-03-31T00:00:00Z"), 1440), stepsFile("2023-04-01", at("2023-04-01T00:00:00Z"), 1440)], { "2023-03-30": 240, "2023-03-31": 1440, "2023-04-01": 1200 }, 0],
    [4, "the first file runs 2 h into the second's local day, which holds them too: those 120 minutes counted once and named; the 4 h only the first holds counted", "America/New_York",
      [stepsFile("2023-03-31", at("2023-03-31T04:00:00Z"), 1440 + 120), stepsFile("2023-04-01", at("2023-04-01T04:00:00Z"), 1440)], { "2023-03-31": 1440, "2023-04-01": 1440 }, 120],
    [5, "the second file starts 2 h before its local day (East of UTC: Tokyo, cut at 15:00Z), the first holds those hours too", "Asia/Tokyo",
      [stepsFile("2023-03-31", at("2023-03-30T15:00:00Z"), 1440), stepsFile("2023-04-01", at("2023-03-31T13:00:00Z"), 1440 + 120)], { "2023-03-31": 1440, "2023-04-01": 1440 }, 120],
    [6, "Tokyo, the first file's last minute is the second's first (review finding: the second's other 14 minutes of that quarter hour were lost)", "Asia/Tokyo",
      [stepsFile("2023-03-31", at("2023-03-30T15:00:00Z"), 1441), stepsFile("2023-04-01", at("2023-03-31T15:00:00Z"), 1440)], { "2023-03-31": 1440, "2023-04-01": 1440 }, 1],
    [7, "New York, the same shared minute", "America/New_York",
      [stepsFile("2023-03-31", at("2023-03-31T04:00:00Z"), 1441), stepsFile("2023-04-01", at("2023-04-01T04:00:00Z"), 1440)], { "2023-03-31": 1440, "2023-04-01": 1440 }, 1],
    // Attack findings: each file was judged against its neighbour in plan order only.
    [8, "a short file nested in a longer one (an older export's last, partial file): the longer one's days past it are counted, not lost", "Europe/London",
      [stepsFile("2020-01-01", at("2020-01-01T00:00:00Z"), 5 * 1440), stepsFile("2020-01-02", at("2020-01-02T00:00:00Z"), 2 * 1440), stepsFile("2020-01-06", at("2020-01-06T00:00:00Z"), 2 * 1440)],
      Object.fromEntries(["01", "02", "03", "04", "05", "06", "07"].map((d) => [`2020-01-${d}`, 1440])), 2 * 1440],
    [9, "a file named before one it runs into, past a file that holds a later day: no day counted twice, none lost", "Europe/London",
      [stepsFile("2020-01-01", at("2020-01-01T00:00:00Z"), 4 * 1440), stepsFile("2020-01-02", at("2020-01-08T00:00:00Z"), 1440), stepsFile("2020-01-03", at("2020-01-03T00:00:00Z"), 5 * 1440)],
      Object.fromEntries(["01", "02", "03", "04", "05", "06", "07", "08"].map((d) => [`2020-01-${d}`, 1440])), 2 * 1440],
    // Review finding: cut at local midnight in New York, the nested file and the outer one both
    // spill 00:00-05:00Z of the third's first day, which it has no record of: both copies were
    // dropped (a day of 1,140). The one read first keeps them.
    [10, "New York, cut at local midnight: a ten-day file nested in a thirty-day one, both running into the next file's first UTC hours", "America/New_York",
      [stepsFile("2020-01-01", at("2020-01-01T05:00:00Z"), 30 * 1440), stepsFile("2020-01-21", at("2020-01-21T05:00:00Z"), 10 * 1440), stepsFile("2020-01-31", at("2020-01-31T05:00:00Z"), 30 * 1440)],
      Object.fromEntries(Array.from({ length: 60 }, (_, k) => [new Date(Date.UTC(2020, 0, 1 + k)).toISOString().slice(0, 10), 1440])), 10 * 1440],
  ];
  for (const [n, why, zone, dayFiles, want, named] of rows) {
    const files = [{ name: "Takeout/Fitbit/Your Profile/Profile.csv", data: `id,full_name,timezone,locale,height,weight,weight_unit\n1,J D,${zone},en_US,170.0,0,METRIC\n` }, ...dayFiles];
    const r = convertExport(files, { options: { kinds: ["daily"] } });
    const csv = r.out.files.find((f) => f.name.startsWith("csv/activities-"));
    const got = Object.fromEntries(text(csv.data).trimEnd().split("\n").slice(2).map((l) => l.split(",")).map((c) => [c[0], Number(c[2])]));
    assert.deepEqual(got, want, `row ${n}: ${why}`);
    const warning = JSON.parse(text(r.byName.get("manifest.json"))).warnings.find((w) => w.startsWith("daily: "));
    if (named) assert.match(warning ?? "", new RegExp(`^daily: ${named} record\\(s\\)`), `row ${n}: ${why}: the warning`);
    else assert.equal(warning, undefined, `row ${n}: ${why}: no warning`);
  }
});

test("9: a generated export whose day files are cut at local midnight (--day-cut local): every minute counted once, every workout without GPS has its heart rate", () => {
  for (const [n, zone] of [[1, "America/New_York"], [2, "Asia/Tokyo"]]) {
    const cut = generateExport({ ...GEN, seed: 12, zone, dayCut: "local" });
    const r = convertExport(cut);
    const man = JSON.parse(text(r.byName.get("manifest.json")));
    // Steps: each UTC minute once (the larger value when the phone also recorded it).
    const perMinute = new Map();
    for (const f of cut.filter((x) => /steps-[\d-]+\.json$/.test(x.name)))
      for (const rec of JSON.parse(f.data)) perMinute.set(rec.dateTime, Math.max(perMinute.get(rec.dateTime) ?? 0, Number(rec.value)));
    const total = [...perMinute.values()].reduce((a, b) => a + b, 0);
    let csvTotal = 0;
    for (const f of man.files.filter((x) => x.kind === "daily"))
      for (const l of text(r.byName.get(f.path)).trimEnd().split("\n").slice(2)) csvTotal += Number(l.split(",")[2]);
    assert.equal(csvTotal, total, `row ${n} (${zone}): every minute's steps counted once`);
    assert.ok(!man.warnings.some((w) => w.startsWith("daily: ")), `row ${n}: no file overlaps another`);
    const cutExercises = cut.filter((f) => /exercise-\d+\.json$/.test(f.name)).flatMap((f) => JSON.parse(f.data));
    const withoutGps = new Set(cutExercises.filter((e) => !e.hasGps).map((e) => e.logId));
    assert.ok(withoutGps.size > 0);
    for (const f of man.files.filter((x) => x.kind === "activity" && withoutGps.has(x.logId))) {
      const m = decodeFit(r.byName.get(f.path));
      assert.ok(m.recordMesgs.some((rec) => rec.heartRate !== undefined), `row ${n} (${zone}): workout ${f.logId} has its heart rate`);
    }
  }
});

test("10: per-minute calories and climbed altitude are the account's local time, steps and distance UTC: each day's calories and floors are its own (numbered rows)", () => {
  // Helper finding (nine real public exports): a workout's calories lie at its local start
  // and its steps at its UTC start, and each calories file runs from a local midnight to a local
  // 23:59. Read as UTC, every day's calories were another window's (off by up to 350 kcal a
  // day), and exports west of UTC began with a day of a few hours of resting calories.
  const G = "Takeout/Fitbit/Global Export Data/";
  const pad = (n) => String(n).padStart(2, "0");
  const stamp = (ms) => {
    const d = new Date(ms);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${String(d.getUTCFullYear()).slice(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
  };
  // `days` whole local days from `first` (as Fitbit writes calories: 00:00 to 23:59 in its own
  // stamps), `value` a minute, and `extra` kcal more in the minutes [from, from + n) of local time.
  const caloriesFile = (first, days, value, extra = null) => {
    const t0 = Date.parse(`${first}T00:00:00Z`);
    const recs = Array.from({ length: days * 1440 }, (_, k) => {
      const ms = t0 + k * 60000;
      const more = extra && ms >= Date.parse(extra.from) && ms < Date.parse(extra.from) + extra.n * 60000 ? extra.kcal : 0;
      return { dateTime: stamp(ms), value: String(value + more) };
    });
    return { name: `${G}calories-${first}.json`, data: JSON.stringify(recs) };
  };
  const minutesFile = (kind, day, fromIso, n, value) => ({
    name: `${G}${kind}-${day}.json`,
    data: JSON.stringify(Array.from({ length: n }, (_, k) => ({ dateTime: stamp(Date.parse(fromIso) + k * 60000), value: String(value) }))),
  });
  const rows = [
    // [n, why, zone, files, {day: [calories, steps, floors]}]
    [1, "Los Angeles: three local days of calories, a 25-minute walk at 06:00 local (13:00Z); no partial first day", "America/Los_Angeles",
      [caloriesFile("2023-09-20", 3, 1, { from: "2023-09-21T06:00:00Z", n: 25, kcal: 9 }), minutesFile("steps", "2023-09-21", "2023-09-21T13:00:00Z", 25, 100)],
      { "2023-09-20": [1440, 0, 0], "2023-09-21": [1440 + 225, 2500, 0], "2023-09-22": [1440, 0, 0] }],
    [2, "Tokyo: the walk at 22:00Z is 07:00 the next local day, where its calories are", "Asia/Tokyo",
      [caloriesFile("2023-09-20", 3, 1, { from: "2023-09-21T07:00:00Z", n: 25, kcal: 9 }), minutesFile("steps", "2023-09-20", "2023-09-20T22:00:00Z", 25, 100)],
      { "2023-09-20": [1440, 0, 0], "2023-09-21": [1440 + 225, 2500, 0], "2023-09-22": [1440, 0, 0] }],
    [3, "climbed altitude is local too: 23:30-23:49 local in Los Angeles (06:30Z the next UTC day) is that local day's 2 floors", "America/Los_Angeles",
      [caloriesFile("2023-09-20", 2, 1), minutesFile("altitude", "2023-09-20", "2023-09-20T23:30:00Z", 20, 1)],
      { "2023-09-20": [1440, 0, 2], "2023-09-21": [1440, 0, 0] }],
    [4, "New York, across the autumn clock change (a 25-hour local day): every calories minute counted on its own date", "America/New_York",
      [caloriesFile("2023-11-04", 3, 1)],
      { "2023-11-04": [1440, 0, 0], "2023-11-05": [1440, 0, 0], "2023-11-06": [1440, 0, 0] }],
  ];
  for (const [n, why, zone, dayFiles, want] of rows) {
    const files = [{ name: "Takeout/Fitbit/Your Profile/Profile.csv", data: `id,full_name,timezone,locale,height,weight,weight_unit\n1,J D,${zone},en_US,170.0,0,METRIC\n` }, ...dayFiles];
    const r = convertExport(files, { options: { kinds: ["daily"] } });
    const csv = r.out.files.find((f) => f.name.startsWith("csv/activities-"));
    const lines = text(csv.data).trimEnd().split("\n");
    assert.equal(lines[1], "Date,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,Minutes Fairly Active,Minutes Very Active,Activity Calories");
    const got = Object.fromEntries(lines.slice(2).map((l) => l.split(",")).map((c) => [c[0], [Number(c[1]), Number(c[2]), Number(c[4])]]));
    assert.deepEqual(got, want, `row ${n}: ${why}`);
  }
});

test("11: the report says 'converted without a map' only of workouts converted (numbered rows)", () => {
  // Helper finding (two real exports): validate counted a GPS workout without a track that the
  // conversion then left out as impossible for its sport, 14 where the conversion said 13.
  const ex = [
    { logId: 101, activityName: "Run", activityTypeId: 90009, startTime: "05/04/24 07:00:00", duration: 3600000, activeDuration: 3600000, distance: 5.2, distanceUnit: "Kilometer", hasGps: true, logType: "tracker" },
    // 0.33 km in 40 minutes: slower than a ride can be (left out unless kept).
    { logId: 102, activityName: "Bike", activityTypeId: 90001, startTime: "05/05/24 07:00:00", duration: 2400000, activeDuration: 2400000, distance: 0.33, distanceUnit: "Kilometer", hasGps: true, logType: "tracker" },
    { logId: 103, activityName: "Walk", activityTypeId: 90013, startTime: "05/06/24 07:00:00", duration: 1800000, activeDuration: 1800000, distance: 2.1, distanceUnit: "Kilometer", hasGps: true, logType: "auto_detected" },
  ];
  const files = [{ name: "Takeout/Fitbit/Global Export Data/exercise-0.json", data: JSON.stringify(ex) }];
  const rows = [
    // [n, why, options, the workouts the report says are converted without a map]
    [1, "by default: the impossible ride is left out, so it is not named", null, [101, 103]],
    [2, "impossible ones kept: the ride too", { includeImplausible: true }, [101, 102, 103]],
    [3, "auto-detected left out: the walk is not named", { includeAutoDetected: false }, [101]],
  ];
  for (const [n, why, options, want] of rows) {
    const report = JSON.parse(text(core.callBytes("ts_validate", encodeBundle(options, files))));
    const named = report.problems.filter((p) => p.reason.includes("converted without a map")).map((p) => Number(/\(Fitbit id (\d+)\)/.exec(p.reason)[1]));
    assert.deepEqual(named, want, `row ${n}: ${why}`);
    assert.equal(report.kinds.find((k) => k.kind === "workouts").gpsWithoutTrack, want.length, `row ${n}: ${why}: the count`);
  }
});

test("12: a Google list row taken as an exercise JSON workout it overlaps without starting with it is named (numbered rows)", () => {
  // Helper finding (real exports): such rows (19 in one, 8 in another: mostly a walk inside a
  // longer workout) were taken as that workout with nothing said; the report counted them
  // only as the difference between the list's rows and the rows it alone holds.
  const ex = [{ logId: 201, activityName: "Weights", activityTypeId: 2131, startTime: "05/04/24 17:00:00", duration: 3600000, activeDuration: 3600000, hasGps: false, logType: "manual" }];
  const header = "exercise_id,exercise_start,exercise_end,utc_offset,exercise_created,exercise_last_updated,activity_name,log_type,pool_length,pool_length_unit,intervals,distance_units,tracker_total_calories,tracker_total_steps,tracker_total_distance_mm,tracker_total_altitude_mm,tracker_avg_heart_rate,tracker_peak_heart_rate,tracker_avg_pace_mm_per_second,tracker_avg_speed_mm_per_second,tracker_peak_speed_mm_per_second,tracker_auto_stride_run_mm,tracker_auto_stride_walk_mm,tracker_swim_lengths,tracker_pool_length,tracker_pool_length_unit,tracker_cardio_load,manually_logged_total_calories,manually_logged_total_steps,manually_logged_total_distance_mm,manually_logged_pool_length,manually_logged_pool_length_unit,events";
  const row = (id, from, to, name) => [id, `${from}+0000`, `${to}+0000`, "+00:00", `${to}+0000`, `${to}+0000`, name, "TRACKER", 0, "UNSPECIFIED", "", "METRIC", 100, 500, 1000000, 0, 120, "", 0, 0, 0, 0, 0, 0, 0, "UNSPECIFIED", 0, "", "", "", "", "", ""].join(",");
  const rows = [
    // [n, why, the row, whether it is named, whether it is converted]
    [1, "the JSON workout's own row, at the same second: that workout, said nothing", row("1", "2024-05-04 17:00:00", "2024-05-04 18:00:00", "Weights"), false, false],
    [2, "a walk inside it: taken as it, named", row("2", "2024-05-04 17:20:00", "2024-05-04 17:35:00", "Walk"), true, false],
    [3, "a ride overlapping its last minute: taken as it, named", row("3", "2024-05-04 17:59:00", "2024-05-04 18:06:00", "Outdoor Bike"), true, false],
    [4, "a ride starting as it ends (spans that only touch): its own workout", row("4", "2024-05-04 18:00:00", "2024-05-04 18:07:00", "Outdoor Bike"), false, true],
  ];
  for (const [n, why, line, named, converted] of rows) {
    const files = [
      { name: "Takeout/Fitbit/Global Export Data/exercise-0.json", data: JSON.stringify(ex) },
      { name: "Takeout/Fitbit/Health Fitness Data_GoogleData/UserExercises_2024-05-01.csv", data: `${header}\n${line}\n` },
      // Google writes a row again in a later file: named once (a real export named 16 for 8).
      { name: "Takeout/Fitbit/Health Fitness Data_GoogleData/UserExercises_2024-06-01.csv", data: `${header}\n${line}\n` },
    ];
    const r = convertExport(files, { options: { kinds: ["workouts"] } });
    const w = r.report.kinds.find((k) => k.kind === "workouts");
    assert.equal(w.googleListWithin, named ? 1 : 0, `row ${n}: ${why}: the report's count`);
    assert.equal(r.report.warnings.some((x) => x.includes("Google's workout list")), named, `row ${n}: ${why}: the report's warning`);
    const manifest = JSON.parse(text(r.byName.get("manifest.json")));
    const said = JSON.stringify(manifest.skipped).split("overlaps Weights (Fitbit id 201) of exercise-*.json without starting with it").length - 1;
    assert.equal(said, named ? 1 : 0, `row ${n}: ${why}: the manifest names it once`);
    assert.equal(manifest.files.filter((f) => f.kind === "activity").length, converted ? 2 : 1, `row ${n}: ${why}: the activities`);
  }
  // What of a row lies outside the workout it was taken as is said not converted (helper
  // finding: a 58-minute run taken as a 23-minute auto-detected Run; the list said only "taken
  // as that workout"). [n, why, the row, the words the manifest's skipped list must hold]
  const outside = [
    [5, "a ride overlapping its last minute: its 6 minutes after are said", row("5", "2024-05-04 17:59:00", "2024-05-04 18:06:00", "Outdoor Bike"),
      "overlaps Weights (Fitbit id 201) of exercise-*.json without starting with it: taken as that workout, not converted again; the row's time outside that workout (6 min after it ended) is not converted: its positions and heart rate there go to no file"],
    [6, "a row from 40 minutes before to 10 after: both said", row("6", "2024-05-04 16:20:00", "2024-05-04 18:10:00", "Structured Workout"),
      "the row's time outside that workout (40 min before it began, 10 min after it ended) is not converted"],
    [7, "the JSON workout's own row, 20 minutes longer: said, as that workout", row("7", "2024-05-04 17:00:00", "2024-05-04 18:20:00", "Weights"),
      "the row Weights from 2024-05-04T17:00:00Z (80 min) is Weights (Fitbit id 201) of exercise-*.json, which Fitbit recorded shorter: taken as that workout; the row's time outside that workout (20 min after it ended) is not converted"],
  ];
  for (const [n, why, line, words] of outside) {
    const files = [
      { name: "Takeout/Fitbit/Global Export Data/exercise-0.json", data: JSON.stringify(ex) },
      { name: "Takeout/Fitbit/Health Fitness Data_GoogleData/UserExercises_2024-05-01.csv", data: `${header}\n${line}\n` },
    ];
    const r = convertExport(files, { options: { kinds: ["workouts"] } });
    const manifest = JSON.parse(text(r.byName.get("manifest.json")));
    assert.ok(JSON.stringify(manifest.skipped).includes(words), `row ${n}: ${why}: ${JSON.stringify(manifest.skipped)}`);
    assert.equal(manifest.files.filter((f) => f.kind === "activity").length, 1, `row ${n}: ${why}: one activity`);
  }
  // A JSON workout without a name is still named (review finding: "overlaps  (Fitbit id 201)").
  const nameless = [{ ...ex[0], activityName: "" }];
  const r = convertExport(
    [
      { name: "Takeout/Fitbit/Global Export Data/exercise-0.json", data: JSON.stringify(nameless) },
      { name: "Takeout/Fitbit/Health Fitness Data_GoogleData/UserExercises_2024-05-01.csv", data: `${header}\n${rows[1][2]}\n` },
    ],
    { options: { kinds: ["workouts"] } },
  );
  assert.match(JSON.stringify(JSON.parse(text(r.byName.get("manifest.json"))).skipped), /overlaps the workout \(Fitbit id 201\) of exercise-\*\.json without/);
});

test("13: a heart-rate day no step can read is named once, though a workout's step and the heart-rate table's both read it", () => {
  // Helper finding: the workout and the table each said "not valid JSON" of it, and the
  // manifest named it twice.
  const G = "Takeout/Fitbit/Global Export Data/";
  const files = [
    { name: "Takeout/Fitbit/Your Profile/Profile.csv", data: "id,full_name,timezone,locale,height,weight,weight_unit\n1,J D,UTC,en_US,170.0,0,METRIC\n" },
    { name: `${G}exercise-0.json`, data: JSON.stringify([{ logId: 888, activityName: "Run", activityTypeId: 90009, averageHeartRate: 150, calories: 300, duration: 1800000, activeDuration: 1800000, steps: 4000, startTime: "01/02/15 08:00:00", hasGps: false, logType: "manual" }]) },
    { name: `${G}heart_rate-2015-01-02.json`, data: '[{"dateTime":"01/02/15 08:00:05","value":{"bpm":140,"confidence":2}},{"dateTime":"01/02/15 08:0' },
  ];
  const r = convertExport(files);
  const skipped = JSON.parse(text(r.byName.get("manifest.json"))).skipped.filter((s) => s.source === `${G}heart_rate-2015-01-02.json`);
  assert.equal(skipped.length, 1, JSON.stringify(skipped));
  assert.equal(skipped[0].reason, "not valid JSON");
});

test("14: the export's last day, whose calories stop part way (when the export was made, or the tracker was last worn), is written and said to be partial (numbered rows)", () => {
  // Helper finding: real exports end part way through a day (15:09, 731 and 842 of 1,440
  // minutes), and Garmin Connect would take those totals as the whole day's, with nothing said.
  const G = "Takeout/Fitbit/Global Export Data/";
  const pad = (n) => String(n).padStart(2, "0");
  const stamp = (ms) => {
    const d = new Date(ms);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${String(d.getUTCFullYear()).slice(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
  };
  // Calories stamped in local time from 2023-09-20 00:00 for `minutes` minutes.
  const calories = (minutes) => ({
    name: `${G}calories-2023-09-20.json`,
    data: JSON.stringify(Array.from({ length: minutes }, (_, k) => ({ dateTime: stamp(Date.parse("2023-09-20T00:00:00Z") + k * 60000), value: "1" }))),
  });
  // Steps (UTC records) a minute each from 2023-09-20 04:00 UTC (00:00 in New York) to `until`.
  const steps = (until) => ({
    name: `${G}steps-2023-09-20.json`,
    data: JSON.stringify(Array.from({ length: (Date.parse(until) - Date.parse("2023-09-20T04:00:00Z")) / 60000 }, (_, k) => ({ dateTime: stamp(Date.parse("2023-09-20T04:00:00Z") + k * 60000), value: "3" }))),
  });
  const earlyCut = { name: `${G}calories-2023-07-01.json`, data: JSON.stringify(Array.from({ length: 100 }, (_, k) => ({ dateTime: stamp(Date.parse("2023-07-01T00:00:00Z") + k * 60000), value: "1" }))).slice(0, -20) };
  // Three weigh-ins in both weight files at +10:00, the last two days before the export.
  const atPlusTen = [
    { name: `${G}weight-2023-09-01.json`, data: JSON.stringify([18, 20, 21].map((d, k) => ({ logId: k + 1, weight: 180.2 + k * 0.2, bmi: 25, date: `09/${d}/23`, time: "07:00:00", source: "Aria" }))) },
    { name: "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", data: "timestamp,weight grams,data source\n2023-09-17T21:00:00Z,81738,Aria\n2023-09-19T21:00:00Z,81828,Aria\n2023-09-20T21:00:00Z,81919,Aria\n" },
  ];
  for (const [n, why, zone, minutes, said, more = [], chosen, cut = false] of [
    [1, "New York: the second day stops at 15:09", "America/New_York", 1440 + 15 * 60 + 10, /^daily CSV: the last day, 2023-09-21, holds calories only until 15:09, where its records stop \(the export was made then, or the tracker was not worn after\)/],
    [2, "two whole days: nothing said", "America/New_York", 2 * 1440, null],
    [3, "Tokyo: the same stop, the same words", "Asia/Tokyo", 1440 + 15 * 60 + 10, /the last day, 2023-09-21, holds calories only until 15:09/],
    [4, "converted in Tokyo, east of the export's New York: the steps of its last hours lie on the next day's row, and the stop is still said (helper finding: the warning was lost)",
      "America/New_York", 1440 + 15 * 60 + 10, /the last day, 2023-09-21, holds calories only until 15:09/, [steps("2023-09-21T19:10:00Z")], "Asia/Tokyo"],
    [5, "calories stop days before the steps do: not when the export was made, nothing said", "America/New_York", 1440 + 15 * 60 + 10, null, [steps("2023-09-25T12:00:00Z")]],
    [6, "the calories file cut short (its records before the cut are read): the stop is the cut's, nothing said (review finding)", "America/New_York", 1440 + 15 * 60 + 10, null, [], undefined, true],
    [7, "a calories file of two months before cut short: the last file is whole, and its stop is said (review finding: any cut file silenced it)",
      "America/New_York", 1440 + 15 * 60 + 10, /the last day, 2023-09-21, holds calories only until 15:09/, [earlyCut]],
    [8, "weigh-ins show +10:00 where the profile says New York: the steps place calories in the zone in effect, and the clock said is the file's (review finding: 01:09, read back in New York time)",
      "America/New_York", 1440 + 15 * 60 + 10, /the last day, 2023-09-21, holds calories only until 15:09/, atPlusTen],
  ]) {
    const cal = calories(minutes);
    if (cut) cal.data = cal.data.slice(0, -20);
    const files = [{ name: "Takeout/Fitbit/Your Profile/Profile.csv", data: `id,full_name,timezone,locale,height,weight,weight_unit\n1,J D,${zone},en_US,170.0,0,METRIC\n` }, cal, ...more];
    const r = convertExport(files, { options: { kinds: ["daily"] }, ...(chosen ? { zone: chosen, explicit: true } : {}) });
    const warnings = JSON.parse(text(r.byName.get("manifest.json"))).warnings.filter((w) => w.includes("the last day"));
    const csv = text(r.out.files.find((f) => f.name.startsWith("csv/activities-")).data);
    assert.match(csv, /\n2023-09-21,/, `row ${n}: the day is written`);
    if (said) {
      assert.equal(warnings.length, 1, `row ${n}: ${why}`);
      assert.match(warnings[0], said, `row ${n}: ${why}`);
    } else assert.equal(warnings.length, 0, `row ${n}: ${why}`);
  }
});

test("15: a pool swim's pool and lengths are on its session and lap, the pool in metres with the unit it is shown in (numbered rows)", () => {
  // Row 1 is a real record's shape (a US account: distance in miles, pool in metres).
  const swim = (n, extra) => ({
    logId: 900 + n, activityName: "Swim", activityTypeId: 90024, startTime: "06/01/23 07:00:00", duration: 1800000,
    activeDuration: 1800000, calories: 250, distance: 0.21748, distanceUnit: "Mile", hasGps: false, logType: "manual", ...extra,
  });
  const rows = [
    { n: 1, rec: swim(1, { poolLength: 25, poolLengthUnit: "Meter", swimLengths: 14 }), pool: 25, unit: "metric", lengths: 14, why: "metres: 25 m, 14 lengths (350 m, the record's 0.21748 mi)" },
    { n: 2, rec: swim(2, { poolLength: 25, poolLengthUnit: "Yard", swimLengths: 20 }), pool: 22.86, unit: "statute", lengths: 20, why: "a yard pool: FIT holds metres (22.86), and the unit Connect shows it in" },
    { n: 3, rec: swim(3, { poolLength: 25, poolLengthUnit: "Furlong", swimLengths: 14 }), pool: undefined, unit: undefined, lengths: 14, why: "no known unit: no pool (said), the lengths still written" },
    { n: 4, rec: swim(4, {}), pool: undefined, unit: undefined, lengths: undefined, why: "a swim without the fields: neither" },
    { n: 5, rec: { ...swim(5, { poolLength: 25, poolLengthUnit: "Meter", swimLengths: 14 }), activityName: "Walk", activityTypeId: 90013 }, pool: undefined, unit: undefined, lengths: undefined, why: "not lap swimming: a pool is no part of a walk" },
  ];
  const files = [{ name: "Takeout/Fitbit/Global Export Data/exercise-0.json", data: JSON.stringify(rows.map((r) => r.rec)) }];
  const res = convertExport(files, { zone: "UTC" });
  for (const row of rows) {
    const name = [...res.byName.keys()].find((k) => k.endsWith(".fit") && k.includes(String(row.rec.logId)));
    assert.ok(name, `row ${row.n}: an activity file (${row.why})`);
    const messages = decodeFit(res.byName.get(name));
    const session = messages.sessionMesgs[0], lap = messages.lapMesgs[0];
    assert.equal(session.poolLength === undefined ? undefined : Math.round(session.poolLength * 100) / 100, row.pool, `row ${row.n}: pool length (${row.why})`);
    assert.equal(session.poolLengthUnit, row.unit, `row ${row.n}: pool unit (${row.why})`);
    for (const m of [session, lap]) {
      assert.equal(m.numLengths, row.lengths, `row ${row.n}: lengths (${row.why})`);
      assert.equal(m.numActiveLengths, row.lengths, `row ${row.n}: active lengths (${row.why})`);
    }
  }
  const named = res.report.problems.filter((p) => /poolLength/.test(p.reason));
  assert.equal(named.length, 1, "row 3's pool, named once");
});

test("16: a zone learned from Google's list of workouts alone (no weight.csv) is the one every step reads local times in: a workout during a trip is named and stamped at the trip's offset", () => {
  // Profile.csv says New York; the list says each workout was recorded at +07:00. The workout
  // starts 2023-06-10T00:00Z: 07:00 on 10 June where the person was, 20:00 on 9 June in New York.
  const start = Date.UTC(2023, 5, 10, 0, 0, 0);
  const rec = { logId: 7001, activityName: "Walk", activityTypeId: 90013, startTime: "06/10/23 00:00:00", duration: 1800000, activeDuration: 1800000, calories: 120, steps: 3000, hasGps: false, logType: "tracker" };
  const stamp = (ms) => `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}+0000`;
  const rows = [start - 86400000, start, start + 86400000].map((t, i) => `10${i},${stamp(t)},${stamp(t + 1800000)},+07:00,${stamp(t)},${stamp(t)},Outdoor Walk,TRACKER,120`);
  const files = [
    { name: "Takeout/Fitbit/Your Profile/Profile.csv", data: "id,full_name,height,weight,timezone\nA1,Jane,175.0,80.0,America/New_York\n" },
    { name: "Takeout/Fitbit/Global Export Data/exercise-0.json", data: JSON.stringify([rec]) },
    { name: "Takeout/Fitbit/Health Fitness Data_GoogleData/UserExercises_2023-06-01.csv", data: `exercise_id,exercise_start,exercise_end,utc_offset,exercise_created,exercise_last_updated,activity_name,log_type\n${rows.join("\n")}\n` },
  ];
  const res = convertExport(files);
  assert.equal(res.report.timeZone.name, "America/New_York");
  const name = [...res.byName.keys()].find((k) => k.endsWith("-7001.fit"));
  assert.ok(name?.includes("2023-06-10"), `named by the trip's local day: ${name}`);
  const m = decodeFit(res.byName.get(name));
  assert.equal(m.activityMesgs[0].localTimestamp, (start + 1800000) / 1000 + 7 * 3600 - 631065600, "local_timestamp at +07:00");
  const manifest = JSON.parse(new TextDecoder().decode(res.byName.get("manifest.json")));
  assert.deepEqual(manifest.timeZone.evidence.periods.map((p) => [p.offset, p.weighIns, p.workouts, p.agrees]), [["+07:00", 0, 3, false]]);
});
