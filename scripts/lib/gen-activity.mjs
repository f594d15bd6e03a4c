// The activity part of the synthetic export (scripts/gen-takeout.mjs): workouts
// (exercise-<n>.json, 100 per file), their GPS tracks (Activities/<logId>.tcx, some empty as
// in real exports), per-minute steps/distance/calories (UTC, with a second device recording
// some of the same minutes), daily active-minute files, heart-rate day files for the days of
// workouts without GPS, sleep and resting heart rate. Deterministic from the seed.
import { offsetAt } from "../../worker-shim/shared/tz.js";

const pad = (n, w = 2) => String(n).padStart(w, "0");
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;

// "MM/DD/YY HH:MM:SS" of a UTC second, as the export writes dateTime/startTime.
export function fitbitDateTime(utcSec) {
  const d = new Date(utcSec * 1000);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const isoDay = (sec) => new Date(sec * 1000).toISOString().slice(0, 10);
const isoMs = (sec) => new Date(sec * 1000).toISOString();

// Workout types as Fitbit logs them: [activityTypeId, activityName, gps, logType, stepsPerMin, kmh]
export const WORKOUT_TYPES = [
  [90013, "Walk", false, "auto_detected", 105, 5],
  [90009, "Run", true, "tracker", 160, 10],
  [1071, "Outdoor Bike", true, "tracker", 0, 22],
  [90012, "Hike", true, "mobile_run", 100, 4],
  [90019, "Treadmill", false, "tracker", 150, 9],
  [52000, "Yoga", false, "manual", 0, 0],
  [2131, "Weights", false, "tracker", 0, 0],
  [90024, "Swim", false, "tracker", 0, 2.5],
  [20047, "Elliptical", false, "auto_detected", 120, 0],
  [55001, "Spinning", false, "tracker", 0, 0],
];

// A TCX track: one trackpoint every `interval` seconds from `startSec` for `seconds`, a random
// walk from (lat, lon) at `kmh`, with altitude, cumulative distance, heart rate and cadence.
export function tcxTrack({ startSec, seconds, interval = 1, rand, lat = 40.7, lon = -74.0, kmh = 10, sport = "Running" }) {
  const points = [];
  let dist = 0;
  let heading = rand() * 2 * Math.PI;
  let alt = 20 + rand() * 50;
  let hr = 95;
  const mps = kmh / 3.6;
  for (let t = 0; t <= seconds; t += interval) {
    heading += (rand() - 0.5) * 0.2;
    const step = mps * interval * (0.8 + rand() * 0.4);
    if (t > 0) {
      dist += step;
      lat += (Math.cos(heading) * step) / 111320;
      lon += (Math.sin(heading) * step) / (111320 * Math.cos((lat * Math.PI) / 180));
      alt += (rand() - 0.5) * 0.6;
      hr = Math.min(185, Math.max(90, hr + (rand() - 0.45) * 2));
    }
    points.push({ time: startSec + t, lat: round(lat, 7), lon: round(lon, 7), alt: round(alt, 1), dist: round(dist, 2), hr: Math.round(hr), cad: 80 + Math.round(rand() * 10) });
  }
  const tp = points
    .map(
      (p) =>
        `<Trackpoint><Time>${isoMs(p.time)}</Time><Position><LatitudeDegrees>${p.lat}</LatitudeDegrees><LongitudeDegrees>${p.lon}</LongitudeDegrees></Position><AltitudeMeters>${p.alt}</AltitudeMeters><DistanceMeters>${p.dist}</DistanceMeters><HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm><Cadence>${p.cad}</Cadence></Trackpoint>`,
    )
    .join("\n");
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">\n` +
    `<Activities><Activity Sport="${sport}"><Id>${isoMs(startSec)}</Id>\n<Lap StartTime="${isoMs(startSec)}"><TotalTimeSeconds>${seconds}.0</TotalTimeSeconds><DistanceMeters>${round(dist, 2)}</DistanceMeters><Calories>0</Calories><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>\n<Track>\n${tp}\n</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n`;
  return { xml, points, distance: dist };
}

// The UTC second a file named for `day` (a UTC midnight, as the name gives it) begins: that
// midnight, or with o.dayCut "local" the zone's midnight of that date (Fitbit may cut its day
// and month files at the person's local midnight, their times still in UTC).
function fileStart(o, day) {
  if (o.dayCut !== "local") return day;
  const guess = day - offsetAt(o.zone, day);
  return day - offsetAt(o.zone, guess);
}

// The day a file holds the second `sec` in, as fileStart cuts them (a UTC midnight).
function fileDay(o, sec) {
  let day = Math.floor(sec / 86400) * 86400;
  while (fileStart(o, day) > sec) day -= 86400;
  while (fileStart(o, day + 86400) <= sec) day += 86400;
  return day;
}

function* days(o) {
  const start = Date.parse(`${o.start}T00:00:00Z`) / 1000;
  const n = Math.round(o.years * 365.25);
  for (let d = 0; d < n; d++) yield start + d * 86400;
}

export function activityFiles(o, rand, dirs) {
  const files = [];
  const exercises = [];
  const hrDays = new Map(); // utc day -> [[from, to]] workout windows without GPS
  let logId = 50000000000 + Math.floor(rand() * 1e9);
  const perDay = (o.workoutsPerWeek ?? 0) / 7;
  if (perDay > 0) {
    for (const day of days(o)) {
      if (rand() >= perDay) continue;
      const [typeId, name, gps, logType, spm, kmh] = WORKOUT_TYPES[Math.floor(rand() * WORKOUT_TYPES.length)];
      const localStart = day + 6 * 3600 + Math.floor(rand() * 14 * 3600);
      const startSec = localStart - offsetAt(o.zone, localStart);
      const seconds = (15 + Math.floor(rand() * 75)) * 60;
      const active = seconds - (rand() < 0.3 ? Math.floor(rand() * 120) : 0);
      logId += 1 + Math.floor(rand() * 1000);
      let km = kmh ? (kmh * active) / 3600 : null;
      const hasTrack = gps && rand() < 0.95;
      if (gps) {
        const track = hasTrack
          ? tcxTrack({ startSec, seconds, interval: o.trackInterval ?? 5, rand, kmh, sport: name === "Run" ? "Running" : name === "Outdoor Bike" ? "Biking" : "Other" })
          : { xml: "", distance: 0 };
        if (hasTrack) km = round(track.distance / 1000, 3);
        files.push({ name: `${dirs.activities}${logId}.tcx`, data: track.xml });
      } else {
        const d = fileDay(o, startSec);
        if (!hrDays.has(d)) hrDays.set(d, []);
        hrDays.get(d).push([startSec, startSec + seconds]);
      }
      const rec = {
        logId,
        activityName: name,
        activityTypeId: typeId,
        activityLevel: [{ minutes: 2, name: "sedentary" }, { minutes: Math.floor(active / 60) - 2, name: "fairly" }],
        averageHeartRate: 95 + Math.floor(rand() * 60),
        calories: Math.round((active / 60) * (4 + rand() * 8)),
        duration: seconds * 1000,
        activeDuration: active * 1000,
        logType,
        manualValuesSpecified: { calories: false, distance: false, steps: false },
        lastModified: fitbitDateTime(startSec + seconds + 120),
        startTime: fitbitDateTime(startSec),
        originalStartTime: fitbitDateTime(startSec),
        originalDuration: seconds * 1000,
        elevationGain: round(rand() * 80, 3),
        hasGps: gps,
        shouldFetchDetails: gps,
        source: { type: "tracker", name: "Charge 5", id: "1234", url: "https://www.fitbit.com/", trackerFeatures: [] },
        heartRateZones: [
          { name: "Out of Range", min: 30, max: 96, minutes: 3 },
          { name: "Fat Burn", min: 96, max: 134, minutes: Math.floor(active / 120) },
          { name: "Cardio", min: 134, max: 163, minutes: Math.floor(active / 180) },
          { name: "Peak", min: 163, max: 220, minutes: 0 },
        ],
      };
      if (spm) rec.steps = Math.round((spm * active) / 60);
      if (km !== null) {
        rec.distance = km;
        rec.distanceUnit = "Kilometer";
      }
      if (gps) rec.tcxLink = `https://www.fitbit.com/activities/exercise/${logId}?export=tcx`;
      exercises.push(rec);
    }
    for (let i = 0; i < exercises.length; i += 100)
      files.push({ name: `${dirs.global}exercise-${i}.json`, data: JSON.stringify(exercises.slice(i, i + 100), null, 1) });
  }
  // All-day heart rate (o.allDayHeartRate days from the start, a reading every
  // o.heartRateInterval seconds, 5 by default: ~17,000 readings and 1.1 MB a day, as a watch
  // worn all day writes them) on those days; a workout day outside them has a reading every
  // 5 minutes around its workouts' own.
  const allDayFrom = Date.parse(`${o.start}T00:00:00Z`) / 1000;
  const allDayTo = allDayFrom + (o.allDayHeartRate ?? 0) * 86400;
  const allDay = (d) => d >= allDayFrom && d < allDayTo;
  for (let d = allDayFrom; d < allDayTo; d += 86400) if (!hrDays.has(d)) hrDays.set(d, []);
  for (const [d, windows] of [...hrDays].sort((x, y) => x[0] - y[0])) {
    const recs = [];
    const every = allDay(d) ? (o.heartRateInterval ?? 5) : 300;
    for (let t = fileStart(o, d); t < fileStart(o, d + 86400); t += every) recs.push({ dateTime: fitbitDateTime(t), value: { bpm: 55 + Math.floor(rand() * 15), confidence: 2 } });
    for (const [a, b] of windows)
      for (let t = a + 3; t <= b; t += 10) recs.push({ dateTime: fitbitDateTime(t), value: { bpm: 100 + Math.floor(rand() * 50), confidence: 3 } });
    recs.sort((x, y) => (x.dateTime < y.dateTime ? -1 : 1));
    files.push({ name: `${dirs.global}heart_rate-${isoDay(d)}.json`, data: JSON.stringify(recs) });
  }
  const minuteDays = o.minuteDays ?? 0;
  if (minuteDays > 0) {
    const start = Date.parse(`${o.start}T00:00:00Z`) / 1000;
    for (let f = 0; f < minuteDays; f += 30) {
      const steps = [], dist = [], cal = [];
      const stepsAt = new Map(); // UTC second -> the minute's steps, for its calories
      const sed = [], light = [], fair = [], very = [];
      for (let d = f; d < Math.min(minuteDays, f + 30); d++) {
        const day = start + d * 86400;
        let sedentary = 0, active = 0;
        // A local day is 23 or 25 hours on a clock change: its minutes, wherever it is cut.
        const first = fileStart(o, day), minutes = (fileStart(o, day + 86400) - first) / 60;
        for (let m = 0; m < minutes; m++) {
          const t = first + m * 60;
          const awake = m >= 7 * 60 && m < 23 * 60;
          const s = awake && rand() < 0.3 ? Math.floor(rand() * 120) : 0;
          if (s > 0) active++;
          else sedentary++;
          steps.push({ dateTime: fitbitDateTime(t), value: String(s) });
          if (s > 0 && rand() < 0.05) steps.push({ dateTime: fitbitDateTime(t), value: String(Math.max(0, s - 3)) }); // the phone, same minute
          dist.push({ dateTime: fitbitDateTime(t), value: String(Math.round(s * 72)) }); // cm
          stepsAt.set(t, s);
        }
        const date = fitbitDateTime(day).slice(0, 8) + " 00:00:00";
        sed.push({ dateTime: date, value: String(sedentary) });
        light.push({ dateTime: date, value: String(Math.floor(active * 0.7)) });
        fair.push({ dateTime: date, value: String(Math.floor(active * 0.2)) });
        very.push({ dateTime: date, value: String(active - Math.floor(active * 0.7) - Math.floor(active * 0.2)) });
      }
      // Calories as real exports write them (docs/formats.md): stamped with the account's local
      // wall clock, not UTC, and each file a run of whole local days, from local midnight to
      // 23:59, whatever the steps' cut. A minute's calories follow its steps.
      for (let d = f; d < Math.min(minuteDays, f + 30); d++) {
        const day = start + d * 86400;
        const first = fileStart({ ...o, dayCut: "local" }, day), last = fileStart({ ...o, dayCut: "local" }, day + 86400);
        for (let t = first; t < last; t += 60)
          cal.push({ dateTime: fitbitDateTime(t + offsetAt(o.zone, t)), value: String(round(1.1 + (stepsAt.get(t) ?? 0) * 0.05, 2)) });
      }
      const tag = isoDay(start + f * 86400);
      files.push({ name: `${dirs.global}steps-${tag}.json`, data: JSON.stringify(steps) });
      files.push({ name: `${dirs.global}distance-${tag}.json`, data: JSON.stringify(dist) });
      files.push({ name: `${dirs.global}calories-${tag}.json`, data: JSON.stringify(cal) });
      files.push({ name: `${dirs.global}sedentary_minutes-${tag}.json`, data: JSON.stringify(sed) });
      files.push({ name: `${dirs.global}lightly_active_minutes-${tag}.json`, data: JSON.stringify(light) });
      files.push({ name: `${dirs.global}moderately_active_minutes-${tag}.json`, data: JSON.stringify(fair) });
      files.push({ name: `${dirs.global}very_active_minutes-${tag}.json`, data: JSON.stringify(very) });
      const sleep = [], rhr = [];
      for (let d = f; d < Math.min(minuteDays, f + 30); d++) {
        const day = start + d * 86400;
        const bed = day - 2 * 3600 + Math.floor(rand() * 3600); // local wall clock, written without offset
        const asleep = 380 + Math.floor(rand() * 90), awake = 20 + Math.floor(rand() * 40);
        const deep = Math.floor(asleep * 0.18), rem = Math.floor(asleep * 0.22);
        sleep.push({
          logId: 30000000000 + d,
          dateOfSleep: isoDay(day),
          startTime: isoMs(bed).slice(0, 23),
          endTime: isoMs(bed + (asleep + awake) * 60).slice(0, 23),
          duration: (asleep + awake) * 60000,
          minutesToFallAsleep: 0,
          minutesAsleep: asleep,
          minutesAwake: awake,
          minutesAfterWakeup: 0,
          timeInBed: asleep + awake,
          efficiency: 90 + Math.floor(rand() * 8),
          type: "stages",
          infoCode: 0,
          mainSleep: true,
          levels: { summary: { deep: { count: 4, minutes: deep }, light: { count: 25, minutes: asleep - deep - rem }, rem: { count: 6, minutes: rem }, wake: { count: 20, minutes: awake } }, data: [] },
        });
        rhr.push({ dateTime: fitbitDateTime(day), value: { date: fitbitDateTime(day).slice(0, 8), value: d % 17 === 5 ? 0 : round(52 + rand() * 6, 2), error: round(5 + rand() * 3, 2) } });
      }
      files.push({ name: `${dirs.global}sleep-${tag}.json`, data: JSON.stringify(sleep) });
      files.push({ name: `${dirs.global}resting_heart_rate-${tag}.json`, data: JSON.stringify(rhr) });
    }
  }
  return files;
}
