// The upload caps. An upload holds the export's files; the conversion reads them a bounded
// step at a time (wasm/core/convert/steps.h), so what one request costs no longer grows with
// the upload: a request stores at most one request's worth of files, and a step reads at most
// its own. The caps are about what one request carries and what one upload may keep:
//
//   FILE_MAX_BYTES    one file (2 MiB: a month of per-minute data, the largest file a Fitbit
//                     export has, is about 2 MB). A larger file is refused, named.
//   DEFAULT_MAX_BYTES the files of one upload request (the body is a little larger: framing).
//                     Storing them costs their base64 encoding and one D1 write per MiB.
//   DEFAULT_MAX_FILES files in one upload request (multipart parts or bundle files; names in
//                     metadata).
//   STEP_MAX_FILES    how many files at the file cap one step's request may carry, past the
//                     request cap (uploadLimits' stepMaxBytes): a step reads its files together,
//                     so they cannot go in two requests. A workout's step reads its track and
//                     the heart-rate days its window touches (two when it crosses midnight):
//                     with all-day heart rate (~1.1 MB a day at a reading every 5 s) a one-hour
//                     run's 1 s track (~1.1 MB) and its day are over 2 MiB together. A request
//                     of one step may carry up to this many files' worth; several steps, the
//                     request cap.
//   UPLOAD_TOTAL_BYTES / UPLOAD_TOTAL_FILES  everything one upload keeps over its requests
//                     (POST /api/upload?uploadId=… adds to it): what the conversion's plan
//                     reads, bounded so that one client cannot fill the database.
//   PLAN_READ_MAX_BYTES  what validate and the server's own plan read of an upload (its light
//                     files; an exercise file's digest in its place), checked on the metadata
//                     before any is read (no var). Their CPU and the core's memory follow it: 16
//                     files of 2 MiB of weigh-ins took validate 1.4-1.9 s of CPU to end in the
//                     core's out-of-memory 413 (attack finding). A ten-year history's light files
//                     are about 2-3 MB; past the cap, the history is planned on the device (the
//                     page always is: POST /api/convert with `plan`).
//   UPLOAD_MAX_REQUESTS  the requests that build one upload (no var). Each stores a stream, and
//                     reading the upload back is one D1 statement per stream
//                     (storage/file-store.js readFiles); D1 counts every statement of a batch
//                     against its 50 per invocation, and validate of an upload built by 70
//                     requests read it with 71 (attack finding). 40 leaves room for the route's
//                     own queries; the page fills its requests (upload-plan.js maxRequests).
//
// Every cap can be lowered (or raised) with the var of the same name (wrangler.toml / --var):
// UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES, UPLOAD_TOTAL_BYTES, UPLOAD_TOTAL_FILES. A file may be
// at most the per-request cap too (it has to fit in one request).
//
// Gathering (wasm/core/convert/gathered.h) has fixed caps, no vars: they bound a request's CPU.
//   GATHER_MAX_BYTES  the body one POST /api/convert/{id}/gather takes (its CPU follows it:
//                     ~3 ms per 256 KiB warm; docs/benchmarks.md, bench-server-session).
//   GATHER_BYTES      the parts the page lets gather before it sends a run: half the cap
//                     (PartRuns cuts each run at the cap).
//   PARTS_MAX_COUNT   the parts one gather or assembly request carries. A client's plan may
//                     say 100,000 steps, and 100,000 empty parts cost assembly ~0.5 s of CPU
//                     and a worker restart when 100 came at once (attack finding); a part the
//                     core writes is 64 bytes or more, so the page's runs (GATHER_BYTES) hold
//                     fewer, and PartRuns cuts each run at this count too.
//   DIGEST_MAX_BYTES  the exercise files one upload request digests (wasm/core/convert/
//                     exercise_digest.h: read once there, so that the plan reads their digests,
//                     a tenth of the bytes, instead of parsing them again). Reading them costs
//                     the upload ~5 ms per MiB warm; files past the cap are stored without a
//                     digest, and the plan reads them whole. The page cuts its uploads so that
//                     each carries at most this much of exercise files (upload-plan.js).
export const BUDGET_MS = 10;
export const DIGEST_MAX_BYTES = 512 * 1024;
export const GATHER_MAX_BYTES = 512 * 1024;
export const GATHER_BYTES = GATHER_MAX_BYTES / 2;
export const PARTS_MAX_COUNT = 4096;
export const FILE_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_BYTES = FILE_MAX_BYTES;
export const DEFAULT_MAX_FILES = 500;
export const STEP_MAX_FILES = 4;
export const UPLOAD_TOTAL_BYTES = 32 * 1024 * 1024;
export const UPLOAD_TOTAL_FILES = 5000;
export const UPLOAD_MAX_REQUESTS = 40;
export const PLAN_READ_MAX_BYTES = 8 * 1024 * 1024;
// What one group's request may read of the upload: checked for a client-planned session
// (http/client-plan.js), and a bound of every cut (groupSteps maxStoredBytes on the page,
// groupRules for the server's own plan).
// The step estimate is of the core's CPU, and a workouts step's records let it count a file by
// a few bytes of it, but the Worker reads and decodes every stored file a step names, whole. A
// plan's groups read a few exercise and resting heart-rate files (well under 1 MiB; a light
// workouts step at most 4 MiB: plan.cpp kLightStepMaxFileBytes); this bounds what a changed plan
// can make one request read.
export const STORED_READ_MAX_BYTES = 8 * 1024 * 1024;

function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function uploadLimits(env = {}) {
  const maxBytes = positiveInt(env.UPLOAD_MAX_BYTES, DEFAULT_MAX_BYTES);
  return {
    maxBytes,
    maxFiles: positiveInt(env.UPLOAD_MAX_FILES, DEFAULT_MAX_FILES),
    maxFileBytes: Math.min(FILE_MAX_BYTES, maxBytes),
    stepMaxBytes: Math.max(maxBytes, STEP_MAX_FILES * Math.min(FILE_MAX_BYTES, maxBytes)),
    totalBytes: positiveInt(env.UPLOAD_TOTAL_BYTES, UPLOAD_TOTAL_BYTES),
    totalFiles: positiveInt(env.UPLOAD_TOTAL_FILES, UPLOAD_TOTAL_FILES),
  };
}

// An export path a request sent, quoted back in a detail at most 80 characters long, as the
// HTTP contract quotes what a request sent (http/problem.js cut): its end, since the file's
// own name is what the person needs to find it ("…/Activities/123.tcx").
export function cutPath(path, max = 80) {
  return path.length > max ? `…${path.slice(path.length - (max - 1))}` : path;
}

export function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

// The 413 detail when one file alone is over the per-file cap: no split can help, so it names
// the file and says what to do with it.
export function fileCapDetail(limits, name, bytes) {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const optional = base.toLowerCase() === "weight.csv"
    ? " weight.csv only confirms the weight unit (BMI and height in Profile.csv decide it too), so leave it out."
    : " Leave it out, or convert on this device from the web page, where no cap applies.";
  return `The file "${cutPath(name)}" is ${formatBytes(bytes)} (${bytes} bytes), more than the ${formatBytes(limits.maxFileBytes)} (${limits.maxFileBytes} bytes) the server takes in one file.${optional}`;
}

// The 413 detail for one step whose files are more than one step's request carries
// (stepMaxBytes): a step reads its files together, so they cannot be split. Any kind of step
// (a workout with its heart-rate days is the usual one), named by its first files.
export function stepFilesDetail(limits, names, bytes) {
  const shown = names.slice(0, 3).map((p) => `"${p.slice(p.lastIndexOf("/") + 1).slice(0, 80)}"`).join(", ");
  return `A step of this conversion reads ${names.length} files of ${bytes} bytes together (${shown}${names.length > 3 ? ", …" : ""}), more than one request carries (${limits.stepMaxBytes}). Convert this export on your device instead.`;
}

// The 413 detail for one request over its cap: what the cap is and how to get under it.
export function capDetail(limits, { bytes, files } = {}) {
  // In bytes when the rounded sizes would read the same ("2.0 MiB … at most 2.0 MiB").
  const exact = bytes != null && formatBytes(bytes) === formatBytes(limits.maxBytes);
  const size = (n) => (exact ? `${n} bytes` : formatBytes(n));
  const what = [];
  if (bytes != null) what.push(size(bytes));
  if (files != null) what.push(`${files} files`);
  return (
    `${what.length ? `This request carries ${what.join(" in ")}; ` : "This request is too large; "}` +
    `one request may carry at most ${size(limits.maxBytes)} in at most ${limits.maxFiles} files. ` +
    `Send the rest in more requests: POST /api/upload?uploadId=… adds files to the same upload (the web page does this for you).`
  );
}

// The 413 detail when validate or the server's own plan would read more than PLAN_READ_MAX_BYTES.
export function planReadDetail(bytes) {
  return (
    `This upload holds ${formatBytes(bytes)} of the files a plan reads (weight, profile, exercise and resting heart rate), ` +
    `more than the ${formatBytes(PLAN_READ_MAX_BYTES)} one request reads. Make the plan with the core on your own machine and send it ` +
    "(POST /api/convert with plan, as the web page does), or convert fewer years at a time; nothing was read."
  );
}

// The 413 detail when an upload already holds UPLOAD_MAX_REQUESTS requests' files.
export function requestsCapDetail() {
  return (
    `This upload already holds the files of ${UPLOAD_MAX_REQUESTS} requests, the most one upload is built from. ` +
    "Start a new upload and send the files in fewer, fuller requests (up to 2 MiB of files each); nothing of this request was stored."
  );
}

// The 413 detail when an upload would grow past what one upload may keep.
export function totalCapDetail(limits, { bytes, files }) {
  return (
    `With these files the upload would hold ${formatBytes(bytes)} in ${files} files; one upload keeps at most ` +
    `${formatBytes(limits.totalBytes)} in ${limits.totalFiles} files. Upload only the files the conversion plan reads ` +
    `(weight, profile, exercise and resting heart rate), and send each step's other files with that step ` +
    `(POST /api/convert/{id}/groups/{n}); nothing of this request was stored.`
  );
}
