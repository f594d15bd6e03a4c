// The golden activity FIT files (written by tests/cpp/activity_fit_test.cpp) through Garmin's
// decoder: the structure an activity needs, and exactly the values the C++ test put in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeFit } from "./fit-check.js";

const dir = fileURLToPath(new URL("../fixtures/fit/", import.meta.url));
const T0 = Date.parse("2023-03-04T10:00:00Z");
const at = (s) => new Date(T0 + s * 1000).toISOString();
const iso = (d) => d.toISOString();

function activity(name) {
  const m = decodeFit(readFileSync(dir + name));
  assert.equal(m.fileIdMesgs.length, 1);
  assert.equal(m.fileIdMesgs[0].type, "activity");
  assert.equal(m.fileIdMesgs[0].manufacturer, "development");
  assert.equal(iso(m.fileIdMesgs[0].timeCreated), at(0));
  assert.equal(m.deviceInfoMesgs[0].deviceIndex, "creator");
  assert.equal(m.activityMesgs.length, 1);
  assert.equal(m.lapMesgs.length, 1);
  assert.equal(m.sessionMesgs.length, 1);
  const a = m.activityMesgs[0];
  assert.equal(a.numSessions, 1);
  assert.equal(a.totalTimerTime, 540);
  // local_timestamp: the end (10:10 UTC) in New York (UTC-5), counted from FIT's epoch.
  assert.equal(a.localTimestamp, (T0 + 600000 - 5 * 3600000) / 1000 - 631065600);
  const s = m.sessionMesgs[0];
  assert.equal(iso(s.startTime), at(0));
  assert.equal(iso(s.timestamp), at(600));
  assert.equal(s.totalElapsedTime, 600);
  assert.equal(s.totalTimerTime, 540);
  assert.equal(s.totalCalories, 95);
  assert.equal(s.avgHeartRate, 141);
  assert.equal(s.numLaps, 1);
  assert.equal(iso(m.recordMesgs[0].timestamp), at(0));
  assert.equal(iso(m.recordMesgs.at(-1).timestamp), at(600));
  return m;
}

test("1: activity-gps-pause.fit: GPS records, a pause as timer stop/start, the exercise's totals", () => {
  const m = activity("activity-gps-pause.fit");
  assert.equal(m.sessionMesgs[0].sport, "running");
  assert.equal(m.sessionMesgs[0].totalDistance, 1500);
  // A run's total_cycles is strides, as Garmin's decoder names it: 1,500 of Fitbit's steps are
  // 750 strides, which Garmin Connect shows as 1,500 steps (helper finding: 1,500 showed 3,000).
  assert.equal(m.sessionMesgs[0].totalStrides, 750);
  assert.equal(m.lapMesgs[0].totalStrides, 750);
  assert.equal(m.sessionMesgs[0].maxHeartRate, 152);
  assert.deepEqual(m.recordMesgs.map((r) => iso(r.timestamp)), [at(0), at(5), at(10), at(70), at(75), at(600)]);
  assert.ok(Math.abs(m.recordMesgs[1].positionLat * (180 / 2 ** 31) - 40.7001) < 1e-6);
  assert.equal(m.recordMesgs[1].heartRate, 130);
  assert.ok(Math.abs(m.recordMesgs[1].altitude - 12.4) < 1e-9); // (m + 500) × 5, decoded in floating point
  assert.equal(m.recordMesgs[1].distance, 12);
  assert.equal(m.recordMesgs.at(-1).distance, 1500);
  assert.deepEqual(
    m.eventMesgs.map((e) => [e.event, e.eventType, iso(e.timestamp)]),
    [["timer", "start", at(0)], ["timer", "stop", at(10)], ["timer", "start", at(70)], ["timer", "stopAll", at(600)]],
  );
});

test("2: activity-summary.fit: no GPS, no samples -> two boundary records, no position, sport from the table", () => {
  const m = activity("activity-summary.fit");
  assert.equal(m.sessionMesgs[0].sport, "training");
  assert.equal(m.sessionMesgs[0].subSport, "yoga");
  assert.equal(m.recordMesgs.length, 2);
  assert.ok(m.recordMesgs.every((r) => r.positionLat === undefined && r.heartRate === undefined));
  assert.equal(m.sessionMesgs[0].totalDistance, undefined);
});

test("3: activity-hr-only.fit: heart rate from the day file inside the workout only", () => {
  const m = activity("activity-hr-only.fit");
  assert.equal(m.sessionMesgs[0].subSport, "treadmill");
  assert.deepEqual(m.recordMesgs.map((r) => [iso(r.timestamp), r.heartRate]), [[at(0), undefined], [at(30), 118], [at(300), 150], [at(600), undefined]]);
  assert.equal(m.sessionMesgs[0].maxHeartRate, 150);
  // Helper finding: the 270 s between the day file's readings was written as a timer pause;
  // the timer ran the whole workout (no track, no pause recorded).
  assert.deepEqual(m.eventMesgs.map((e) => [iso(e.timestamp), e.eventType]), [[at(0), "start"], [at(600), "stopAll"]]);
});
