// worker-shim/shared/step-groups.js: how a session's steps are cut into requests. Numbered cases,
// each with why: the CPU estimate, the step count and the bytes a request sends each close a
// group, and every step lands in exactly one group, in plan order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FALLBACK_COST, FILE_MS, groupSteps, parsedBytes, stepCostMs, STEP_COST } from "../../worker-shim/shared/step-groups.js";

const MiB = 1024 * 1024;
const step = (kind, bytes, send = 0, files = 0) => ({ kind, bytes, send, files: Array.from({ length: files }, (_, i) => `f${i}`) });
const sendBytes = (s) => s.send;

const CASES = [
  [1, "no steps, no groups", [], {}, []],
  [2, "small steps share a group up to the CPU budget", [step("daily", 0.1 * MiB), step("daily", 0.1 * MiB), step("daily", 0.1 * MiB)], {}, [[0, 3]]],
  [3, "a step that would take the group past its CPU budget starts the next one", [step("workouts", 0.9 * MiB), step("workouts", 0.9 * MiB)], {}, [[0, 1], [1, 1]]],
  [4, "a step over the budget on its own still runs, alone", [step("sleep", 4 * MiB), step("daily", 0)], {}, [[0, 1], [1, 1]]],
  [5, "at most maxSteps steps a group, however cheap", Array.from({ length: 5 }, () => step("other", 0)), { maxSteps: 2 }, [[0, 2], [2, 2], [4, 1]]],
  [6, "the files a group sends stay within the request cap (a deployment that lowered it)", [step("workouts", 1000, 30_000), step("workouts", 1000, 30_000), step("workouts", 1000, 10_000)], { sendBytes, maxSendBytes: 44_000 }, [[0, 1], [1, 2]]],
  [7, "files already in the upload are not sent, so they do not count against the cap", [step("workouts", 1000, 0), step("workouts", 1000, 0)], { sendBytes, maxSendBytes: 1 }, [[0, 2]]],
  [10, "files count however small: 1,100 empty files are 4.4 ms, so two such steps are two groups (an attack's 4,400 tiny files were 0.1 ms by bytes alone, and dozens of such steps went in one request)", [step("daily", 2200, 0, 1100), step("daily", 2200, 0, 1100)], {}, [[0, 1], [1, 1]]],
];

for (const [n, why, steps, opts, want] of CASES) {
  test(`${n}: ${why}`, () => {
    const groups = groupSteps(steps, opts);
    assert.deepEqual(groups, want);
    // Every step once, in order.
    assert.deepEqual(groups.flatMap(([first, count]) => Array.from({ length: count }, (_, i) => first + i)), steps.map((_, i) => i));
  });
}

test("8: a step's estimate is its kind's fixed cost plus its bytes at its kind's rate, plus FILE_MS a file; a kind without a line takes the dearest", () => {
  assert.equal(stepCostMs(step("weight", MiB)), STEP_COST.weight.fixedMs + STEP_COST.weight.msPerMiB);
  assert.equal(stepCostMs(step("unknown-kind", MiB)), FALLBACK_COST.fixedMs + FALLBACK_COST.msPerMiB);
  assert.equal(stepCostMs(step("weight", MiB, 0, 3)), STEP_COST.weight.fixedMs + STEP_COST.weight.msPerMiB + 3 * FILE_MS);
});

test("9: a workouts step with records counts its exercise file by those records' bytes (it parses nothing else of it)", () => {
  const ex = "Takeout/Fitbit/Global Export Data/exercise-0.json";
  const s = { kind: "workouts", bytes: 120_000 + 70_000, records: [[ex, 500, 900], [ex, 2000, 1100]] };
  const sizeOf = (path) => (path === ex ? 120_000 : 70_000);
  assert.equal(parsedBytes(s, sizeOf), 70_000 + 2000);
  // Without sizes, or without records, the step's own bytes stand (the large side).
  assert.equal(parsedBytes(s), 190_000);
  assert.equal(parsedBytes({ kind: "workouts", bytes: 5 }, sizeOf), 5);
  assert.equal(stepCostMs(s, STEP_COST, sizeOf), STEP_COST.workouts.fixedMs + (STEP_COST.workouts.msPerMiB * 72_000) / MiB);
});

test("10: a heart-rate step's Google CSV counts 5/2 times its bytes (the line is fitted on JSON days; attack round: the plan's CSV steps cost 1.8-1.9 times it), as the core counts it", () => {
  const csv = "Takeout/Google Health/Physical Activity_GoogleData/Heart Rate/heart_rate_2026-03-01.csv";
  const json = "Takeout/Fitbit/Global Export Data/heart_rate-2026-03-01.json";
  const rows = [
    [1, "one CSV: floor(bytes * 5 / 2)", { kind: "heart_rate", bytes: 1001, files: [csv] }, undefined, 2502],
    [2, "a JSON day: its bytes", { kind: "heart_rate", bytes: 1001, files: [json] }, undefined, 1001],
    [3, "a name in capitals is a CSV too (the classifier ignores case)", { kind: "heart_rate", bytes: 10, files: [csv.toUpperCase()] }, undefined, 25],
    [4, "a client's step of both: the CSV by its size", { kind: "heart_rate", bytes: 3000, files: [json, csv] }, (p) => (p === csv ? 1000 : 2000), 4500],
    [5, "of both without sizes: all of it, the large side", { kind: "heart_rate", bytes: 3000, files: [json, csv] }, undefined, 7500],
    [6, "a sleep CSV is not the heart-rate reader's: its bytes", { kind: "sleep", bytes: 1000, files: ["UserSleeps_2026-03-01.csv"] }, undefined, 1000],
  ];
  for (const [n, why, st, sizeOf, want] of rows) assert.equal(parsedBytes(st, sizeOf), want, `row ${n}: ${why}`);
});
