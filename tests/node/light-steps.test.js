// Workouts without a track share a "light" workouts step (wasm/core/convert/plan.cpp
// kWorkoutsPerLightStep, kLightStepMaxFileBytes): at most fifty, and their exercise files at
// most 4 MiB together, since a step reads its files whole from where they are (the server reads
// stored ones, at most 8 MiB a request: http/client-plan.js STORED_READ_MAX_BYTES). Numbered
// rows: exercise files of one manual workout each, padded to a size, and the light steps the
// plan must cut them into.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core } from "./load-core.js";

const enc = new TextEncoder();
const MiB = 1024 * 1024;

// n exercise files of `bytes` each (one workout a file, a day apart, padded with spaces).
function exerciseFiles(n, bytes) {
  return Array.from({ length: n }, (_, i) => {
    const day = String(i + 1).padStart(2, "0");
    const json = JSON.stringify([{ logId: 1000 + i, activityName: "Walk", activityTypeId: 90013, startTime: `03/${day}/23 08:00:00`, duration: 1800000, activeDuration: 1800000, calories: 120, steps: 3000, logType: "manual" }]);
    return { name: `Takeout/Fitbit/Global Export Data/exercise-${i * 100}.json`, data: enc.encode(json.padEnd(bytes, " ")) };
  });
}

const ROWS = [
  // [n, why, files, steps: the light steps' file counts in plan order]
  [1, "small files: one step for all of them (the fifty-workout bound is not reached)", exerciseFiles(6, 10_000), [6]],
  [2, "helper finding: files of 1.5 MiB, two to a step (a third would pass 4 MiB); before, one step read all five, 7.5 MiB", exerciseFiles(5, 1.5 * MiB), [2, 2, 1]],
  [3, "one file over the bound alone is still one step (a step is never empty)", exerciseFiles(2, 4.5 * MiB), [1, 1]],
];

for (const [n, why, files, expected] of ROWS) {
  test(`light steps ${n}: ${why}`, () => {
    const plan = core.plan({ kinds: ["workouts"], timeZone: { name: "UTC", explicit: true, transitions: [[0, 0]] } }, files);
    const steps = plan.steps.filter((s) => s.kind === "workouts");
    assert.deepEqual(steps.map((s) => s.files.length), expected);
    assert.equal(steps.reduce((k, s) => k + s.logIds.length, 0), files.length, "every workout in one step");
    for (const s of steps) assert.ok(s.files.length === 1 || s.bytes <= 4 * MiB, `${s.id}: ${s.bytes} bytes`);
  });
}
