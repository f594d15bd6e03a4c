// "Convert on the TrackerSync server": the same files and options as on this device, sent
// through the API — each part (under the server's per-upload cap) goes upload → validate →
// convert → download — and returned as one zip. One part gives exactly the server's zip;
// several parts give one zip with a folder per part (each part is its own conversion, with
// its own manifest.json and IMPORT.txt).
import { getBytes, postJson, upload } from "./api-client.js";
import { ApiError } from "./plain-errors.js";
import { planUploads } from "./upload-plan.js";
import { formatWait } from "./format.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES } from "../lib/core/upload-limits.js";
import { zipOutputs } from "../lib/core/packaging.js";
import { BlobReader, Uint8ArrayWriter, ZipReader } from "../lib/zip/zip.js";

// A 429 asking for a short wait (the limiter's burst tiers, met by an export in several
// parts) is waited out, the wait shown; a longer one is the person's to decide (plain-errors).
export const MAX_AUTO_WAIT_SECONDS = 90;
const MAX_WAITS = 6;

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(new DOMException("The operation was cancelled.", "AbortError"));
    }, { once: true });
  });
}

async function patiently(call, { signal, onWait }) {
  for (let waits = 0; ; waits++) {
    try {
      return await call();
    } catch (err) {
      const wait = err instanceof ApiError && err.status === 429 ? err.retryAfterSeconds : null;
      if (wait === null || wait > MAX_AUTO_WAIT_SECONDS || waits >= MAX_WAITS) throw err;
      onWait?.(wait);
      await sleep(Math.max(1, wait) * 1000, signal);
    }
  }
}

async function unzip(bytes) {
  const reader = new ZipReader(new BlobReader(new Blob([bytes])));
  const out = [];
  for (const e of await reader.getEntries()) if (!e.directory) out.push({ path: e.filename, data: await e.getData(new Uint8ArrayWriter()) });
  await reader.close();
  return out;
}

// One part: upload → validate → convert → the conversion's zip.
async function convertPart(files, options, { signal, onBytes, onWait }) {
  const calm = (call) => patiently(call, { signal, onWait });
  const up = await calm(() => upload(files, { signal, onProgress: (sent, total) => onBytes(sent, total) }));
  await calm(() => postJson("/api/validate", { uploadId: up.uploadId }, { signal }));
  // The server derives the zone's transitions itself (tz.js, as here) from the zone's name.
  const request = { uploadId: up.uploadId, weightUnit: options.weightUnit ?? "auto" };
  // A zone the person chose is used for every local time (timeZone); one the page filled in
  // only where the export shows no offsets of its own and names no zone (fallbackTimeZone).
  if (options.timeZone) request[options.timeZone.explicit ? "timeZone" : "fallbackTimeZone"] = options.timeZone.name;
  if (options.kinds) request.kinds = options.kinds;
  if (options.includeAutoDetected != null) request.includeAutoDetected = options.includeAutoDetected;
  if (options.includeImplausible != null) request.includeImplausible = options.includeImplausible;
  const conv = await calm(() => postJson("/api/convert", request, { signal }));
  return calm(() => getBytes(`/api/download/${encodeURIComponent(conv.conversionId)}`, { signal }));
}

export const UPLOAD_LIMITS = Object.freeze({ maxBytes: DEFAULT_MAX_BYTES, maxFiles: DEFAULT_MAX_FILES });

// The parts an upload of `files` takes (Profile.csv in each). Throws TooLargeFileError.
export function planParts(files) {
  const every = files.filter((f) => f.kind === "profile");
  return planUploads(files.filter((f) => f.kind !== "profile"), UPLOAD_LIMITS, every);
}

const bytesOf = (part) => part.reduce((t, f) => t + f.data.length, 0);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

// A part the server refused as too large (413: the deployment's cap is below the default
// one the plan used) → its two halves, Profile.csv in each; null when it cannot be split.
function halves(part) {
  const every = part.filter((f) => f.kind === "profile");
  const own = part.filter((f) => f.kind !== "profile");
  if (own.length < 2) return null;
  const mid = Math.ceil(own.length / 2);
  return [[...every, ...own.slice(0, mid)], [...every, ...own.slice(mid)]];
}

// files: [{path, kind, data}]; options: the ts_convert options (as on this device);
// detectedUnit: the unit the report decided on the whole export. rows: the page's
// ProgressRows {upload, convert, package}. onPlan({parts}) lets the page
// explain a 413. → {zip, outputs: [{path, bytes}], parts}
export async function convertOnServer(files, options, { signal, rows, onPlan, detectedUnit }) {
  const queue = planParts(files);
  onPlan?.({ parts: queue.length });
  // A part holds only some of the unit's evidence: once there are several, the unit is
  // decided once, on everything (the report's decision).
  const settle = (opts, parts) => (parts > 1 && opts.weightUnit === "auto" && detectedUnit ? { ...opts, weightUnit: detectedUnit } : opts);
  const totalBytes = queue.reduce((s, p) => s + bytesOf(p), 0);
  let total = queue.length;
  let sentBefore = 0;
  const zips = [];
  const progress = (text) => rows.convert.steps(zips.length, total, text ?? `${zips.length} of ${plural(total, "part")} converted on the server`);
  rows.upload.bytes(0, totalBytes);
  progress(`0 of ${plural(total, "part")} converted`);
  while (queue.length) {
    const part = queue.shift();
    const partBytes = bytesOf(part);
    let zip;
    try {
      zip = await convertPart(part, settle(options, total), {
        signal,
        // The request body is a little larger than the files (multipart framing): scale.
        onBytes: (sent, size) => rows.upload.bytes(sentBefore + (size ? Math.round((sent / size) * partBytes) : 0), totalBytes),
        onWait: (s) => progress(`Waiting ${formatWait(s)} for the server's rate limit…`),
      });
    } catch (err) {
      const split = err instanceof ApiError && err.status === 413 ? halves(part) : null;
      if (!split) throw err;
      queue.unshift(...split);
      total += 1;
      onPlan?.({ parts: total });
      progress(`The server takes less per upload than planned: ${plural(total, "part")} now`);
      continue;
    }
    sentBefore += partBytes;
    rows.upload.bytes(sentBefore, totalBytes);
    zips.push(zip);
    progress();
  }
  rows.upload.done(`Uploaded ${plural(zips.length, "part")}.`);
  rows.package.busy("Packaging…");
  let zip;
  let outputs = [];
  if (zips.length === 1) {
    zip = zips[0]; // exactly what the server packaged
    outputs = (await unzip(zip)).map((f) => ({ path: f.path, bytes: f.data.length }));
  } else {
    const all = [];
    for (const [i, z] of zips.entries()) for (const f of await unzip(z)) all.push({ path: `part-${i + 1}/${f.path}`, data: f.data });
    zip = zipOutputs(all);
    outputs = all.map((f) => ({ path: f.path, bytes: f.data.length }));
  }
  rows.package.done(`${outputs.length} files in one zip.`);
  return { zip, outputs, parts: zips.length };
}
