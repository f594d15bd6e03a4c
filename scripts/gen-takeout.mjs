#!/usr/bin/env node
// A synthetic Fitbit export, deterministic from --seed: the same arguments always give the
// same files (and, for .zip, the same bytes). Weight part: Profile.csv (time zone, height),
// monthly weight-YYYY-MM-DD.json (local wall-clock times, the account's unit) and, in the
// Takeout layout, weight.csv (UTC, grams) holding the same weigh-ins. Activity part
// (scripts/lib/gen-activity.mjs, off unless asked for): workouts with TCX tracks, heart-rate
// day files, per-minute steps/distance/calories, active minutes, sleep, resting heart rate.
//
//   node scripts/gen-takeout.mjs --out DIR|FILE.zip [--seed 1] [--years 10] [--per-week 10]
//        [--start 2015-01-01] [--zone America/New_York] [--unit lb|kg] [--height 175]
//        [--layout takeout|takeout-noprefix|myfitbit|account-archive|account-archive-flat]
//        [--no-weight-csv] [--no-profile] [--height-records] [--realistic] [--junk]
//        [--travel 2019-03-01=Asia/Ho_Chi_Minh,2019-09-01=America/New_York] [--profile-zone Z]
//        [--parts N] [--odd-workouts] [--google-workouts 3] [--takeout-gps] [--takeout-pace]
//        [--workouts-per-week 3] [--track-interval 5] [--minute-days 60]
//        [--all-day-heart-rate 30] [--heart-rate-interval 5] [--day-cut utc|local] [--google-health]
//
// Layouts (what real exports show): Google Takeout with or without its `Takeout/` prefix;
// the older `MyFitbitData/<Name>/…`; the account archive `<Name>/user-site-export/<kind>/…`
// (one folder per kind, height-*.json loose, no Profile.csv, no weight.csv, no tracks) and its
// flat variant `user-site-export/…`.
//   --travel       the zone changes on those dates (a traveller): weigh-ins are logged in the
//                  zone in effect; weight.csv has their true instants; Profile.csv names the
//                  last zone (the one at export time) unless --profile-zone.
//   --realistic    as real exports are: the JSON cuts weights to 0.1 lb (not rounds), a manual
//                  entry shows 23:59:59 in the JSON while weight.csv has when it was logged,
//                  and about 2 % of weigh-ins are only in weight.csv, 2 % only in the JSON.
//   --height-records  height-DATE.json (JSON layouts) or height.csv (Takeout) in millimetres.
//   --junk         files no reader takes: other products, a badge file, macOS twins, Google's
//                  per-day CSV copies.
//   --parts N      FILE.zip becomes FILE-001.zip … FILE-00N.zip, numbered as Google Takeout numbers
//                  the parts it splits a large export into (the page and the CLI tell a missing
//                  part by those three digits).
//   --odd-workouts a 24-hour "Run" of 1.24 km and a workout that says hasGps with no track.
//   --google-workouts N  Google's list of workouts (Takeout layouts: Health Fitness
//                  Data_GoogleData/UserExercises_<start>.csv), as real ones are: a row for
//                  every exercise JSON workout at the same second, and N tracker runs only it
//                  holds, each overlapping no JSON workout (logId = start in Unix ms).
//   --takeout-gps  as Google Takeout is now (Takeout layouts): no <logId>.tcx; the tracks'
//                  positions in Physical Activity_GoogleData/gps_location_YYYY-MM-DD.csv,
//                  one file per UTC day (timestamp, latitude, longitude, altitude), and their
//                  cadence in cadence_YYYY-MM-DD.csv (steps per minute: both feet).
//   --takeout-pace every workout's steps and distance each second, as Google Takeout keeps them
//                  (Takeout layouts): Physical Activity_GoogleData/live_pace_YYYY-MM-DD.csv,
//                  one file per UTC day, the workout's steps and distance spread evenly over
//                  its seconds (a workout with a track has its positions besides).
//   --takeout-dynamics  every workout's running dynamics, as Google Takeout keeps a watch's
//                  (Takeout layouts): Physical Activity_GoogleData/stride_length_, a reading
//                  every 3 s (cm), and ground_contact_time_ (ms), vertical_oscillation_ (cm)
//                  and vertical_ratio_ (hundredths of a percent, as real files write it), a
//                  reading every 5 s, one file per UTC day each, their values cycling through a
//                  run's range.
//   --google-health  the same export as the 2026 "Google Health" Takeout writes it (Takeout
//                  layouts): under Takeout/Google Health/, Google's per-second files a month a
//                  file in a folder per kind (GPS Location/gps_location_2026-09-01.csv, Live
//                  Pace/…, named for the month's 1st), weight.csv under Weight/, and no
//                  heart-rate or sleep JSON: the readings in Heart Rate/heart_rate_YYYY-MM-01.csv
//                  (timestamp, beats per minute, data source), the sleeps in Health Fitness
//                  Data_GoogleData/UserSleeps_<tag>.csv (UTC times labelled Z, the zone's offset
//                  beside them). The same records as without it, so every conversion of both
//                  gives the same workouts, heart-rate summary and sleeps.
//   --day-cut      where the steps, distance and heart-rate day files begin: at UTC midnight
//                  (the default), or at the zone's local midnight, their times still in UTC (as
//                  some real exports cut them). Calories files always hold whole local days,
//                  stamped with the local wall clock, as every real export writes them.
//
// Importable: generateExport(options) -> [{name, data}] (sorted by name). Other kinds
// (workouts, per-minute data) extend `generators` below.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { offsetAt } from "../worker-shim/shared/tz.js";
import { zipFiles } from "./lib/zip-write.mjs";
import { activityFiles, fitbitDateTime } from "./lib/gen-activity.mjs";

export const DEFAULTS = Object.freeze({
  seed: 1,
  years: 10,
  perWeek: 10,
  start: "2015-01-01",
  zone: "America/New_York",
  unit: "lb",
  height: 175,
  layout: "takeout",
  weightCsv: true,
  profile: true,
  profileZone: null, // Profile.csv's zone when it differs from the last one lived in
  travel: null, // [[YYYY-MM-DD, zone], …]: the zone changes on those dates
  realistic: false,
  heightRecords: false,
  junk: false,
  parts: 1,
  oddWorkouts: false,
  googleWorkouts: 0, // rows of UserExercises_*.csv only it holds (0: no such file)
  takeoutGps: false, // tracks as Google's position files instead of <logId>.tcx (Takeout layouts)
  takeoutPace: false, // every workout's steps and distance each second in Google's live_pace files
  googleHealth: false, // the 2026 "Google Health" Takeout shape (--google-health)
  takeoutDynamics: false, // every workout's running dynamics in Google's stride_length_ … vertical_ratio_ files
  workoutsPerWeek: 0, // workouts (exercise-*.json + Activities/*.tcx + heart_rate-*.json)
  trackInterval: 5, // seconds between TCX trackpoints
  minuteDays: 0, // days of per-minute steps/distance/calories, active minutes, sleep, resting HR
  allDayHeartRate: 0, // days of all-day heart rate (heart_rate-*.json for every day, not just workout days)
  heartRateInterval: 5, // seconds between all-day heart-rate readings
  dayCut: "utc", // where per-minute and heart-rate day files begin: "utc" midnight, or "local" (the zone's)
});

const KG_PER_LB = 0.45359237;

// mulberry32: tiny, fast, and the same sequence everywhere.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, "0");
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;

export const LAYOUTS = ["takeout", "takeout-noprefix", "myfitbit", "account-archive", "account-archive-flat"];

export function paths(layout) {
  if (layout === "account-archive" || layout === "account-archive-flat") {
    // One folder per kind (weight/, exercise/, …; kindFolders), height-*.json loose.
    const base = layout === "account-archive" ? "JaneDoe/user-site-export/" : "user-site-export/";
    return { base, profile: null, weightDir: `${base}weight/`, weightCsv: null, heightDir: base, activityDir: base, activities: null, kindFolders: true };
  }
  if (layout === "myfitbit") {
    const base = "MyFitbitData/JaneDoe/";
    return {
      base,
      profile: `${base}Personal & Account/Profile.csv`,
      weightDir: `${base}Personal & Account/`,
      weightCsv: null,
      heightDir: `${base}Personal & Account/`,
      activityDir: `${base}Physical Activity/`,
      activities: `${base}Physical Activity/`,
    };
  }
  if (!LAYOUTS.includes(layout)) throw new Error(`--layout must be one of ${LAYOUTS.join(", ")}`);
  const base = layout === "takeout-noprefix" ? "Fitbit/" : "Takeout/Fitbit/";
  return {
    base,
    activities: `${base}Activities/`,
    profile: `${base}Your Profile/Profile.csv`,
    weightDir: `${base}Global Export Data/`,
    weightCsv: `${base}Physical Activity_GoogleData/weight.csv`,
    heightCsv: `${base}Physical Activity_GoogleData/height.csv`,
  };
}

// The zone in effect on a local day (`--travel`): the last change on or before it.
function zoneOn(o, localSec) {
  let zone = o.zone;
  for (const [day, z] of o.travel ?? []) if (localSec >= Date.parse(`${day}T00:00:00Z`) / 1000) zone = z;
  return zone;
}
const lastZone = (o) => (o.travel?.length ? o.travel[o.travel.length - 1][1] : o.zone);

function profileCsv(o) {
  // weight_unit is METRIC whatever the weigh-ins' unit: real exports show it is not their unit.
  return (
    "id,full_name,display_name,date_of_birth,gender,height,weight,timezone,locale,weight_unit\n" +
    `2XYZ9,Jane Doe,Jane,1985-04-12,FEMALE,${o.height.toFixed(1)},0,${o.profileZone ?? lastZone(o)},en_US,METRIC\n`
  );
}

// Weigh-ins as local wall-clock seconds ("as if UTC"), ascending.
function weighIns(o, rand) {
  const start = Date.parse(`${o.start}T00:00:00Z`) / 1000;
  const days = Math.round(o.years * 365.25);
  const perDay = o.perWeek / 7;
  let lb = 150 + rand() * 60; // a random walk in pounds
  const out = [];
  for (let d = 0; d < days; d++) {
    let n = Math.floor(perDay) + (rand() < perDay - Math.floor(perDay) ? 1 : 0);
    for (let k = 0; k < n; k++) {
      lb = Math.min(330, Math.max(100, lb + (rand() - 0.5) * 1.2));
      const manual = rand() < 0.05; // manual entries are logged at 23:59:59 by Fitbit
      const sec = manual ? 86399 : 6 * 3600 + Math.floor(rand() * 14 * 3600);
      out.push({ local: start + d * 86400 + sec, lb: round(lb, 1), manual, fat: rand() < 0.5 ? round(18 + rand() * 15, 3) : null });
    }
  }
  out.sort((a, b) => a.local - b.local);
  // Two weigh-ins at the same second are one weigh-in: keep the first.
  return out.filter((w, i) => i === 0 || w.local !== out[i - 1].local);
}

function fitbitDate(localSec) {
  const d = new Date(localSec * 1000);
  return {
    date: `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`,
  };
}

// Local -> UTC the way the core does it (earlier instant when ambiguous, offset before the
// jump when nonexistent), so weight.csv holds the instants the core will compute.
function localToUtc(zone, local) {
  const before = offsetAt(zone, local - 2 * 86400);
  const after = offsetAt(zone, local + 2 * 86400);
  const valid = [...new Set([before, after])].map((o) => local - o).filter((u) => offsetAt(zone, u) === local - u);
  if (valid.length) return Math.min(...valid);
  return local - before;
}

function weightFiles(o, rand) {
  const p = paths(o.layout);
  const m2 = (o.height / 100) ** 2;
  const months = new Map();
  const csv = ["timestamp,weight grams,data source"];
  // --realistic draws from its own sequence, so the weigh-ins themselves stay those of the seed.
  const real = rng(o.seed * 104729 + 7);
  for (const w of weighIns(o, rand)) {
    const kg = w.lb * KG_PER_LB;
    const utc = localToUtc(zoneOn(o, w.local), w.local);
    let where = "both";
    let logged = w.local; // the JSON's local time
    if (o.realistic) {
      const r = real();
      where = r < 0.02 ? "csv" : r < 0.04 ? "json" : "both";
    }
    if (o.realistic && w.manual) logged = w.local - (w.local % 86400) + 86399; // a date, not a time
    const { date, time, month } = fitbitDate(logged);
    // Real exports cut to 0.1 lb; the default rounds (older tests rely on its values).
    const shown = o.realistic ? Math.floor(w.lb * 10 + 1e-9) / 10 : w.lb;
    const rec = {
      logId: logged * 1000,
      weight: o.unit === "lb" ? shown : round(kg, 1),
      bmi: round(kg / m2, 2),
      date,
      time,
      source: w.manual ? "API" : "Aria",
    };
    if (w.fat !== null && !w.manual) rec.fat = w.fat;
    if (where !== "csv") {
      if (!months.has(month)) months.set(month, []);
      months.get(month).push(rec);
    }
    // Without --realistic a manual entry's instant is its 23:59:59 (what older tests expect).
    const at = o.realistic ? utc : localToUtc(zoneOn(o, logged), logged);
    if (where !== "json") {
      csv.push(`${new Date(at * 1000).toISOString().replace(".000Z", "Z")},${(round(o.unit === "lb" ? kg : round(kg, 1), 3) * 1000).toFixed(1)},${rec.source}`);
    }
  }
  const files = [];
  for (const [month, recs] of months) files.push({ name: `${p.weightDir}weight-${month}.json`, data: JSON.stringify(recs, null, 1) });
  if (p.weightCsv && o.weightCsv) files.push({ name: p.weightCsv, data: csv.join("\n") + "\n" });
  return files;
}

// What really happened, for tests: every weigh-in's true UTC instant and mass, whichever
// source(s) hold it (the zone in effect at the time, --travel included).
export function trueWeighIns(options = {}) {
  const o = { ...DEFAULTS, ...options };
  return weighIns(o, rng(o.seed)).map((w) => ({ utc: localToUtc(zoneOn(o, w.local), w.local), kg: w.lb * KG_PER_LB }));
}

// Heights as the export records them: height-DATE.json (millimetres as strings) or
// Google's height.csv. Two records a few years apart, the same height.
function heightFiles(o) {
  if (!o.heightRecords) return [];
  const p = paths(o.layout);
  const mm = String(Math.round(o.height * 10));
  const days = [o.start, `${Number(o.start.slice(0, 4)) + Math.max(1, Math.floor(o.years / 2))}${o.start.slice(4)}`];
  if (p.heightCsv) {
    return [{ name: p.heightCsv, data: "timestamp,height millimeters,data source\n" + days.map((d) => `${d}T08:00:00Z,${mm}.0,Fitbit`).join("\n") + "\n" }];
  }
  return days.map((d) => {
    const [y, m, dd] = d.split("-");
    return { name: `${p.heightDir}height-${d}.json`, data: JSON.stringify([{ dateTime: `${m}/${dd}/${y.slice(2)} 00:00:00`, value: mm }]) };
  });
}

// Files no reader takes, as real exports and the zips made from them carry.
function junkFiles(o) {
  if (!o.junk) return [];
  const p = paths(o.layout);
  const top = p.base.split("/")[0];
  return [
    { name: `${p.base}badges.json`, data: "[]" },
    { name: `${p.base}Account Profile/Account Access Events.csv`, data: "timestamp,event\n" },
    { name: `${p.base}Physical Activity_GoogleData/steps_2024-10-27.csv`, data: "timestamp,steps\n" },
    { name: `__MACOSX/${p.weightDir}._weight-2020-01-01.json`, data: "\u0000\u0005" },
    { name: `${top === "Takeout" ? "Takeout/" : ""}archive_browser.html`, data: "<html></html>" },
  ];
}

// A 24-hour "Run" of 1.24 km (a tracker's nonsense) and a workout that says it had GPS but
// has no track: exercise-9000.json.
function oddWorkouts(o) {
  if (!o.oddWorkouts) return [];
  const p = paths(o.layout);
  const start = Date.parse(`${o.start}T12:00:00Z`) / 1000 + 40 * 86400;
  const rec = (logId, name, typeId, durationMs, km, gps, at) => ({
    logId, activityName: name, activityTypeId: typeId, averageHeartRate: 90, calories: 300, duration: durationMs,
    activeDuration: durationMs, steps: 2000, startTime: fitbitDateTime(at), hasGps: gps, logType: "tracker",
    distance: km, distanceUnit: "Kilometer", source: { type: "tracker", name: "Charge 5" },
    ...(gps ? { tcxLink: `https://www.fitbit.com/activities/exercise/${logId}?export=tcx` } : {}),
  });
  const dir = p.kindFolders ? `${p.base}exercise/` : p.activityDir ?? p.weightDir;
  return [{ name: `${dir}exercise-9000.json`, data: JSON.stringify([
    rec(90000000001, "Run", 90009, 24 * 3600 * 1000, 1.24, false, start),
    rec(90000000002, "Outdoor Bike", 1071, 45 * 60 * 1000, 15.2, true, start + 2 * 86400),
  ], null, 1) }];
}

// The account archive keeps each kind in a folder of its name: user-site-export/steps/steps-….json.
function intoKindFolders(o, files) {
  const p = paths(o.layout);
  if (!p.kindFolders) return files;
  return files
    .filter((f) => !f.name.endsWith(".tcx")) // the account archive carries no tracks
    .map((f) => {
      const base = f.name.slice(f.name.lastIndexOf("/") + 1);
      const m = /^([a-z_]+)-[0-9]/.exec(base);
      if (!m || m[1] === "height" || !f.name.startsWith(p.base) || f.name.slice(p.base.length).includes("/")) return f;
      return { ...f, name: `${p.base}${m[1]}/${base}` };
    });
}

// Each generator adds its kind's files, in this order; a new kind appends its own.
export const generators = [
  (o) => (o.profile && paths(o.layout).profile ? [{ name: paths(o.layout).profile, data: profileCsv(o) }] : []),
  (o, rand) => weightFiles(o, rand),
  // Its own random sequence, so adding activity data never changes the weight part.
  (o) => {
    const p = paths(o.layout);
    return activityFiles(o, rng(o.seed * 7919 + 17), { global: p.activityDir ?? p.weightDir, activities: p.activities ?? p.activityDir });
  },
  (o) => heightFiles(o),
  (o) => junkFiles(o),
  (o) => oddWorkouts(o),
];

// Google's list of workouts (--google-workouts): every JSON workout's row, then `n` runs only
// it holds, one every 11 days from the start at 05:30 UTC for 25 minutes, each moved an hour
// on until it overlaps no JSON workout. Columns and time format as in real files
// (docs/formats.md); rows sorted by exercise_id as text, as Google writes them.
function googleWorkouts(o, files) {
  const top = paths(o.layout).weightCsv ? paths(o.layout).base : null; // the Takeout layouts
  if (!o.googleWorkouts || !top) return [];
  const json = files.filter((f) => /\/exercise-\d+\.json$/.test(f.name)).flatMap((f) => JSON.parse(f.data));
  const spanOf = (r) => {
    const [, mo, d, y, t] = /^(\d\d)\/(\d\d)\/(\d\d) (.*)$/.exec(r.startTime);
    const start = Date.parse(`20${y}-${mo}-${d}T${t}Z`);
    return [start, start + r.duration];
  };
  const spans = json.map(spanOf);
  const stamp = (ms) => `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}+0000`;
  const header = "exercise_id,exercise_start,exercise_end,utc_offset,exercise_created,exercise_last_updated,activity_name,log_type,pool_length,pool_length_unit,intervals,distance_units,tracker_total_calories,tracker_total_steps,tracker_total_distance_mm,tracker_total_altitude_mm,tracker_avg_heart_rate,tracker_peak_heart_rate,tracker_avg_pace_mm_per_second,tracker_avg_speed_mm_per_second,tracker_peak_speed_mm_per_second,tracker_auto_stride_run_mm,tracker_auto_stride_walk_mm,tracker_swim_lengths,tracker_pool_length,tracker_pool_length_unit,tracker_cardio_load,manually_logged_total_calories,manually_logged_total_steps,manually_logged_total_distance_mm,manually_logged_pool_length,manually_logged_pool_length_unit,events";
  // utc_offset: the offset the workout was recorded at, as real files write it ("+07:00"):
  // the zone the person was in then (travel included).
  const offsetText = (ms) => {
    const utc = Math.floor(ms / 1000);
    const off = offsetAt(zoneOn(o, utc + offsetAt(o.zone, utc)), utc);
    const a = Math.abs(off);
    return `${off < 0 ? "-" : "+"}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}`;
  };
  const row = (id, [from, to], name, type, cal, steps, mm, hr) =>
    [id, stamp(from), stamp(to), offsetText(from), stamp(to), stamp(to), name, type, 0, "UNSPECIFIED", "", "METRIC", cal, steps, mm, 0, hr, "", 0, 0, 0, 0, 0, 0, 0, "UNSPECIFIED", 0, "", "", "", "", "", ""].join(",");
  const rows = json.map((r, i) => row(`10${String(r.logId).padStart(17, "0")}`, spans[i], r.activityName, r.logType === "auto_detected" ? "AUTO_DETECTED" : "TRACKER", r.calories ?? "", r.steps ?? "", Math.round((r.distance ?? 0) * 1e6), r.averageHeartRate ?? ""));
  const first = Date.parse(`${o.start}T05:30:00Z`);
  for (let k = 0; k < o.googleWorkouts; k++) {
    let from = first + k * 11 * 86400000;
    while (spans.some(([s, e]) => s === from || (s < from + 1500000 && from < e))) from += 3600000;
    rows.push(row(`11${String(k).padStart(17, "0")}`, [from, from + 1500000], "Outdoor Run", "TRACKER", 260 + k, 3600 + k, 4200000 + k * 1000, 148));
  }
  rows.sort();
  return [{ name: `${top}Health Fitness Data_GoogleData/UserExercises_${o.start}.csv`, data: `${header}\n${rows.join("\n")}\n` }];
}

// --takeout-gps: every track's positions and cadence into Google's day files, the tracks left out.
function takeoutGps(o, files) {
  const p = paths(o.layout);
  if (!o.takeoutGps || !p.weightCsv) return files;
  const days = new Map(); // YYYY-MM-DD -> {positions: rows, cadence: rows}
  const point = /<Time>([^<]+)<\/Time><Position><LatitudeDegrees>([^<]+)<\/LatitudeDegrees><LongitudeDegrees>([^<]+)<\/LongitudeDegrees><\/Position><AltitudeMeters>([^<]+)<\/AltitudeMeters>(?:(?!<\/Trackpoint>).)*?(?:<Cadence>(\d+)<\/Cadence>)?<\/Trackpoint>/g;
  for (const f of files.filter((x) => x.name.endsWith(".tcx"))) {
    for (const [, time, lat, lon, alt, cad] of String(f.data).matchAll(point)) {
      const stamp = `${time.slice(0, 19)}Z`;
      const day = stamp.slice(0, 10);
      if (!days.has(day)) days.set(day, { positions: [], cadence: [] });
      days.get(day).positions.push(`${stamp},${lat},${lon},${alt}`);
      if (cad !== undefined) days.get(day).cadence.push(`${stamp},${Number(cad) * 2}`);
    }
  }
  const out = files.filter((x) => !x.name.endsWith(".tcx"));
  const dir = `${p.base}Physical Activity_GoogleData/`;
  for (const [day, { positions, cadence }] of days) {
    out.push({ name: `${dir}gps_location_${day}.csv`, data: `timestamp,latitude,longitude,altitude\n${positions.sort().join("\n")}\n` });
    if (cadence.length) out.push({ name: `${dir}cadence_${day}.csv`, data: `timestamp,steps per minute\n${cadence.sort().join("\n")}\n` });
  }
  return out;
}

// --takeout-pace: a row a second for every JSON workout, from the second after its start to its
// end, its steps and distance spread evenly (whole steps and millimetres: the running totals
// rounded), into Google's pace day files.
function takeoutPace(o, files) {
  const p = paths(o.layout);
  if (!o.takeoutPace || !p.weightCsv) return [];
  const days = new Map(); // YYYY-MM-DD -> rows
  for (const f of files.filter((x) => /\/exercise-\d+\.json$/.test(x.name))) {
    for (const r of JSON.parse(f.data)) {
      const [, mo, d, y, t] = /^(\d\d)\/(\d\d)\/(\d\d) (.*)$/.exec(r.startTime);
      const start = Date.parse(`20${y}-${mo}-${d}T${t}Z`) / 1000;
      const n = Math.floor(r.duration / 1000);
      const steps = r.steps ?? 0, mm = Math.round((r.distance ?? 0) * (r.distanceUnit === "Mile" ? 1609344 : 1e6));
      for (let i = 1; i <= n; i++) {
        const stamp = `${new Date((start + i) * 1000).toISOString().slice(0, 19)}Z`;
        const day = stamp.slice(0, 10);
        if (!days.has(day)) days.set(day, []);
        const share = (total) => Math.round((total * i) / n) - Math.round((total * (i - 1)) / n);
        days.get(day).push(`${stamp},${share(steps)},${share(mm)},0,Charge 5`);
      }
    }
  }
  const dir = `${p.base}Physical Activity_GoogleData/`;
  return [...days].map(([day, rows]) => ({
    name: `${dir}live_pace_${day}.csv`,
    data: `timestamp,steps,distance millimeters,altitude gain millimeters,data source\n${rows.sort().join("\n")}\n`,
  }));
}

// --takeout-dynamics: readings from the second after each JSON workout's start to its end, as
// real files hold them: stride length every 3 s, the other three every 5 s (the ratio is the
// oscillation over the stride of the same second, in hundredths of a percent).
function takeoutDynamics(o, files) {
  const p = paths(o.layout);
  if (!o.takeoutDynamics || !p.weightCsv) return [];
  const days = new Map(); // "<stem>_<YYYY-MM-DD>" -> rows
  const put = (stem, sec, value) => {
    const stamp = `${new Date(sec * 1000).toISOString().slice(0, 19)}Z`;
    const key = `${stem}_${stamp.slice(0, 10)}`;
    if (!days.has(key)) days.set(key, []);
    days.get(key).push(`${stamp},${value}`);
  };
  for (const f of files.filter((x) => /\/exercise-\d+\.json$/.test(x.name))) {
    for (const r of JSON.parse(f.data)) {
      const [, mo, d, y, t] = /^(\d\d)\/(\d\d)\/(\d\d) (.*)$/.exec(r.startTime);
      const start = Date.parse(`20${y}-${mo}-${d}T${t}Z`) / 1000;
      const n = Math.floor(r.duration / 1000);
      const stride = (i) => 80 + (i % 21);
      const oscillation = (i) => 6 + (i % 31) / 10;
      for (let i = 1; i <= n; i++) {
        if (i % 3 === 1) put("stride_length", start + i, stride(i).toFixed(2));
        if (i % 5 === 1) {
          put("ground_contact_time", start + i, 230 + (i % 60));
          put("vertical_oscillation", start + i, oscillation(i).toFixed(1));
          put("vertical_ratio", start + i, ((oscillation(i) / stride(i)) * 10000).toFixed(1));
        }
      }
    }
  }
  const dir = `${p.base}Physical Activity_GoogleData/`;
  const column = { stride_length: "stride length", ground_contact_time: "ground contact time", vertical_oscillation: "vertical oscillation", vertical_ratio: "vertical ratio" };
  return [...days].map(([key, rows]) => {
    const stem = key.slice(0, -11);
    return { name: `${dir}${key}.csv`, data: `timestamp,${column[stem]}\n${rows.sort().join("\n")}\n` };
  });
}

// --google-health: the files above as the 2026 "Google Health" Takeout writes them (the header
// comment). Records are moved, never changed: a reading's second and value, a sleep's local
// times and minutes stay what they were.
const GOOGLE_FAMILIES = {
  gps_location: "GPS Location",
  cadence: "Cadence",
  live_pace: "Live Pace",
  stride_length: "Stride Length",
  ground_contact_time: "Ground Contact Time",
  vertical_oscillation: "Vertical Oscillation",
  vertical_ratio: "Vertical Ratio",
};
function offsetText(sec) {
  const m = Math.abs(sec) / 60;
  return `${sec < 0 ? "-" : "+"}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
function googleHealth(o, files) {
  const p = paths(o.layout);
  if (!o.googleHealth || !p.weightCsv) return files;
  const base = p.base.replace(/Fitbit\/$/, "Google Health/");
  const activity = `${base}Physical Activity_GoogleData/`;
  const months = new Map(); // new name -> {header, rows: [[time text, row]]}
  const add = (name, header, time, row) => {
    if (!months.has(name)) months.set(name, { header, rows: [] });
    months.get(name).rows.push([time, row]);
  };
  const out = [];
  for (const f of files) {
    const name = f.name.startsWith(p.base) ? base + f.name.slice(p.base.length) : f.name;
    const file = name.slice(name.lastIndexOf("/") + 1);
    const perSecond = /^([a-z_]+)_(\d{4}-\d\d)-\d\d\.csv$/.exec(file);
    if (name.startsWith(activity) && perSecond && GOOGLE_FAMILIES[perSecond[1]]) {
      const [header, ...rows] = String(f.data).trimEnd().split("\n");
      const to = `${activity}${GOOGLE_FAMILIES[perSecond[1]]}/${perSecond[1]}_${perSecond[2]}-01.csv`;
      for (const r of rows) add(to, header, r.slice(0, 20), r);
      continue;
    }
    const hr = /^heart_rate-(\d{4}-\d\d)-\d\d\.json$/.exec(file);
    if (hr) {
      const to = `${activity}Heart Rate/heart_rate_${hr[1]}-01.csv`;
      for (const r of JSON.parse(f.data)) {
        const [, mo, d, y, t] = /^(\d\d)\/(\d\d)\/(\d\d) (.*)$/.exec(r.dateTime);
        const time = `20${y}-${mo}-${d}T${t}Z`;
        add(to, "timestamp,beats per minute,data source", time, `${time},${r.value.bpm.toFixed(1)},Charge 5`);
      }
      continue;
    }
    const sleep = /^sleep-(.*)\.json$/.exec(file);
    if (sleep) {
      const to = `${base}Health Fitness Data_GoogleData/UserSleeps_${sleep[1]}.csv`;
      const header =
        "sleep_id,sleep_type,minutes_in_sleep_period,minutes_after_wake_up,minutes_to_fall_asleep,minutes_asleep,minutes_awake," +
        "minutes_longest_awakening,minutes_to_persistent_sleep,start_utc_offset,sleep_start,end_utc_offset,sleep_end,data_source," +
        "algorithm_version,sleep_created,sleep_last_updated";
      for (const s of JSON.parse(f.data)) {
        const utc = (local) => {
          const l = Date.parse(`${local}Z`) / 1000;
          const off = offsetAt(o.zone, l - offsetAt(o.zone, l));
          return [`${new Date((l - off) * 1000).toISOString().slice(0, 19)}Z`, offsetText(off)];
        };
        const [start, startOff] = utc(s.startTime), [end, endOff] = utc(s.endTime);
        add(to, header, start, [s.logId, s.type.toUpperCase(), s.timeInBed, s.minutesAfterWakeup, s.minutesToFallAsleep, s.minutesAsleep,
          s.minutesAwake, 0, 0, startOff, start, endOff, end, "DERIVED", 3, end, end].join(","));
      }
      continue;
    }
    out.push({ ...f, name: name === `${base}Physical Activity_GoogleData/weight.csv` ? `${activity}Weight/weight.csv` : name });
  }
  for (const [name, { header, rows }] of months) {
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // stable: a second's rows keep their order
    out.push({ name, data: `${header}\n${rows.map((r) => r[1]).join("\n")}\n` });
  }
  return out;
}

export function generateExport(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const rand = rng(o.seed);
  const files = takeoutGps(o, intoKindFolders(o, generators.flatMap((g) => g(o, rand))));
  files.push(...googleWorkouts(o, files));
  files.push(...takeoutPace(o, files));
  files.push(...takeoutDynamics(o, files));
  return googleHealth(o, files).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// The parts of a split export: every file in exactly one part, Profile.csv in the first.
export function splitParts(files, n) {
  const parts = Array.from({ length: n }, () => []);
  files.forEach((f, i) => parts[f.name.endsWith("Profile.csv") ? 0 : i % n].push(f));
  return parts;
}

export function writeExport(files, out, parts = 1) {
  if (out.endsWith(".zip")) {
    mkdirSync(dirname(out), { recursive: true });
    if (parts > 1) {
      splitParts(files, parts).forEach((part, i) => writeFileSync(out.replace(/\.zip$/, `-${String(i + 1).padStart(3, "0")}.zip`), zipFiles(part)));
      return;
    }
    writeFileSync(out, zipFiles(files));
    return;
  }
  for (const f of files) {
    const path = join(out, f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.data);
  }
}

function parseArgs(argv) {
  const o = {};
  let out = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--out") out = next();
    else if (a === "--seed") o.seed = Number(next());
    else if (a === "--years") o.years = Number(next());
    else if (a === "--per-week") o.perWeek = Number(next());
    else if (a === "--start") o.start = next();
    else if (a === "--zone") o.zone = next();
    else if (a === "--unit") o.unit = next();
    else if (a === "--height") o.height = Number(next());
    else if (a === "--layout") o.layout = next();
    else if (a === "--no-weight-csv") o.weightCsv = false;
    else if (a === "--no-profile") o.profile = false;
    else if (a === "--profile-zone") o.profileZone = next();
    else if (a === "--travel") o.travel = next().split(",").map((t) => t.split("="));
    else if (a === "--realistic") o.realistic = true;
    else if (a === "--height-records") o.heightRecords = true;
    else if (a === "--junk") o.junk = true;
    else if (a === "--parts") o.parts = Number(next());
    else if (a === "--odd-workouts") o.oddWorkouts = true;
    else if (a === "--google-workouts") o.googleWorkouts = Number(next());
    else if (a === "--takeout-gps") o.takeoutGps = true;
    else if (a === "--takeout-pace") o.takeoutPace = true;
    else if (a === "--takeout-dynamics") o.takeoutDynamics = true;
    else if (a === "--google-health") o.googleHealth = true;
    else if (a === "--workouts-per-week") o.workoutsPerWeek = Number(next());
    else if (a === "--track-interval") o.trackInterval = Number(next());
    else if (a === "--minute-days") o.minuteDays = Number(next());
    else if (a === "--all-day-heart-rate") o.allDayHeartRate = Number(next());
    else if (a === "--day-cut") o.dayCut = next();
    else if (a === "--heart-rate-interval") o.heartRateInterval = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!out) throw new Error("--out DIR|FILE.zip is required");
  return { o, out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { o, out } = parseArgs(process.argv.slice(2));
    const files = generateExport(o);
    writeExport(files, out, o.parts ?? 1);
    console.log(`gen-takeout: ${files.length} files -> ${out}`);
  } catch (err) {
    console.error(`gen-takeout: ${err.message}`);
    process.exit(2);
  }
}
