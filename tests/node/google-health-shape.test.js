// The 2026 "Google Health" Takeout shape (scripts/gen-takeout.mjs --google-health): the same
// records as the older Takeout shape, moved — Google's per-second files a month a file in a
// folder per kind, heart rate only in Google's CSVs, sleeps only in UserSleeps_*.csv. The CLI
// converts both to the same workouts, heart-rate summary, daily CSV and weight, byte for byte;
// the sleeps to the same nights (the columns Google's list holds). Helper findings on the 2026
// shape: monthly files read only within a day of their name, heart rate and sleeps named
// copies of JSON that export does not have.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateExport, writeExport } from "../../scripts/gen-takeout.mjs";
import { listFiles } from "./list-files.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const script = join(root, "scripts/trackersync");
const work = mkdtempSync(join(tmpdir(), "ts-google-health-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

// Three months over a daylight-saving change, workouts with Google's positions and pace, 20
// days of all-day heart rate, 40 of per-minute data and sleeps.
const options = {
  seed: 5, years: 0.25, start: "2026-09-01", zone: "Europe/Berlin", workoutsPerWeek: 3, takeoutGps: true, takeoutPace: true,
  allDayHeartRate: 20, minuteDays: 40,
};

function convert(name, shape) {
  const dir = join(work, name), out = join(work, `${name}-out`);
  writeExport(generateExport({ ...options, ...shape }), dir);
  const r = spawnSync(script, ["convert", dir, "-o", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

const sleepRows = (path) =>
  readFileSync(path, "utf8").trimEnd().split("\n").map((line) => {
    // date_of_sleep, start_local, end_local, type, minutes_asleep, minutes_awake, time_in_bed, minutes_to_fall_asleep
    const c = line.split(",");
    return [c[0], c[1], c[2], c[3], c[5], c[6], c[7], c[9]].join(",");
  });

test("1: the generator's 2026 shape: no heart-rate or sleep JSON, a month a file, named for the 1st", () => {
  const names = generateExport({ ...options, googleHealth: true }).map((f) => f.name);
  assert.ok(names.every((n) => n.startsWith("Takeout/Google Health/")));
  assert.ok(!names.some((n) => /\/heart_rate-|\/sleep-/.test(n)));
  for (const kind of ["GPS Location/gps_location", "Live Pace/live_pace", "Heart Rate/heart_rate"]) {
    const months = names.filter((n) => n.includes(`/${kind}_`));
    assert.ok(months.length >= 3, kind);
    assert.ok(months.every((n) => n.endsWith("-01.csv")), kind);
  }
  assert.ok(names.some((n) => n.includes("Health Fitness Data_GoogleData/UserSleeps_")));
});

test("2: both shapes convert to the same files: workouts (heart rate, maps, pace), heart-rate summary, daily CSV and weight byte for byte; the same nights", () => {
  const older = convert("older", {}), newer = convert("newer", { googleHealth: true });
  const paths = listFiles(older);
  assert.deepEqual(listFiles(newer), paths);
  assert.ok(paths.filter((p) => p.startsWith("activities/")).length >= 30);
  assert.ok(paths.includes("reference/heart_rate_daily.csv"));
  for (const p of paths) {
    if (p === "manifest.json" || p === "reference/sleep.csv") continue;
    assert.ok(readFileSync(join(older, p)).equals(readFileSync(join(newer, p))), p);
  }
  const nights = sleepRows(join(older, "reference/sleep.csv"));
  assert.ok(nights.length > 30);
  assert.deepEqual(sleepRows(join(newer, "reference/sleep.csv")), nights);
  // Every workout of the newer shape carries heart rate and its records, as the older one's do.
  const manifest = (dir) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  const activities = (m) => m.files.filter((f) => f.kind === "activity").map((f) => [f.path, f.records, f.gps]);
  assert.deepEqual(activities(manifest(newer)), activities(manifest(older)));
  const copies = (manifest(newer).skippedFiles ?? []).filter((g) => g.code === "google-csv-copy");
  assert.deepEqual(copies, [], "nothing of the newer shape is named a copy");
});
