// "Convert on the TrackerSync server": the same plan, steps and assembly as on this device
// (wasm/core/convert/steps.h), run by the server a group of steps per request:
//   1. the light files (those the plan reads) go up in uploads of at most the server's
//      request size; the first starts the upload, the others add to it;
//   2. the plan is made here, by this page's own core, with the conversion's options, and
//      POST /api/convert only starts the session — the one request the limiter's convert tiers
//      count; the plan's steps are cut into groups by the server's own rule (step-groups.js)
//      and sent with each group's request (POST /api/convert/{id}/steps; the server's
//      http/client-plan.js). The server can plan too (POST /api/convert without a plan, for
//      clients with no core of their own), but its plan reads every light file and lists every
//      step in one request: 8-12 ms of CPU from a cold isolate already for a few months of
//      history (docs/benchmarks.md, bench-server-session), over the free plan's 10 ms. The page
//      has the core anyway (it made the report), so it plans and the server never does;
//   3. each group's files are read from the export and sent with its request; the answer (its
//      steps' parts and output files) goes straight into the zip; every GATHER_BYTES of parts
//      go to POST /api/convert/{id}/gather, and the one gathered part it answers is kept in
//      their place (wasm/core/convert/gathered.h);
//   4. assembly answers manifest.json, IMPORT.txt and the tables made from every part — a few
//      gathered parts for a long history, so that no request reads ~1 MB of parts.
// The zip is written by the same ZipStream, in the same order, as on this device: the same
// bytes. A 429 or 503 is waited out however long its Retry-After, with a countdown, and the
// same request is sent again. The session remembers where it is: after a failure or a cancel,
// converting again with the same files and options goes on from there, and converted work is
// never thrown away.
import { getBytes, postBytes, postFiles, postJson, upload } from "./api-client.js";
import { ApiError } from "./plain-errors.js";
import { formatBytes } from "./format.js";
import { planUploads } from "./upload-plan.js";
import { HOLD_MAX_BYTES, oneRequest } from "./piece-groups.js";
import { refusedAlone, WHY_FILE, WHY_STEP } from "./step-alone.js";
import {
  DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, DIGEST_MAX_BYTES, FILE_MAX_BYTES, GATHER_BYTES, GATHER_MAX_BYTES, STORED_READ_MAX_BYTES, UPLOAD_MAX_REQUESTS,
} from "../lib/core/upload-limits.js";
import { groupSteps } from "../lib/core/step-groups.js";
import { splitStepBundle } from "../lib/core/core.js";
import { PartRuns, stepOptions } from "../lib/core/convert-steps.js";
import { BUNDLE_TYPE, decodeBundle, encodeBundle } from "../lib/core/bundle.js";
import { ZipStream } from "../lib/core/packaging.js";

export const UPLOAD_LIMITS = Object.freeze({ maxBytes: DEFAULT_MAX_BYTES, maxFiles: DEFAULT_MAX_FILES, maxFileBytes: FILE_MAX_BYTES, digestBytes: DIGEST_MAX_BYTES, maxRequests: UPLOAD_MAX_REQUESTS });
// Network failures (not answers) are retried this many times, after 2, 4, 8… seconds.
const NETWORK_RETRIES = 4;

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException("The operation was cancelled.", "AbortError"));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(new DOMException("The operation was cancelled.", "AbortError"));
    }, { once: true });
  });
}

// Waits `seconds`, telling onWait(secondsLeft) every second.
async function countdown(seconds, { signal, onWait }) {
  for (let left = Math.max(1, Math.ceil(seconds)); left > 0; left--) {
    onWait?.(left);
    await sleep(1000, signal);
  }
}

// Sends `call()` until it is answered: a 429, or a 503 of TrackerSync's own (problem+json: the
// limiter or storage asking for a pause), is waited out (its Retry-After, however long); a
// network failure, or a 5xx the platform answered instead of the Worker (no problem+json: a
// Cloudflare error page, such as 1102 when a request went over its CPU time), is retried a few
// times and then handed on. Waiting out the platform's 503 for ever would never end: the same
// request on the same export goes over the same limit. Anything else is the caller's, and so
// is an error for which giveUp(err) says the caller has a better way on than trying again.
export async function patiently(call, { signal, onWait, onResume, sleepFor = countdown, giveUp = null }) {
  for (let failures = 0; ; ) {
    try {
      return await call();
    } catch (err) {
      if (err?.name === "AbortError" || giveUp?.(err)) throw err;
      const api = err instanceof ApiError;
      const waitable = api && (err.status === 429 || (err.status === 503 && err.fromService));
      const transient = err?.name === "NetworkError" || (api && err.status >= 500 && !err.fromService);
      if (waitable) {
        await sleepFor(err.retryAfterSeconds ?? 30, { signal, onWait });
      } else if (transient && failures < NETWORK_RETRIES) {
        failures += 1;
        await sleepFor(2 ** failures, { signal, onWait });
      } else {
        throw err;
      }
      onResume?.();
    }
  }
}

// A session belongs to an upload, and an export with no light file (only per-minute data,
// only tracks) had none to make: the page sent uploadId null and showed the server's 400
// (helper finding). Its smallest other file goes up instead (moved), and its steps read it from
// there. → {heavy: the files sent with the groups, moved: the heavy file uploaded, or null}
function uploadOf(light, heavy) {
  if (light.length > 0 || heavy.length === 0) return { heavy, moved: null };
  const moved = heavy.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  return { heavy: heavy.filter((f) => f !== moved), moved };
}

// The file kinds the core sends as PIECES (wasm/core/convert/step_pieces.h): heart-rate days.
// A workout reads its hour of a day, and a heart-rate step of a day over the file cap one
// slice of it (wasm/core/fitbit/heart_rate_slices.h); a group sends each such day as the piece
// its steps read, unless two of them read it (then whole: a day under the cap).
export const PIECE_KINDS = Object.freeze(new Set(["heart_rate"]));

// How the server way takes the chosen files. Every light file must fit in one upload request
// (else TooLargeFileError, naming the first that does not). A heavy file over the per-file cap
// that is not a piece kind (a month of per-minute data of 2.5 MB, as real exports have) cannot
// go to the server: its step runs on this device's core instead, and its part is assembled
// with the server's — `here` counts such files, and the page says so before it starts.
export function planServer(light, heavy) {
  const upload = uploadOf(light, heavy);
  if (upload.moved) [light, heavy] = [[{ path: upload.moved.path, data: { length: upload.moved.bytes } }], upload.heavy];
  const parts = planUploads(light, UPLOAD_LIMITS);
  const here = heavy.filter((f) => f.bytes > UPLOAD_LIMITS.maxFileBytes && !PIECE_KINDS.has(f.kind));
  return {
    uploads: parts.length,
    lightBytes: light.reduce((n, f) => n + f.data.length, 0),
    heavyBytes: heavy.reduce((n, f) => n + f.bytes, 0),
    here: here.length,
  };
}

// A request's files in halves (a deployment whose request cap is below the page's default
// answers 413; its detail names its cap); null when one file cannot be split.
function halves(part) {
  if (part.length < 2) return null;
  const mid = Math.ceil(part.length / 2);
  return [part.slice(0, mid), part.slice(mid)];
}

// The download, built as the groups answer: chunks are folded into a Blob every few MB.
class ZipSink {
  #blob = new Blob([]);
  #pending = [];
  #bytes = 0;
  outputs = [];
  zip = new ZipStream((chunk) => {
    this.#pending.push(chunk);
    this.#bytes += chunk.length;
    if (this.#bytes >= 8 * 1024 * 1024) this.#fold();
  });
  add(path, data) {
    this.zip.add(path, data);
    this.outputs.push({ path, bytes: data.length });
  }
  #fold() {
    this.#blob = new Blob([this.#blob, ...this.#pending], { type: "application/zip" });
    this.#pending = [];
    this.#bytes = 0;
  }
  end() {
    this.zip.end();
    this.#fold();
    return this.#blob;
  }
}

// Where a conversion on the server is. Kept between attempts with the same files and options.
let session = null;

function signature(light, heavy, options) {
  return JSON.stringify([options, light.map((f) => [f.path, f.data.length]), heavy.map((f) => [f.path, f.bytes])]);
}

// For tests and a new export: forget any session in progress.
export function forgetSession() {
  session = null;
}

// The groups of a plan made here, as the server counts them (its step tiers and budget): each
// {steps: [step objects], send: [paths the upload does not hold]}.
function clientGroups(plan, light, heavy) {
  const size = new Map([...light.map((f) => [f.path, f.data.length]), ...heavy.map((f) => [f.path, f.bytes])]);
  const stored = new Set(light.map((f) => f.path));
  const sendOf = (steps) => [...new Set(steps.flatMap((st) => st.files))].filter((f) => !stored.has(f));
  const cut = groupSteps(plan.steps, {
    sizeOf: (f) => size.get(f),
    sendBytes: (step) => sendOf([step]).reduce((n, f) => n + size.get(f), 0),
    maxSendBytes: UPLOAD_LIMITS.maxBytes,
    stored: (step) => step.files.filter((f) => stored.has(f)),
    maxStoredBytes: STORED_READ_MAX_BYTES,
  });
  return cut.map(([first, count]) => {
    const steps = plan.steps.slice(first, first + count);
    return { steps, send: sendOf(steps) };
  });
}

// A group planned here in two, each with its own files to send; null for one step.
function halvesOfGroup(g) {
  if (g.steps.length < 2) return null;
  const mid = Math.ceil(g.steps.length / 2);
  const half = (steps) => ({ steps, send: g.send.filter((p) => steps.some((st) => st.files.includes(p))), halved: true });
  return [half(g.steps.slice(0, mid)), half(g.steps.slice(mid))];
}

// The person's choices as POST /api/convert takes them, the same however the session is
// planned (each added field was once added to one of two copies of this list).
function choiceFields(options) {
  const out = {};
  if (options.kinds) out.kinds = options.kinds;
  for (const field of ["includeAutoDetected", "includeImplausible", "includeHeartRate"]) if (options[field] != null) out[field] = options[field];
  if (options.missingParts) out.missingParts = options.missingParts;
  return out;
}

// light: [{path, kind, data}] (read); heavy: [{path, kind, bytes, …}] read with
// readHeavy([entries]) -> [Uint8Array] when a group needs them; options: the conversion
// options (the same object as on this device). rows: the page's ProgressRows {upload,
// convert, package}. planHere(): this device's plan of the same files with the same options
// (the core worker's "plan"); without it (a page whose core could not start) the server plans.
// piecesHere(steps, files): what a group of the plan's steps reads of its heart-rate days (the
// core worker's "pieces"; files [{path, data}]: the steps' own, whole), sent in their place.
// stepHere(options, steps, files): the group's steps run by this device's core (the core
// worker's "step": the bundle the server would answer), for a step the server cannot take:
// one whose file, or piece of a heart-rate day, is over the file cap (a month of per-minute
// data of 2.5 MB; a 48-hour "Workout" left running, which reads all of a day), one the server
// would refuse as more than one step may be (step-alone.js: a workout reading a month of each
// of Google's per-workout files), or one the platform stopped over its CPU time on every try
// (1102: the estimate was short for its files).
// sleepFor: patiently's wait (tests pass a short one).
// → {zip: Blob, outputs: [{path, bytes}], groups, resumed, plannedHere, stepsHere, bigHere, cpuHere}
export async function convertOnServer(light, heavy, options, { signal, rows, readHeavy, planHere = null, piecesHere = null, stepHere = null, sleepFor = undefined }) {
  const chosen = uploadOf(light, heavy);
  if (chosen.moved) {
    const [data] = await readHeavy([chosen.moved]);
    [light, heavy] = [[{ path: chosen.moved.path, kind: chosen.moved.kind, data }], chosen.heavy];
  }
  const key = signature(light, heavy, options);
  const resumed = session?.key === key && !session.done;
  if (!resumed) session = { key, uploadId: null, uploaded: 0, conversion: null, next: 0, runs: new PartRuns(GATHER_BYTES, GATHER_MAX_BYTES), sink: new ZipSink(), sentBytes: 0, counted: new Set(), unsent: new Map() };
  const s = session;
  const heavyBytes = heavy.reduce((n, f) => n + f.bytes, 0);
  // What is to be sent: every file, less those only steps converted on this device read (the
  // total ran on over them: "64 MB of 118 MB" stood still while 54 MB of calories files were
  // converted here, helper finding); one a later group sends after all counts again.
  const allBytes = light.reduce((n, f) => n + f.data.length, 0) + heavyBytes;
  const unsentBytes = () => [...s.unsent.values()].reduce((n, b) => n + b, 0);
  const totalBytes = () => allBytes - unsentBytes();
  // Progress in steps, not groups: groups join and are cut in two as the conversion goes, so a
  // count of them shrank while it ran ("4 of 272", then "32 of 222": helper finding); the
  // plan's steps stay what they are.
  const stepCount = (groups) => groups.reduce((n, g) => n + g.steps.length, 0);
  const stepsDone = () => stepCount(s.conversion?.groups?.slice(0, s.next) ?? []);
  const stepsAll = () => Math.max(1, stepCount(s.conversion?.groups ?? []));
  const say = (text) => rows.convert.steps(stepsDone(), stepsAll(), text);
  const converted = (here = "") => `${stepsDone()} of ${stepsAll()} steps converted on the server${here}`;
  const waiting = (what) => (left) => say(`The server asked to wait: ${what} goes on in ${left} s…`);
  const calm = (call, what, giveUp = null) => patiently(call, { signal, onWait: waiting(what), onResume: () => say(`Sending ${what} again…`), giveUp, ...(sleepFor ? { sleepFor } : {}) });
  rows.upload.bytes(s.sentBytes, totalBytes());
  if (resumed) say(`Going on from where the conversion stopped${s.conversion ? ` (${stepsDone()} of ${stepsAll()} steps done)` : ""}…`);

  // 1. The light files, in requests the server takes (a 413 halves a request and tries again).
  const queue = planUploads(light.slice(s.uploaded), UPLOAD_LIMITS);
  while (queue.length) {
    const part = queue.shift();
    const bytes = part.reduce((n, f) => n + f.data.length, 0);
    try {
      const body = await calm(() => upload(part, {
        uploadId: s.uploadId,
        signal,
        onProgress: (sent, size) => rows.upload.bytes(s.sentBytes + (size ? Math.round((sent / size) * bytes) : 0), totalBytes()),
      }), "the upload");
      s.uploadId = body.uploadId;
    } catch (err) {
      const split = err instanceof ApiError && err.status === 413 ? halves(part) : null;
      if (!split) throw err;
      queue.unshift(...split);
      continue;
    }
    s.uploaded += part.length;
    s.sentBytes += bytes;
    rows.upload.bytes(s.sentBytes, totalBytes());
  }

  // 2. The plan. A session whose upload or conversion expired meanwhile plans again: the same
  // files and options give the same groups, so it goes on from the same group.
  if (s.local === undefined) s.local = planHere ? await planHere() : null;
  const plan = async () => {
    if (s.local) {
      // Planned here: the server only starts the session (the same options, the plan's zone).
      const request = { uploadId: s.uploadId, weightUnit: options.weightUnit ?? "auto", plan: { steps: s.local.steps.length, stepZone: s.local.stepZone ?? null, timeZone: options.timeZone ?? null }, ...choiceFields(options) };
      const conv = await calm(() => postJson("/api/convert", request, { signal }), "the conversion");
      s.conversion = { ...conv, groups: s.conversion?.groups ?? clientGroups(s.local, light, heavy) };
      return;
    }
    const request = { uploadId: s.uploadId, weightUnit: options.weightUnit ?? "auto", files: Object.fromEntries(heavy.map((f) => [f.path, f.bytes])) };
    // A zone the person chose is used for every local time (timeZone); one the page filled in
    // only where the export shows no offsets of its own and names no zone (fallbackTimeZone).
    if (options.timeZone) request[options.timeZone.explicit ? "timeZone" : "fallbackTimeZone"] = options.timeZone.name;
    Object.assign(request, choiceFields(options));
    const conv = await calm(() => postJson("/api/convert", request, { signal }), "the conversion");
    const ids = JSON.stringify(conv.groups?.map((g) => g.steps));
    if (s.conversion && JSON.stringify(s.conversion.groups?.map((g) => g.steps)) !== ids) {
      throw new Error("the server planned this export differently the second time; convert again from the start");
    }
    s.conversion = conv;
  };
  if (!s.conversion) await plan();
  if (s.conversion.complete) {
    // Small enough for the server to finish within the plan's request: its stored zip is the
    // same download (every step's files, then assembly's, by the same packaging.js).
    rows.package.busy("Downloading…");
    const bytes = await calm(() => getBytes(`/api/download/${encodeURIComponent(s.conversion.conversionId)}`, { signal }), "the download");
    s.done = true;
    rows.upload.done(`Sent ${light.length} files.`);
    // Its size said as the device's way says it (helper finding: only that way did).
    rows.package.done(`${s.conversion.files.length} files in one zip (${formatBytes(bytes.length)}).`);
    return { zip: new Blob([bytes], { type: "application/zip" }), outputs: s.conversion.files.map((f) => ({ path: f.path, bytes: f.bytes })), groups: 0, resumed, plannedHere: false };
  }
  const again = async (err) => {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
    // The upload (kept for 1 hour) or the conversion (2 hours) is gone: upload the light files
    // again, plan again, and carry on.
    s.uploadId = null;
    for (const part of planUploads(light, UPLOAD_LIMITS)) s.uploadId = (await calm(() => upload(part, { uploadId: s.uploadId, signal }), "the upload")).uploadId;
    await plan();
  };

  // A session request, sent again once after a 404 made the session anew (again()).
  const once = async (call, what, giveUp = null) => {
    for (let tries = 0; ; tries++) {
      try {
        return await calm(call, what, giveUp);
      } catch (err) {
        if (tries > 0) throw err;
        await again(err);
      }
    }
  };
  // Every run of parts ready to gather (PartRuns.ready(all)), each into the one gathered part
  // the server answers.
  const gather = async (all) => {
    for (let run; (run = s.runs.ready(all)); ) {
      const body = encodeBundle(null, run.map((data) => ({ name: "part.json", data })));
      s.runs.gathered(await once(() => postBytes(`/api/convert/${encodeURIComponent(s.conversion.conversionId)}/gather`, body, BUNDLE_TYPE, { signal }), "the request gathering the parts"));
    }
  };

  // 3. The groups, in order; each answer goes into the zip at once.
  const byPath = new Map(heavy.map((f) => [f.path, f]));
  const lightData = new Map(light.map((f) => [f.path, f.data]));
  // A group's heart-rate days as the pieces its workouts read (wasm/core/convert/step_pieces.h),
  // computed here from the whole days just read: the same outputs, a fraction of the bytes,
  // and a day over the file cap goes too. -> {files to send, pieces or null}
  const asPieces = async (steps, files) => {
    if (!s.local || !piecesHere || !files.some((f) => PIECE_KINDS.has(byPath.get(f.path).kind))) return { files, pieces: null };
    const sent = new Map(files.map((f) => [f.path, f.data]));
    const own = [...new Set(steps.flatMap((st) => st.files))].map((p) => ({ path: p, data: sent.get(p) ?? lightData.get(p) }));
    const pieces = await piecesHere(steps, own);
    if (Object.keys(pieces).length === 0) return { files, pieces: null };
    return { files: files.map((f) => (pieces[f.path] ? { path: f.path, data: f.data.subarray(pieces[f.path][0], pieces[f.path][0] + pieces[f.path][1]) } : f)), pieces };
  };
  // Whole heavy files read for the groups at hand: this group's, and the next one's while the
  // two are weighed for joining (piece-groups.js), so that no file is read twice.
  const held = new Map();
  const readInto = async (paths) => {
    const missing = paths.filter((p) => !held.has(p));
    const data = missing.length ? await readHeavy(missing.map((p) => byPath.get(p))) : [];
    missing.forEach((p, i) => held.set(p, data[i]));
  };
  const heldBytes = () => [...held.values()].reduce((n, d) => n + d.length, 0);
  const hasPieceKind = (g) => g.send.some((p) => PIECE_KINDS.has(byPath.get(p).kind));
  const wholeSize = new Map([...light.map((f) => [f.path, f.data.length]), ...heavy.map((f) => [f.path, f.bytes])]);
  const join = { size: (p) => wholeSize.get(p), stored: new Set(light.map((f) => f.path)), maxBytes: UPLOAD_LIMITS.maxBytes };
  const groups = s.conversion.groups;
  say(converted());
  while (s.next < groups.length) {
    let g = groups[s.next];
    await readInto(g.send);
    let { files, pieces } = await asPieces(g.steps, g.send.map((p) => ({ path: p, data: held.get(p) })));
    // The groups after it join it while the joined group, its days as pieces, is still one
    // request the server takes. Not the halves of a group the server refused as too large.
    while (s.local && piecesHere && s.next + 1 < groups.length && !g.halved && !groups[s.next + 1].halved && (hasPieceKind(g) || hasPieceKind(groups[s.next + 1]))) {
      const h = groups[s.next + 1];
      await readInto(h.send);
      if (heldBytes() > HOLD_MAX_BYTES) break;
      const steps = [...g.steps, ...h.steps];
      const send = [...new Set([...g.send, ...h.send])];
      const joined = await asPieces(steps, send.map((p) => ({ path: p, data: held.get(p) })));
      if (!oneRequest(steps, joined.files, joined.pieces, join)) break;
      g = { steps, send };
      groups.splice(s.next, 2, g);
      ({ files, pieces } = joined);
    }
    // Each file's bytes counted once in the upload row, however many groups send it (a
    // heart-rate day goes, as a piece, with each group whose workouts read it): a real export
    // showed "3.1 GB of 766 MB" (helper finding).
    const fresh = g.send.filter((p) => !s.counted.has(p));
    const bytes = fresh.reduce((n, p) => n + byPath.get(p).bytes, 0);
    // A group the server planned is named by its number; one planned here carries its steps.
    // Made at each try: after a 404, again() starts another conversion.
    const url = () => {
      const id = encodeURIComponent(s.conversion.conversionId);
      return s.local ? `/api/convert/${id}/steps` : `/api/convert/${id}/groups/${s.next}`;
    };
    let answer;
    // This device converts the group's steps with the same core, and their part goes to
    // assembly with the others (the same zip either way).
    let here = false;  // the group was converted on this device: its files were not sent
    const runHere = (why) => {
      here = true;
      const own = [...new Set(g.steps.flatMap((st) => st.files))].map((p) => ({ path: p, data: held.get(p) ?? lightData.get(p) }));
      say(`Converting a step on this device: ${why}…`);
      return stepHere(stepOptions(options, s.local.stepZone), g.steps, own);
    };
    // A step alone in its group (as the cut and the joining leave it) that the server would
    // refuse: a file (or a day's piece) still over the file cap, or more than it takes in one
    // step (step-alone.js).
    const refused = s.local && stepHere && g.steps.length === 1 ? refusedAlone(g.steps[0], files, pieces, join) : null;
    if (refused === WHY_FILE) {
      answer = await runHere("it reads a file larger than the server takes");
      s.stepsHere = (s.stepsHere ?? 0) + 1;
    } else if (refused === WHY_STEP) {
      answer = await runHere("it is more than the server takes in one step");
      s.bigHere = (s.bigHere ?? 0) + 1;
    } else {
      // The platform's stop over CPU time (1102), on a group planned here with this device's
      // core to fall back on. On a group of several steps it is not tried again: the group is
      // cut at once (below), and only one step is retried.
      const overCpu = (err) => Boolean(s.local && stepHere && err instanceof ApiError && err.platformCode === 1102);
      const cutAtOnce = (err) => g.steps.length > 1 && overCpu(err);
      try {
        answer = await once(() => postFiles(url(), files, {
          binary: true,
          signal,
          options: s.local ? (pieces ? { steps: g.steps, pieces } : { steps: g.steps }) : null,
          onProgress: (sent, size) => rows.upload.bytes(s.sentBytes + (size ? Math.round((sent / size) * bytes) : 0), totalBytes()),
        }), `the request for step${g.steps.length === 1 ? ` ${stepsDone() + 1}` : `s ${stepsDone() + 1}–${stepsDone() + g.steps.length}`} of ${stepsAll()}`, cutAtOnce);
      } catch (err) {
        // A deployment whose request cap is below the page's default answers 413 (its detail
        // names its cap): a group planned here is cut in two and sent again, as an upload is.
        // (The server's own plan is cut with its own cap.) A group the platform stopped over
        // its CPU time (1102, at its first stop: cutAtOnce) is cut the same way, and one step
        // it still stops after its retries is converted here: the same files would stop it
        // again.
        const split = s.local && err instanceof ApiError && (err.status === 413 || overCpu(err)) ? halvesOfGroup(g) : null;
        if (split) {
          groups.splice(s.next, 1, ...split);
          continue;
        }
        // One step a deployment whose caps are below the page's refuses as too large (its
        // 413 names its cap; step-alone.js checks the page's own): converted here, as a step
        // over the page's caps is, not the end of the conversion (review finding).
        const tooLarge = s.local && stepHere && err instanceof ApiError && err.status === 413 && g.steps.length === 1;
        if (tooLarge) {
          answer = await runHere("it is more than this server takes in one request");
          s.bigHere = (s.bigHere ?? 0) + 1;
        } else {
          if (!overCpu(err)) throw err;
          answer = await runHere("the server went over its CPU time on it");
          s.cpuHere = (s.cpuHere ?? 0) + 1;
        }
      }
    }
    for (const r of splitStepBundle(answer)) {
      s.runs.add(r.part);
      for (const f of r.files) s.sink.add(f.path, f.data);
    }
    s.next += 1;
    if (!here) for (const p of fresh) s.counted.add(p);
    for (const p of fresh) {
      if (here) s.unsent.set(p, byPath.get(p).bytes);
      else s.unsent.delete(p);
    }
    const ahead = new Set(groups[s.next]?.send ?? []);
    for (const p of held.keys()) if (!ahead.has(p)) held.delete(p);
    if (!here) s.sentBytes += bytes;
    rows.upload.bytes(s.sentBytes, totalBytes());
    say(converted());
    await gather(false);
  }
  // The files that went: the light ones and each sent with a group, once; not those read only
  // by steps converted here ("Sent 702 files" after saying 2 are never sent: helper finding).
  const sentFiles = light.length + s.counted.size;
  rows.upload.done(`Sent ${sentFiles} file${sentFiles === 1 ? "" : "s"}.`);

  // 4. Assembly.
  rows.package.busy("Assembling the manifest and tables…");
  await gather(true);
  // One TSB1 bundle of every part, as the groups' answers carried them (runs of them gathered).
  // A plan made here sends its own part first (the server keeps none).
  const planPart = s.local ? [{ name: "plan-part.json", data: new TextEncoder().encode(JSON.stringify(s.local.part)) }] : [];
  const parts = encodeBundle(null, [...planPart, ...s.runs.parts.map((data) => ({ name: "part.json", data }))]);
  const assembled = await once(() => postBytes(`/api/convert/${encodeURIComponent(s.conversion.conversionId)}/assemble`, parts, BUNDLE_TYPE, { signal }), "the request for assembly");
  for (const f of decodeBundle(assembled).files) s.sink.add(f.name, f.data);
  // A wait before assembly left "Sending the request for assembly again…" here; say where the session ended.
  const steps = (n) => `${n} step${n === 1 ? "" : "s"}`;
  const why = [
    ...(s.stepsHere ? [`${steps(s.stepsHere)} on this device: ${WHY_FILE}`] : []),
    ...(s.bigHere ? [`${steps(s.bigHere)} on this device: ${WHY_STEP}`] : []),
    ...(s.cpuHere ? [`${steps(s.cpuHere)} on this device: over the server's CPU time`] : []),
  ];
  const here = why.length ? ` (${why.join("; ")})` : "";
  say(converted(here));
  const zip = s.sink.end();
  s.done = true;
  rows.package.done(`${s.sink.outputs.length} files in one zip (${formatBytes(zip.size)}).`);
  return { zip, outputs: s.sink.outputs, groups: groups.length, resumed, plannedHere: s.local !== null, stepsHere: s.stepsHere ?? 0, bigHere: s.bigHere ?? 0, cpuHere: s.cpuHere ?? 0 };
}
