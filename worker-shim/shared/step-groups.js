// How a conversion plan's steps (wasm/core/convert/steps.h) are cut into GROUPS, one group per
// request: consecutive steps, in plan order, whose estimated core CPU stays within
// GROUP_BUDGET_MS. The core cuts a session's plan itself (wasm/core/convert/step_groups.h), by
// the rules groupRules() hands it: this table and these budgets. groupSteps() is the same cut
// over a plan's JSON, for the benches that model a session and for tests that hold the core's
// cut to it. The estimate is a straight line per step kind, and a term per file,
//     CPU ms ≈ fixed + per MiB × the bytes the step parses (parsedBytes) + FILE_MS × files,
// fitted by scripts/bench-step-cpu on fresh generated exports (its "fitted lines" are the
// table below; it also counts the groups the lines leave over budget). GROUP_BUDGET_MS is
// half the free plan's 10 ms: the other half is the request's own work (multipart, D1, the
// response), a cold isolate and slower machines. A step whose own estimate is over the budget
// still runs, alone, in a group of its own.
import { BUDGET_MS, FILE_MAX_BYTES, STEP_MAX_FILES, STORED_READ_MAX_BYTES } from "./upload-limits.js";

export const SAFETY = 0.5;
export const GROUP_BUDGET_MS = BUDGET_MS * SAFETY;
export const MAX_STEPS_PER_GROUP = 64;

// By step kind: ms per step, and ms per MiB the step parses (scripts/bench-step-cpu: the
// kind's cheapest step, and the 95th percentile of its steps' cost per MiB, rounded up over
// several runs warm and in V8's baseline tier (`node --liftoff-only`, where a cold request
// runs), so a group's estimate errs on the large side). A kind the bench did not see (other)
// takes FALLBACK_COST.
export const STEP_COST = Object.freeze({
  weight: Object.freeze({ fixedMs: 0.6, msPerMiB: 15.0 }),
  workouts: Object.freeze({ fixedMs: 0.15, msPerMiB: 5.5 }),
  daily: Object.freeze({ fixedMs: 0.05, msPerMiB: 5.5 }),
  sleep: Object.freeze({ fixedMs: 0.1, msPerMiB: 15.0 }),
  resting_hr: Object.freeze({ fixedMs: 0.1, msPerMiB: 18.0 }),
  heart_rate: Object.freeze({ fixedMs: 0.1, msPerMiB: 3.5 }),
});
// The dearest fixed cost and the dearest rate of the table.
export const FALLBACK_COST = Object.freeze({ fixedMs: 0.6, msPerMiB: 18.0 });

// A weigh-in row of a weight step, as the estimate counts it: about the bytes of its JSON
// (wasm/core/convert/weight_steps.h kWeighInRowBytes).
export const WEIGH_IN_ROW_BYTES = 40;

// What one file of a step costs however few its bytes: the core finds it among the step's
// files and reads its name and view, the request reads it from D1 or the body and hands it to
// the core. Without this term a step naming thousands of tiny stored files was estimated at
// 0.1 ms and cost 6-16 ms warm (an attack; docs/benchmarks.md, bench-step-cpu "per file"), so
// dozens of them passed as one request. scripts/bench-step-cpu measures the core's part (1.3-
// 2.7 us a file in V8's baseline tier, where a cold request runs) and this is twice the dearest,
// for the request's own part; a plan's steps list one to a few files (resting heart rate, up
// to 64 a step: ~120 in ten years), so it moves no real group by more than a step.
export const FILE_MS = 0.0055;

// A byte of Google's heart-rate CSV (heart_rate_*.csv) costs the heart-rate step about 2.5
// times a byte of Fitbit's JSON day, which the heart_rate line is fitted on: counted 5/2 times,
// floor(bytes * 5 / 2), as the core counts it (wasm/core/convert/step_groups.h
// google_heart_rate_csv_parsed: the attack round's figures).
const isCsv = (path) => typeof path === "string" && path.length > 4 && path.slice(-4).toLowerCase() === ".csv";

// The bytes a step's CPU follows: its files' bytes ("bytes"), except that a workouts step
// with "records" parses only those byte ranges of its exercise files (wasm/core/convert/
// steps.h), so those files count by their records, a weight step with "weighIns" reads no
// file but its rows, a heart-rate step with "slice" [i, k] a k-th of its day, and a
// heart-rate step's Google CSVs (never sliced: read whole) count 5/2 times. sizeOf(path)
// gives a file's size; without it the step's own "bytes" stand (an estimate on the large side).
export function parsedBytes(step, sizeOf) {
  if (Array.isArray(step.weighIns)) return step.weighIns.length * WEIGH_IN_ROW_BYTES;
  if (step.kind === "heart_rate" && Array.isArray(step.files) && step.files.some(isCsv)) {
    const files = [...new Set(step.files)];
    const bytes = step.bytes ?? 0;
    // One file: the step's bytes are its; of several, each CSV by its size (all, without sizes).
    const csv = files.length === 1 ? bytes : sizeOf ? files.filter(isCsv).reduce((n, p) => n + (sizeOf(p) ?? 0), 0) : bytes;
    return bytes + Math.floor((Math.min(csv, bytes) * 3) / 2);
  }
  // A heart-rate step of one slice of its day ("slice": [i, k]: wasm/core/fitbit/
  // heart_rate_slices.h) parses its share of the day, rounded up as the core rounds it.
  if (Array.isArray(step.slice) && Number.isSafeInteger(step.slice[1]) && step.slice[1] > 0) return Math.ceil((step.bytes ?? 0) / step.slice[1]);
  const bytes = step.bytes ?? 0;
  if (!sizeOf || !Array.isArray(step.records)) return bytes;
  let parsed = bytes;
  for (const path of new Set(step.records.map(([p]) => p))) parsed -= sizeOf(path) ?? 0;
  for (const [, , length] of step.records) parsed += length;
  return Math.min(bytes, Math.max(0, parsed));
}

export function stepCostMs(step, cost = STEP_COST, sizeOf = undefined, fileMs = FILE_MS) {
  // Own members only: a kind named "constructor" is not a line of the table.
  const line = Object.hasOwn(cost, step.kind) ? cost[step.kind] : FALLBACK_COST;
  const files = Array.isArray(step.files) ? step.files.length : 0;
  return line.fixedMs + (line.msPerMiB * parsedBytes(step, sizeOf)) / (1024 * 1024) + fileMs * files;
}

// One step alone may be over the group budget, but not without bound: the server refuses a
// client's step estimated over STEP_MAX_MS (http/client-plan.js), and the page converts such a
// step on the device instead (public/js/step-alone.js). The bound is the workouts line's
// estimate of a step whose files fill what one step's request carries (STEP_MAX_FILES files at
// the file cap, upload-limits.js): 45 ms. Most of a plan's steps are far under it: a weight
// step of 1,000 weigh-ins ~1.2 ms (one weight file's, up to 5,000, ~3.5 ms); a month of
// per-minute data at the file cap ~11 ms. Not every one: a workout that reads a month of each
// of Google's seven per-workout files (positions, pace, cadence, running dynamics), two months
// when it crosses one, is ~11 MB and ~59 ms (a generated Google Health export). What one
// request reads of the upload is bounded apart (STORED_READ_MAX_BYTES).
export const STEP_MAX_MS = Math.ceil(stepCostMs({ kind: "workouts", bytes: STEP_MAX_FILES * FILE_MAX_BYTES, files: [] }));

// A step's estimate when some of its files are sent as PIECES (wasm/core/convert/step_pieces.h):
// the step parses a piece's bytes, not its file's. pieceOf(path) -> {length, size} of the
// file's piece, or undefined for a file sent whole; sizeOf(path) as for stepCostMs (a pieced
// file's whole size). The server holds a client's group to this (http/client-plan.js), and the
// page cuts its groups by it (public/js/server-convert.js).
export function piecedCostMs(step, pieceOf, sizeOf, cost = STEP_COST) {
  let unread = 0;
  for (const f of new Set(step.files)) {
    const p = pieceOf(f);
    if (p) unread += p.size - p.length;
  }
  // A slice's piece is the slice: its bytes, not a k-th of them. A slice step whose day comes
  // whole is charged the whole day: one the core cannot slice (heart_rate_slices.h
  // "sliceable") is read whole by slice 0, and the page never sends a sliced day whole (it is
  // over the file cap), so only a client that planned it otherwise pays for this.
  const { slice, ...rest } = step;
  return stepCostMs({ ...rest, bytes: step.bytes - unread }, cost, sizeOf);
}

// steps: the plan's steps -> [[first, count], …] covering every step in order. A group's
// files that are sent with its request (sendBytes(step): the bytes of the step's files the
// upload does not hold) also stay within maxSendBytes, the deployment's request cap: a group
// the server would refuse as too large is never planned. (No single file is over that cap:
// POST /api/convert refuses one with a 413 naming it.) The files it reads from the upload
// (stored(step): their paths; sizeOf gives their sizes), each counted once, stay within
// maxStoredBytes: what one group's request may read of the upload (upload-limits.js
// STORED_READ_MAX_BYTES, which http/client-plan.js checks of a client's groups).
export function groupSteps(
  steps,
  { budgetMs = GROUP_BUDGET_MS, maxSteps = MAX_STEPS_PER_GROUP, cost = STEP_COST, fileMs = FILE_MS, sizeOf = undefined, sendBytes = () => 0, maxSendBytes = Infinity, stored = () => [], maxStoredBytes = Infinity } = {},
) {
  const groups = [];
  let first = 0;
  let spent = 0;
  let sent = 0;
  let read = new Set();
  let readBytes = 0;
  const newReads = (step) => {
    const fresh = [...new Set(stored(step))].filter((p) => !read.has(p));
    return [fresh, fresh.reduce((n, p) => n + (sizeOf?.(p) ?? 0), 0)];
  };
  for (let i = 0; i < steps.length; i++) {
    const ms = stepCostMs(steps[i], cost, sizeOf, fileMs);
    const bytes = sendBytes(steps[i]);
    const count = i - first;
    let [fresh, freshBytes] = newReads(steps[i]);
    if (count > 0 && (spent + ms > budgetMs || count >= maxSteps || sent + bytes > maxSendBytes || readBytes + freshBytes > maxStoredBytes)) {
      groups.push([first, count]);
      first = i;
      spent = 0;
      sent = 0;
      read = new Set();
      readBytes = 0;
      [fresh, freshBytes] = newReads(steps[i]);
    }
    spent += ms;
    sent += bytes;
    for (const p of fresh) read.add(p);
    readBytes += freshBytes;
  }
  if (steps.length > first) groups.push([first, steps.length - first]);
  return groups;
}

// The plan's option "groups" (wasm/core/convert/step_groups.h): the cut above, for a session
// whose upload holds `stored` ([{name, stream, offset, bytes}]: those files are read from D1,
// every other one is sent with its group's request) under a request cap of maxSendBytes, each
// group reading at most maxStoredBytes of the upload (review finding: the server's own cut had
// no such bound, and a group of light workouts steps read 60.8 MiB of stored files).
export function groupRules(stored, maxSendBytes = Infinity, { budgetMs = GROUP_BUDGET_MS, maxSteps = MAX_STEPS_PER_GROUP, cost = STEP_COST, fileMs = FILE_MS, maxStoredBytes = STORED_READ_MAX_BYTES } = {}) {
  return {
    budgetMs,
    maxSteps,
    ...(Number.isFinite(maxSendBytes) ? { maxSendBytes } : {}),
    ...(Number.isFinite(maxStoredBytes) ? { maxStoredBytes } : {}),
    fileMs,
    cost,
    fallback: FALLBACK_COST,
    stored: stored.map((f) => [f.name, f.stream, f.offset, f.bytes]),
  };
}
