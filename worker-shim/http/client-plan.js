// A conversion session PLANNED BY ITS CLIENT: the client runs the core's plan itself (the page
// has the same core.wasm) and sends the server only what a session needs to run its steps,
// then each request's steps with their files. Why: the server's plan (POST /api/convert
// without `plan`) reads every light file and lists every step in one request, so its CPU
// grows with the export — from a cold isolate past the free plan's 10 ms already for a few
// months of history (docs/benchmarks.md, bench-server-session), so the page plans every
// session it starts. Here no request's work grows with the export:
//   POST /api/convert {uploadId, …the same options…, plan: {steps, stepZone, timeZone}}
//     steps     how many steps the client's plan has (assembly takes that many parts);
//     stepZone  the plan's "stepZone", verbatim, or null (wasm/core/convert/steps.h);
//     timeZone  the options' timeZone as the plan was made with it ({name, explicit,
//               transitions}: shared/tz.js timeZoneOption), or null.
//   POST /api/convert/{id}/steps  a TSB1 body whose options are {"steps": [step, …]} (the
//     plan's step objects, verbatim, consecutive) and whose files are the steps' files the
//     upload does not hold; the others are read from the upload. "pieces": {path: [offset,
//     length, size]} names heart-rate days sent as the piece the steps' workouts read of them
//     (wasm/core/convert/step_pieces.h), which is how a day over the file cap goes at all.
//   POST /api/convert/{id}/assemble  the plan's part first, named plan-part.json, then the
//     parts as for any session.
// What the server still decides, so that a client's plan cannot cost it more than its own:
// a step is one the plan writes (its members and their types, each file once); each of its
// files is exactly the upload's (by path) or the request's, at the sizes its "bytes" says; a
// request's steps are estimated with the server's cost lines (shared/step-groups.js), more
// than one step over the group budget is refused, and so is one step over STEP_MAX_MS. What a
// plan the client changed can do is give that client other files, as converting on its own
// device could.
import { isValidZone } from "../shared/tz.js";
import { GROUP_BUDGET_MS, MAX_STEPS_PER_GROUP, piecedCostMs, STEP_MAX_MS } from "../shared/step-groups.js";
import { cutPath, STORED_READ_MAX_BYTES } from "../shared/upload-limits.js";
import { Problem } from "./problem.js";

// A ten-year export has ~3,000 steps; a plan of 100,000 is not one the core made of a real export.
export const MAX_PLAN_STEPS = 100000;
// A zone's transitions over a century are about 200; a ten-year plan's zoneInEffect a few dozen.
// But the plan's range follows the export's dated names, and a stray name ("steps-1900-01-01.json"
// beside "steps-2150-01-01.json") asks for 250 years of them, 461 for New York: the page plans
// every session, so such an export started with a 400 it could not act on (review finding).
// 2,000 pairs are about 40 KB of JSON.
const MAX_TRANSITIONS = 2000;
const MAX_STEP_FILES = 5000;
const MAX_PATH_CHARS = 1024;
// The step kinds the plan writes (wasm/core/convert/steps.h).
const KINDS = new Set(["weight", "workouts", "daily", "sleep", "resting_hr", "heart_rate", "other"]);
// One step alone may be over the group budget, but not without bound: STEP_MAX_MS
// (shared/step-groups.js, where the page reads it too).
export { STEP_MAX_MS };
// What one request may read of the upload: STORED_READ_MAX_BYTES (shared/upload-limits.js).
export { STORED_READ_MAX_BYTES };

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isInt = (v) => Number.isSafeInteger(v);
const isPairs = (v, max) => Array.isArray(v) && v.length <= max && v.every((t) => Array.isArray(t) && t.length === 2 && isInt(t[0]) && isInt(t[1]));
const onlyKeys = (o, keys) => Object.keys(o).every((k) => keys.includes(k));
// A zone's table as the core takes one (tz/transitions.cpp Zone::make): at least one pair, each
// offset within 26 hours, times strictly ascending. Checked here so that a session is not made
// whose every step the core then refuses (attack round: [[-2^53+1, 2^53-1]] gave a 201).
const MAX_OFFSET_SEC = 26 * 3600;
const isZoneTable = (pairs) => pairs.length > 0 && pairs.every(([at, off], i) => Math.abs(off) <= MAX_OFFSET_SEC && (i === 0 || at > pairs[i - 1][0]));

// The plan's stepZone as the core writes it (steps.h): {"plannedZone": {"name", "explicit"} |
// null, "zoneInEffect"?: [[utcSec, offsetSec], …] | null}. Its shape is checked member by
// member, so nothing deeper than the core writes reaches a JSON writer or the core.
function isStepZone(z) {
  if (!isObject(z) || !onlyKeys(z, ["plannedZone", "zoneInEffect"])) return false;
  const p = z.plannedZone;
  const plannedOk = p === undefined || p === null || (isObject(p) && onlyKeys(p, ["name", "explicit"]) && typeof p.name === "string" && isValidZone(p.name) && typeof p.explicit === "boolean");
  const inEffect = z.zoneInEffect;
  return plannedOk && (inEffect === undefined || inEffect === null || (isPairs(inEffect, MAX_TRANSITIONS) && isZoneTable(inEffect)));
}

// The `plan` member of POST /api/convert -> {steps, stepZone, timeZone}, or a 400 naming the
// member that is wrong.
export function readClientPlan(plan) {
  const how = 'plan must be {"steps": n, "stepZone": {…} or null, "timeZone": {"name", "explicit", "transitions"} or null}, from the core\'s plan of the export made on the client.';
  if (!isObject(plan)) throw new Problem(400, how);
  for (const key of Object.keys(plan)) {
    if (!["steps", "stepZone", "timeZone"].includes(key)) throw new Problem(400, `plan has a member "${key.slice(0, 40)}" it does not take. ${how}`);
  }
  const { steps, stepZone = null, timeZone = null } = plan;
  // A plan may have no step (workouts chosen and every one auto-detected and left out): its
  // session is assembled from the plan's part alone, as on the device.
  if (!isInt(steps) || steps < 0 || steps > MAX_PLAN_STEPS) {
    throw new Problem(400, `plan.steps must be the number of steps in the plan, 0 to ${MAX_PLAN_STEPS}.`);
  }
  if (stepZone !== null && !isStepZone(stepZone)) {
    throw new Problem(400, `plan.stepZone must be the plan's "stepZone" object as the core wrote it ({"plannedZone": {"name": an IANA zone, "explicit"} or null, "zoneInEffect": at most ${MAX_TRANSITIONS} [utcSeconds, offsetSeconds] pairs}), or null.`);
  }
  if (timeZone !== null) {
    const ok = isObject(timeZone) && typeof timeZone.name === "string" && isValidZone(timeZone.name) &&
      typeof timeZone.explicit === "boolean" && isPairs(timeZone.transitions, MAX_TRANSITIONS) && onlyKeys(timeZone, ["name", "explicit", "transitions"]);
    if (!ok) {
      throw new Problem(400, `plan.timeZone must be {"name": an IANA zone such as Europe/Berlin, "explicit": true or false, "transitions": [[utcSeconds, offsetSeconds], …] (at most ${MAX_TRANSITIONS})}, or null.`);
    }
  }
  // The core refuses every step of a plan whose stepZone was made with another zone than the
  // session's (convert/planned_zone.h): said here, before the session is made (review finding:
  // a plannedZone of Asia/Tokyo beside a timeZone of Europe/Berlin made a 201 session whose
  // steps were all refused).
  const planned = stepZone?.plannedZone;
  if (planned !== undefined) {
    const same = planned === null ? timeZone === null : timeZone !== null && planned.name === timeZone.name && planned.explicit === timeZone.explicit;
    if (!same) throw new Problem(400, "plan.stepZone.plannedZone must be the zone plan.timeZone names (its name and explicit), or null when plan.timeZone is null: the plan's stepZone and its timeZone come from one plan.");
  }
  return { steps, stepZone, timeZone };
}

// A workouts step's "records" (steps.h): [[path, byteOffset, byteLength], …], each in one of
// the step's files. The estimate counts a workouts step by them, so their shape is checked
// here (a record is a JSON object, never empty); the core checks where they lie.
const isRecords = (r, files) =>
  Array.isArray(r) && r.length <= MAX_STEP_FILES &&
  r.every((x) => Array.isArray(x) && x.length === 3 && typeof x[0] === "string" && files.has(x[0]) && isInt(x[1]) && x[1] >= 0 && isInt(x[2]) && x[2] > 0);
const isIntOrNull = (v) => v === undefined || v === null || isInt(v);
// A weight step's "weighIns" (wasm/core/convert/weight_steps.h): [[utcSec, weight, fat|null,
// bmi|null], …] in whole raw FIT units, at most one weight file's most (5,000) — the estimate
// counts the rows, so their shape is checked here; the core checks their values.
// "fileNumbers": [first, all].
const MAX_WEIGH_INS = 5000;
const isIntOrNullValue = (v) => v === null || isInt(v);
const isWeighIns = (rows) =>
  Array.isArray(rows) && rows.length <= MAX_WEIGH_INS &&
  rows.every((r) => Array.isArray(r) && r.length === 4 && isInt(r[0]) && isInt(r[1]) && isIntOrNullValue(r[2]) && isIntOrNullValue(r[3]));

// A step as the plan writes it: its members, each of the type the plan gives it (steps.h).
// Nothing else: a member the core does not read is refused rather than carried into it.
function isStep(step) {
  if (!isObject(step) || !onlyKeys(step, ["id", "kind", "files", "bytes", "logIds", "records", "hrFrom", "metric", "from", "to", "output", "weighIns", "fileNumbers", "slice", "jsonDays"])) return false;
  const { id, kind, files, bytes, logIds, records, hrFrom, metric, from, to, output, weighIns, fileNumbers, slice, jsonDays } = step;
  if (!KINDS.has(kind) || !isInt(bytes) || bytes < 0) return false;
  if (id !== undefined && (typeof id !== "string" || id.length > 64)) return false;
  if (!Array.isArray(files) || files.length > MAX_STEP_FILES || !files.every((f) => typeof f === "string" && f.length > 0 && f.length <= MAX_PATH_CHARS)) return false;
  // Each file once: the core would read a file listed twice twice, and the estimate counts it once.
  const names = new Set(files);
  if (names.size !== files.length) return false;
  if (logIds !== undefined && (!Array.isArray(logIds) || logIds.length > MAX_STEP_FILES || !logIds.every(isInt))) return false;
  // records only on workouts steps, which alone read them; the estimate trusts them only there.
  if (records !== undefined && (kind !== "workouts" || !isRecords(records, names))) return false;
  // weighIns and fileNumbers only on weight steps, together, and such a step reads no file:
  // the estimate counts it by its rows alone, so files beside them would be read uncounted.
  if ((weighIns !== undefined || fileNumbers !== undefined) &&
    (kind !== "weight" || !isWeighIns(weighIns) || !Array.isArray(fileNumbers) || fileNumbers.length !== 2 || !fileNumbers.every(isInt) ||
      files.length !== 0 || bytes !== 0)) return false;
  // slice only on a heart-rate step of one day: [i, k], 1 < k <= 64 (the estimate counts a
  // k-th of the day: wasm/core/fitbit/heart_rate_slices.h).
  if (slice !== undefined && (kind !== "heart_rate" || files.length !== 1 || !Array.isArray(slice) || slice.length !== 2 || !slice.every(isInt) ||
    slice[1] < 2 || slice[1] > MAX_SLICES || slice[0] < 0 || slice[0] >= slice[1])) return false;
  // jsonDays only on a heart-rate step of one Google file: the JSON's days its month meets
  // (at most 33: a month and a day either side; wasm/core/convert/step_reference.cpp).
  if (jsonDays !== undefined && (kind !== "heart_rate" || files.length !== 1 || !Array.isArray(jsonDays) || jsonDays.length > MAX_JSON_DAYS || !jsonDays.every(isInt))) return false;
  if (!isIntOrNull(hrFrom) || !isIntOrNull(from) || !isIntOrNull(to)) return false;
  if (metric !== undefined && (typeof metric !== "string" || metric.length > 64)) return false;
  return output === undefined || (typeof output === "string" && output.length <= MAX_PATH_CHARS);
}

// The most slices the plan cuts a heart-rate day into (wasm/core/fitbit/heart_rate_slices.h).
const MAX_SLICES = 64;
// The most days a Google heart-rate file's step names as the JSON's (step_reference.cpp kMaxJsonDays).
const MAX_JSON_DAYS = 33;
// A heart-rate day file the size of 1 GiB is not one Fitbit wrote (a day is 1-4 MB).
const MAX_PIECE_FILE_BYTES = 2 ** 30;

// The request's "pieces" (wasm/core/convert/step_pieces.h): {path: [offset, length, size], …},
// each path one the steps read, the piece within the file -> a Map path -> {offset, length,
// size}. Which step may read a piece, and that the file is sent, are checkStepFiles' to say.
function readPieces(pieces, names) {
  const map = new Map();
  if (pieces === undefined) return map;
  const how = 'pieces must be {"<path>": [offset, length, size], …}: what the core\'s ts_step_pieces named of the steps\' heart-rate days.';
  if (!isObject(pieces) || Object.keys(pieces).length > names.length) throw new Problem(400, how);
  const read = new Set(names);
  for (const [path, p] of Object.entries(pieces)) {
    if (!read.has(path)) throw new Problem(400, `pieces names "${cutPath(path)}", which none of the steps reads. ${how}`);
    const ok = Array.isArray(p) && p.length === 3 && p.every((v) => isInt(v) && v >= 0) && p[2] <= MAX_PIECE_FILE_BYTES && p[0] + p[1] <= p[2];
    if (!ok) throw new Problem(400, `The piece of "${cutPath(path)}" must be [offset, length, size], within a file of at most ${MAX_PIECE_FILE_BYTES} bytes. ${how}`);
    map.set(path, { offset: p[0], length: p[1], size: p[2] });
  }
  return map;
}

// Whether every string of `v`, and every key, is Unicode: "\ud800" is valid JSON, but no text,
// and the core's reader refuses it; the step was answered with a 422 that blamed the uploaded
// files (attack finding).
function wellFormed(v) {
  if (typeof v === "string") return v.isWellFormed();
  if (Array.isArray(v)) return v.every(wellFormed);
  if (v !== null && typeof v === "object") return Object.entries(v).every(([k, x]) => k.isWellFormed() && wellFormed(x));
  return true;
}

// The steps of one POST /api/convert/{id}/steps (the body's options) -> {steps, names, pieces}:
// the step objects as sent, every file they read, once each, in the order the core is given
// them, and the pieces (readPieces). A 400 says what is wrong with the first step that is.
export function readSteps(options) {
  const how = `Send {"steps": [step, …]} as the body's options: 1 to ${MAX_STEPS_PER_GROUP} consecutive step objects of the conversion's plan, verbatim (and "pieces", when heart-rate days are sent as pieces).`;
  if (!isObject(options) || !Array.isArray(options.steps) || options.steps.length === 0 || options.steps.length > MAX_STEPS_PER_GROUP ||
    !onlyKeys(options, ["steps", "pieces"])) {
    throw new Problem(400, how);
  }
  const names = [];
  const seen = new Set();
  for (const [i, step] of options.steps.entries()) {
    if (!isStep(step)) {
      throw new Problem(400, `Step ${i} is not a step of a plan: a "kind" the plan writes, its "files" by export path (each once) and their "bytes", and only the members the plan gives a step of that kind ("records" on a workouts step, in its own files; "weighIns" with "fileNumbers" on a weight step). ${how}`);
    }
    // After isStep, which bounds a step's depth (a member nested 100,000 deep overflowed this
    // walk's stack: a 503).
    if (!wellFormed(step)) {
      throw new Problem(400, `Step ${i} holds text that is not Unicode (a lone surrogate, such as the escape \\ud800): send the plan's step objects as the core wrote them. ${how}`);
    }
    for (const f of step.files) {
      if (!seen.has(f)) {
        seen.add(f);
        names.push(f);
      }
    }
  }
  return { steps: options.steps, names, pieces: readPieces(options.pieces, names) };
}

// An upload's files by path, for checkStepFiles: its first copy of each path (as the plan reads
// a path given twice), with where it is stored. files: the upload row's metadata.files.
export function storedByPath(files) {
  const stored = new Map();
  for (const f of files) if (!stored.has(f.name)) stored.set(f.name, { name: f.name, stream: f.stream ?? 0, offset: f.offset, bytes: f.bytes });
  return stored;
}

// Where each of `names` comes from: the upload (`stored`: path -> {name, stream, offset,
// bytes}, its first copy of a path) or the request (`sent`: [{name, data}]). Every name must
// be one or the other, never both, and every sent file must be named; each step's "bytes" must
// be its files' sizes summed, and the steps together within one request's budget. A file in
// `pieces` (readSteps) is sent as its piece, read only by workouts steps: its size is the
// piece's "size", and the estimate counts the piece's bytes, which are all the core reads of
// it. -> [{name, stream, offset, bytes}] of the stored files to read, in `names` order.
export function checkStepFiles(steps, names, stored, sent, pieces = new Map()) {
  const sentBy = new Map();
  for (const f of sent) {
    if (sentBy.has(f.name)) throw new Problem(400, `"${cutPath(f.name)}" is sent twice; send each file once.`);
    if (stored.has(f.name)) {
      throw new Problem(400, `"${cutPath(f.name)}" is in the upload already: the server reads it from there. Send only the files the upload does not hold.`);
    }
    sentBy.set(f.name, f);
  }
  for (const [name, p] of pieces) {
    if (!sentBy.has(name)) throw new Problem(400, `"${cutPath(name)}" is named in pieces but not sent; a piece is sent in the request, in its file's place.`);
    if (sentBy.get(name).data.length !== p.length) {
      throw new Problem(400, `"${cutPath(name)}" is sent as a piece of ${p.length} bytes, but ${sentBy.get(name).data.length} were sent. Send the bytes pieces names.`);
    }
    // Workouts steps read a piece for their windows; a heart-rate step of one slice of the day
    // reads it as that slice, and is then its only reader (the core refuses the rest).
    const reader = steps.find((st) => st.kind !== "workouts" && !(st.kind === "heart_rate" && st.slice) && st.files.includes(name));
    if (reader) throw new Problem(400, `"${cutPath(name)}" is sent as a piece, but a ${reader.kind} step of this request reads it whole. Send it whole.`);
  }
  const sizeOf = (name) => pieces.get(name)?.size ?? stored.get(name)?.bytes ?? sentBy.get(name)?.data.length;
  const read = [];
  for (const name of names) {
    if (stored.has(name)) read.push(stored.get(name));
    else if (!sentBy.has(name)) {
      throw new Problem(400, `A step reads "${cutPath(name)}", which is neither in the upload nor in this request. Send it with the steps that read it.`);
    }
  }
  const storedBytes = read.reduce((n, f) => n + f.bytes, 0);
  if (storedBytes > STORED_READ_MAX_BYTES) {
    throw new Problem(400, `These steps read ${storedBytes} bytes of the upload; one request reads at most ${STORED_READ_MAX_BYTES}. Send fewer steps in one request, as the plan cuts them (shared/step-groups.js groupSteps).`);
  }
  const named = new Set(names);
  const extra = sent.find((f) => !named.has(f.name));
  if (extra) throw new Problem(400, `"${cutPath(extra.name)}" is sent, but none of the steps reads it. Send only the steps' own files.`);
  let ms = 0;
  for (const [i, step] of steps.entries()) {
    const bytes = [...new Set(step.files)].reduce((n, f) => n + sizeOf(f), 0);
    if (bytes !== step.bytes) {
      throw new Problem(400, `Step ${i} says its files are ${step.bytes} bytes, but they are ${bytes}: it was planned from other files. Plan the conversion again from the files it converts.`);
    }
    ms += piecedCostMs(step, (f) => pieces.get(f), sizeOf);
  }
  // !(ms <= …): an estimate that is not a number is over any budget.
  if (steps.length === 1 && !(ms <= STEP_MAX_MS)) {
    throw new Problem(400, `This step is estimated at ${ms.toFixed(1)} ms of the server's CPU, more than the ${STEP_MAX_MS} ms one step may spend: it reads more files than a step of a plan does. Plan the conversion with the core, which makes each step a bounded unit.`);
  }
  if (steps.length > 1 && !(ms <= GROUP_BUDGET_MS)) {
    throw new Problem(400, `These ${steps.length} steps are estimated at ${ms.toFixed(1)} ms of the server's CPU, more than the ${GROUP_BUDGET_MS} ms one request may spend: send fewer steps in one request (the page cuts its plan with the server's own estimate, shared/step-groups.js groupSteps).`);
  }
  return read;
}
