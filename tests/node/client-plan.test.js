// worker-shim/http/client-plan.js: what the server takes of a plan its client made. Numbered
// rows, each with why: a step must be one the plan writes, each of its files the upload's or
// the request's at the size it says, and a request's steps within the server's own estimate.
// The routes around it are tested in workerd (tests/workers/client-plan.test.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkStepFiles, readClientPlan, readSteps, STEP_MAX_MS, STORED_READ_MAX_BYTES, storedByPath } from "../../worker-shim/http/client-plan.js";
import { GROUP_BUDGET_MS, stepCostMs } from "../../worker-shim/shared/step-groups.js";

const MiB = 1024 * 1024;
const W = "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json";
const E = "Takeout/Fitbit/Global Export Data/exercise-0.json";
const T = "Takeout/Fitbit/Activities/1.tcx";
const M = "Takeout/Fitbit/Global Export Data/steps-2023-01-01.json";
// The upload holds the weight and exercise files; the track and the per-minute file are sent.
const stored = new Map([[W, { name: W, stream: 0, offset: 0, bytes: 1000 }], [E, { name: E, stream: 0, offset: 1000, bytes: 50_000 }]]);
const sent = [{ name: T, data: new Uint8Array(200_000) }, { name: M, data: new Uint8Array(1_900_000) }];
const weight = { id: "weight-0001", kind: "weight", files: [W], bytes: 1000 };
const workout = { id: "workouts-0001", kind: "workouts", files: [E, T], bytes: 250_000, logIds: [1], records: [[E, 10, 900]], hrFrom: null };
const daily = { id: "daily-0001", kind: "daily", files: [M], bytes: 1_900_000, metric: "steps", from: null, to: null };
// A weight step as plans write it now (wasm/core/convert/weight_steps.h): its weigh-ins, no file.
const rows = (n) => Array.from({ length: n }, (_, i) => [1672560000 + i * 86400, 8150, i % 2 ? null : 2150, null]);
const weighed = { id: "weight-0001", kind: "weight", files: [], bytes: 0, weighIns: rows(1000), fileNumbers: [1, 4] };

const check = (steps, files = sent.filter((f) => steps.some((s) => s.files.includes(f.name)))) => {
  const { steps: st, names } = readSteps({ steps });
  return checkStepFiles(st, names, stored, files);
};

test("1: the plan's own steps pass, and the stored files to read come back in the order the steps name them", () => {
  assert.deepEqual(check([weight, workout]).map((f) => f.name), [W, E]);
  assert.deepEqual(check([daily]), []);
});

test("2: a path the upload holds twice is read from its first copy, as the plan reads it", () => {
  const byPath = storedByPath([{ name: W, offset: 0, bytes: 10 }, { name: W, stream: 1, offset: 5, bytes: 20 }, { name: E, stream: 2, offset: 7, bytes: 30 }]);
  assert.deepEqual([...byPath.values()], [{ name: W, stream: 0, offset: 0, bytes: 10 }, { name: E, stream: 2, offset: 7, bytes: 30 }]);
});

test("3: a weight step with its weigh-ins reads no file, and is estimated by its rows: a thousand of them (~1.2 ms) share a group with another", () => {
  assert.deepEqual(check([weighed, { ...weighed, id: "weight-0002", fileNumbers: [5, 8] }]), []);
  assert.ok(stepCostMs(weighed) > stepCostMs({ ...weighed, weighIns: rows(1) }), "more rows, more CPU by the estimate");
  assert.ok(2 * stepCostMs(weighed) <= GROUP_BUDGET_MS);
});

const REFUSED = [
  [1, "no steps", () => readSteps({ steps: [] }), /Send \{"steps"/],
  [2, "more steps than a group holds", () => readSteps({ steps: Array.from({ length: 65 }, () => weight) }), /Send \{"steps"/],
  [3, "a kind the plan does not write (an Object.prototype member would make the estimate NaN)", () => check([{ ...weight, kind: "constructor" }]), /Step 0 is not a step/],
  [4, "a file listed twice (the core would read it twice; the estimate counts it once)", () => check([{ ...weight, files: [W, W], bytes: 2000 }]), /Step 0 is not a step/],
  [5, "records on a step that is not a workouts step (only workouts steps read them, so the estimate trusts them only there)", () => check([{ ...daily, records: [[M, 0, 0]] }]), /Step 0 is not a step/],
  [6, "records in a file that is not the step's", () => check([{ ...workout, records: [[W, 0, 10]] }]), /Step 0 is not a step/],
  [7, "a member the plan never writes (anything deeper than a step would reach the JSON writer and the core)", () => check([{ ...weight, x: [[[1]]] }]), /Step 0 is not a step/],
  [8, "a member of the wrong type", () => check([{ ...daily, from: "yesterday" }]), /Step 0 is not a step/],
  [9, "a file neither stored nor sent", () => check([daily], []), /neither in the upload nor in this request/],
  [10, "a file sent that no step reads", () => check([weight], [sent[0]]), /none of the steps reads it/],
  [11, "a file sent that the upload holds", () => check([weight], [{ name: W, data: new Uint8Array(1000) }]), /in the upload already/],
  [12, "a step's bytes that are not its files' sizes", () => check([{ ...weight, bytes: 999 }]), /planned from other files/],
  [13, "steps together over the group budget", () => check([daily, { ...daily, id: "daily-0002", metric: "calories" }]), new RegExp(`more than the ${GROUP_BUDGET_MS} ms one request may spend`)],
  [14, "one step over what any one step may cost (a client may list any files of its upload in one step)", () => {
    const big = new Map([...stored, ...Array.from({ length: 6 }, (_, i) => [`w${i}`, { name: `w${i}`, stream: 0, offset: 0, bytes: MiB }])]);
    const step = { kind: "weight", files: ["w0", "w1", "w2", "w3", "w4", "w5"], bytes: 6 * MiB };
    const { steps, names } = readSteps({ steps: [step] });
    return checkStepFiles(steps, names, big, []);
  }, new RegExp(`more than the ${STEP_MAX_MS} ms one step may spend`)],
  [15, "a file sent twice", () => check([daily], [sent[1], sent[1]]), /sent twice/],
  [16, "weighIns on a step that is not a weight step (the estimate counts rows only there)", () => check([{ ...daily, weighIns: rows(1), fileNumbers: [1, 1] }]), /Step 0 is not a step/],
  [17, "weighIns without fileNumbers", () => check([{ ...weighed, fileNumbers: undefined }]), /Step 0 is not a step/],
  [18, "a weigh-in row that is not [utcSec, weight, fat or null, BMI or null] in whole raw units (a weight in kg)", () => check([{ ...weighed, weighIns: [[1672560000, 81.5, null, null]] }]), /Step 0 is not a step/],
  [19, "more weigh-ins than one weight file holds (the estimate would grow without bound)", () => check([{ ...weighed, weighIns: rows(5001) }]), /Step 0 is not a step/],
  [20, "a weight step with weigh-ins that also lists files (counted by its rows, it would read them uncounted)", () => check([{ ...weighed, files: [W], bytes: 1000 }]), /Step 0 is not a step/],
  [21, "a record of no bytes (a record is a JSON object: it would count its file as nothing)", () => check([{ ...workout, records: [[E, 10, 0]] }]), /Step 0 is not a step/],
  [22, "steps that read more of the upload than one request may (records count a file by a few bytes; the Worker reads it whole)", () => {
    const big = new Map([...stored, ...Array.from({ length: 5 }, (_, i) => [`e${i}`, { name: `e${i}`, stream: 0, offset: 0, bytes: 2 * MiB }])]);
    const steps = Array.from({ length: 5 }, (_, i) => ({ kind: "workouts", files: [`e${i}`], bytes: 2 * MiB, logIds: [i], records: [[`e${i}`, 0, 100]] }));
    const { steps: st, names } = readSteps({ steps });
    return checkStepFiles(st, names, big, []);
  }, new RegExp(`one request reads at most ${STORED_READ_MAX_BYTES}`)],
  // Attack finding: valid JSON, no text; the core refused it and the 422 blamed the upload.
  [23, "a step whose id holds a lone surrogate", () => check([{ ...daily, id: "daily-\ud800" }]), /Step 0 holds text that is not Unicode/],
  [24, "a step whose member's text ends in a lone low surrogate", () => check([{ ...daily, metric: "steps\udfff" }]), /Step 0 holds text that is not Unicode/],
];

for (const [n, why, call, detail] of REFUSED) {
  test(`refused ${n}: ${why}`, () => {
    assert.throws(call, (err) => err.status === 400 && detail.test(err.detail ?? err.message));
  });
}

const zone = { name: "America/New_York", explicit: false, transitions: [[0, -18000]] };
const PLANS = [
  [1, "the plan's own members", { steps: 10, stepZone: { plannedZone: { name: "America/New_York", explicit: false }, zoneInEffect: [[0, 3600]] }, timeZone: zone }, null],
  [2, "no zone at all", { steps: 1 }, null],
  [3, "a stepZone member the plan does not write", { steps: 1, stepZone: { plannedZone: null, extra: 1 } }, /plan\.stepZone must be/],
  [4, "a stepZone nested deeper than the plan's (would reach JSON.stringify)", { steps: 1, stepZone: { plannedZone: { name: { a: { a: {} } }, explicit: false } } }, /plan\.stepZone must be/],
  [5, "more zoneInEffect transitions than any export shows", { steps: 1, stepZone: { plannedZone: null, zoneInEffect: Array.from({ length: 2001 }, (_, i) => [i, 0]) } }, /plan\.stepZone must be/],
  [6, "transitions that are not whole numbers", { steps: 1, timeZone: { ...zone, transitions: [[0, 1.5]] } }, /plan\.timeZone must be/],
  [7, "a zone Intl does not know", { steps: 1, timeZone: { ...zone, name: "Mars/Olympus" } }, /plan\.timeZone must be/],
  [8, "no step count", { stepZone: null }, /plan\.steps must be/],
  [9, "review finding: stray dated names (1900 and 2150) stretch the plan's range to 461 transitions of New York; refused at 400 before", { steps: 3, timeZone: { ...zone, transitions: Array.from({ length: 461 }, (_, i) => [i * 86400, i % 2 ? -14400 : -18000]) } }, null],
  [10, "a plan of no steps (every step of the chosen kinds left out): assembled from its part alone", { steps: 0 }, null],
  [11, "a step count below zero", { steps: -1 }, /plan\.steps must be the number of steps in the plan, 0 to/],
  [12, "attack round: a zoneInEffect offset past 26 hours made a session every step of which the core refused", { steps: 1, stepZone: { plannedZone: null, zoneInEffect: [[-9007199254740991, 9007199254740991]] } }, /plan\.stepZone must be/],
  [13, "zoneInEffect times not strictly ascending (the core's rule for any zone's table)", { steps: 1, stepZone: { plannedZone: null, zoneInEffect: [[100, 0], [100, 3600]] } }, /plan\.stepZone must be/],
  [14, "an empty zoneInEffect", { steps: 1, stepZone: { plannedZone: null, zoneInEffect: [] } }, /plan\.stepZone must be/],
  [15, "review finding: a plannedZone of another zone than plan.timeZone made a session whose every step the core refused", { steps: 1, stepZone: { plannedZone: { name: "Asia/Tokyo", explicit: false } }, timeZone: zone }, /plan\.stepZone\.plannedZone must be the zone plan\.timeZone names/],
  [16, "a plannedZone beside no timeZone", { steps: 1, stepZone: { plannedZone: { name: "America/New_York", explicit: false } } }, /plannedZone must be/],
  [17, "a plannedZone the same but for explicit", { steps: 1, stepZone: { plannedZone: { name: "America/New_York", explicit: true } }, timeZone: zone }, /plannedZone must be/],
  [18, "a null plannedZone beside a timeZone", { steps: 1, stepZone: { plannedZone: null }, timeZone: zone }, /plannedZone must be/],
  [19, "the plannedZone plan.timeZone names", { steps: 1, stepZone: { plannedZone: { name: "America/New_York", explicit: false } }, timeZone: zone }, null],
];

for (const [n, why, plan, detail] of PLANS) {
  test(`plan ${n}: ${why}`, () => {
    if (detail === null) assert.equal(readClientPlan(plan).steps, plan.steps);
    else assert.throws(() => readClientPlan(plan), (err) => err.status === 400 && detail.test(err.detail ?? err.message));
  });
}
