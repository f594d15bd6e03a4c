// A conversion of a tiny export, run once when the isolate starts (module scope: the startup
// budget, not a request's 10 ms). WebAssembly functions are compiled on their first call and
// Intl loads its zone data on first use; left to the first request, that costs it several ms
// before any of its own data. This touches every path a request takes: an upload's exercise
// digest, the plan (from the digest), a weight
// step, a workout with its track, a per-minute file, the reference tables, gathering and
// assembly, the TTL rules, a zone's transitions and the limiter's policy; then the heap's pages.
import { timeZoneOption } from "../shared/tz.js";

const DIR = "Takeout/Fitbit/";
const WARM_HEAP_BYTES = 16 * 1024 * 1024;
const LOG_ID = 1000000001;

function exportFiles() {
  const weight = JSON.stringify([
    { logId: 1704096000000, weight: 180.2, bmi: 25.1, fat: 21.5, date: "01/01/24", time: "08:00:00", source: "Aria" },
    { logId: 1704182400000, weight: 180.0, bmi: 25.1, date: "01/02/24", time: "08:00:00", source: "API" },
  ]);
  const exercise = JSON.stringify([{
    logId: LOG_ID, activityName: "Run", activityTypeId: 90009, startTime: "01/02/24 07:00:00", duration: 600000,
    activeDuration: 600000, calories: 90, steps: 1500, averageHeartRate: 120, distance: 1.2, distanceUnit: "Kilometer",
    hasGps: true, logType: "tracker",
  }]);
  // Ten minutes at one point a second (a track's real density), for the same reason as the
  // day of per-minute steps below.
  const point = (s) =>
    `<Trackpoint><Time>2024-01-02T12:${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}.000Z</Time>` +
    `<Position><LatitudeDegrees>${(40.7 + s * 0.00002).toFixed(6)}</LatitudeDegrees>` +
    "<LongitudeDegrees>-74.0</LongitudeDegrees></Position><AltitudeMeters>20.5</AltitudeMeters>" +
    `<DistanceMeters>${s * 2}</DistanceMeters><HeartRateBpm><Value>${110 + (s % 20)}</Value></HeartRateBpm><Cadence>80</Cadence></Trackpoint>`;
  const tcx =
    '<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">' +
    `<Activities><Activity Sport="Running"><Id>2024-01-02T12:00:00.000Z</Id><Lap StartTime="2024-01-02T12:00:00.000Z">` +
    `<TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>1200</DistanceMeters><Calories>90</Calories><Track>` +
    `${Array.from({ length: 600 }, (_, s) => point(s)).join("")}</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
  // A whole day of per-minute steps, not two minutes: enough work in the reader's loops for
  // V8 to start compiling them with its optimising tier during startup (a tiny input leaves
  // them in the baseline tier, where a month of per-minute data costs about three times its
  // warm CPU on the request's thread, over the 10 ms; docs/benchmarks.md, bench-server-session).
  const minutes = JSON.stringify(
    Array.from({ length: 1440 }, (_, m) => ({
      dateTime: `01/02/24 ${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00`,
      value: String((m * 37) % 120),
    })),
  );
  const sleep = JSON.stringify([{ logId: 1, dateOfSleep: "2024-01-02", startTime: "2024-01-01T23:00:00.000", endTime: "2024-01-02T07:00:00.000", duration: 28800000, minutesAsleep: 450, minutesAwake: 30, efficiency: 94, type: "stages", mainSleep: true }]);
  const heart = JSON.stringify([{ dateTime: "01/02/24 12:00:05", value: { bpm: 118, confidence: 2 } }]);
  const profile = "id,timezone,height\nA1,America/New_York,180.0\n";
  return [
    { name: `${DIR}Global Export Data/weight-2024-01-01.json`, data: weight },
    { name: `${DIR}Your Profile/Profile.csv`, data: profile },
    { name: `${DIR}Global Export Data/exercise-0.json`, data: exercise },
    { name: `${DIR}Activities/${LOG_ID}.tcx`, data: tcx },
    { name: `${DIR}Global Export Data/steps-2024-01-02.json`, data: minutes },
    { name: `${DIR}Global Export Data/sleep-2024-01-02.json`, data: sleep },
    { name: `${DIR}Global Export Data/heart_rate-2024-01-02.json`, data: heart },
  ];
}

// Runs the tiny conversion through `core`; returns how many output files it made (a warm-up
// that silently did nothing would be a cold start after all).
export function warmUp(core) {
  const files = exportFiles();
  // The plan from the exercise file's digest, as uploads write them and the plan request reads
  // them (wasm/core/convert/exercise_digest.h).
  const exercise = files.filter((f) => f.name.endsWith("exercise-0.json"));
  const [digest] = core.digest(exercise.map((f) => ({ name: f.name, data: new TextEncoder().encode(f.data) })));
  const withDigest = files.map((f) => (f.name === digest.name ? digest : f));
  const plan = core.plan({}, withDigest, { [digest.name]: new TextEncoder().encode(exercise[0].data).length }, [digest.name]);
  const range = plan.report.transitionsRange;
  const options = { timeZone: timeZoneOption("America/New_York", range.from, range.to) };
  const byName = new Map(files.map((f) => [f.name, f]));
  const parts = [];
  let outputs = 0;
  for (const step of plan.steps) {
    for (const r of core.step(options, step, step.files.map((n) => byName.get(n)))) {
      parts.push(r.part);
      outputs += r.files.length;
    }
  }
  // Assembly of gathered parts, as a long session's last request runs it.
  outputs += core.assemble(options, plan.part, [core.gather(parts)]).length;
  core.callJson("ts_ttl_expiry", { class: "upload", createdAt: 0, now: 0 });
  core.limiter("").close();
  // The heap grown to what a large request uses and its pages written once (Core#touchHeap):
  // ten years' plan or assembly reach ~8.5 MB, a step past the request cap more. A heap that
  // cannot grow so far costs only that speed: the conversion above was warmed all the same.
  core.touchHeap(WARM_HEAP_BYTES);
  return outputs;
}
