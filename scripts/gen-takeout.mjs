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
//        [--layout takeout|myfitbit] [--no-weight-csv]
//        [--workouts-per-week 3] [--track-interval 5] [--minute-days 60]
//
// Importable: generateExport(options) -> [{name, data}] (sorted by name). Other kinds
// (workouts, per-minute data) extend `generators` below.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { offsetAt } from "../worker-shim/shared/tz.js";
import { zipFiles } from "./lib/zip-write.mjs";
import { activityFiles } from "./lib/gen-activity.mjs";

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
  workoutsPerWeek: 0, // workouts (exercise-*.json + Activities/*.tcx + heart_rate-*.json)
  trackInterval: 5, // seconds between TCX trackpoints
  minuteDays: 0, // days of per-minute steps/distance/calories, active minutes, sleep, resting HR
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

export function paths(layout) {
  if (layout === "myfitbit") {
    const base = "MyFitbitData/JaneDoe/";
    return {
      base,
      profile: `${base}Personal & Account/Profile.csv`,
      weightDir: `${base}Personal & Account/`,
      weightCsv: null,
      activityDir: `${base}Physical Activity/`,
      activities: `${base}Physical Activity/`,
    };
  }
  const base = "Takeout/Fitbit/";
  return {
    base,
    activities: `${base}Activities/`,
    profile: `${base}Your Profile/Profile.csv`,
    weightDir: `${base}Global Export Data/`,
    weightCsv: `${base}Physical Activity_GoogleData/weight.csv`,
  };
}

function profileCsv(o) {
  return (
    "id,full_name,display_name,date_of_birth,gender,height,weight,timezone,locale\n" +
    `2XYZ9,Jane Doe,Jane,1985-04-12,FEMALE,${o.height.toFixed(1)},0,${o.zone},en_US\n`
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
  for (const w of weighIns(o, rand)) {
    const { date, time, month } = fitbitDate(w.local);
    const kg = w.lb * KG_PER_LB;
    const rec = {
      logId: w.local * 1000,
      weight: o.unit === "lb" ? w.lb : round(kg, 1),
      bmi: round(kg / m2, 2),
      date,
      time,
      source: w.manual ? "API" : "Aria",
    };
    if (w.fat !== null && !w.manual) rec.fat = w.fat;
    if (!months.has(month)) months.set(month, []);
    months.get(month).push(rec);
    const utc = localToUtc(o.zone, w.local);
    csv.push(`${new Date(utc * 1000).toISOString().replace(".000Z", "Z")},${(round(o.unit === "lb" ? kg : rec.weight, 3) * 1000).toFixed(1)},${rec.source}`);
  }
  const files = [];
  for (const [month, recs] of months) files.push({ name: `${p.weightDir}weight-${month}.json`, data: JSON.stringify(recs, null, 1) });
  if (p.weightCsv && o.weightCsv) files.push({ name: p.weightCsv, data: csv.join("\n") + "\n" });
  return files;
}

// Each generator adds its kind's files, in this order; a new kind appends its own.
export const generators = [
  (o) => [{ name: paths(o.layout).profile, data: profileCsv(o) }],
  (o, rand) => weightFiles(o, rand),
  // Its own random sequence, so adding activity data never changes the weight part.
  (o) => {
    const p = paths(o.layout);
    return activityFiles(o, rng(o.seed * 7919 + 17), { global: p.activityDir ?? p.weightDir, activities: p.activities });
  },
];

export function generateExport(options = {}) {
  const o = { ...DEFAULTS, ...options };
  const rand = rng(o.seed);
  const files = generators.flatMap((g) => g(o, rand));
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function writeExport(files, out) {
  if (out.endsWith(".zip")) {
    mkdirSync(dirname(out), { recursive: true });
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
    else if (a === "--workouts-per-week") o.workoutsPerWeek = Number(next());
    else if (a === "--track-interval") o.trackInterval = Number(next());
    else if (a === "--minute-days") o.minuteDays = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!out) throw new Error("--out DIR|FILE.zip is required");
  return { o, out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { o, out } = parseArgs(process.argv.slice(2));
    const files = generateExport(o);
    writeExport(files, out);
    console.log(`gen-takeout: ${files.length} files -> ${out}`);
  } catch (err) {
    console.error(`gen-takeout: ${err.message}`);
    process.exit(2);
  }
}
