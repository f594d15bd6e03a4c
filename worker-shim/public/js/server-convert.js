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

// One part: upload → validate → convert → the conversion's zip. A 413 (the deployment's cap
// is lower than the default) splits the part in two and tries each half.
async function convertPart(files, options, { signal, onUploaded, onBytes, onWait }) {
  const calm = (call) => patiently(call, { signal, onWait });
  let up;
  try {
    up = await calm(() => upload(files, { signal, onProgress: (sent, total) => onBytes(sent, total) }));
  } catch (err) {
    const ownFiles = files.filter((f) => f.kind !== "profile");
    if (err instanceof ApiError && err.status === 413 && ownFiles.length > 1) {
      const half = Math.ceil(ownFiles.length / 2);
      const every = files.filter((f) => f.kind === "profile");
      return [
        ...(await convertPart([...every, ...ownFiles.slice(0, half)], options, { signal, onUploaded, onBytes, onWait })),
        ...(await convertPart([...every, ...ownFiles.slice(half)], options, { signal, onUploaded, onBytes, onWait })),
      ];
    }
    throw err;
  }
  onUploaded();
  await calm(() => postJson("/api/validate", { uploadId: up.uploadId }, { signal }));
  // The server derives the zone's transitions itself (tz.js, as here) from the zone's name.
  const request = { uploadId: up.uploadId, weightUnit: options.weightUnit ?? "auto" };
  if (options.timeZone) request.timeZone = options.timeZone.name;
  if (options.kinds) request.kinds = options.kinds;
  if (options.includeAutoDetected != null) request.includeAutoDetected = options.includeAutoDetected;
  const conv = await calm(() => postJson("/api/convert", request, { signal }));
  const zip = await calm(() => getBytes(`/api/download/${encodeURIComponent(conv.conversionId)}`, { signal }));
  return [{ zip, conversion: conv }];
}

// files: [{path, kind, data}]; options: the ts_convert options (as on this device);
// detectedUnit: the unit the report decided on the whole export. rows: the page's
// ProgressRows {upload, convert, package}. onPlan({uploadCapBytes, parts}) lets the page
// explain a 413. → {zip, outputs: [{path, bytes}], parts}
export const UPLOAD_LIMITS = Object.freeze({ maxBytes: DEFAULT_MAX_BYTES, maxFiles: DEFAULT_MAX_FILES });

// The parts an upload of `files` takes (Profile.csv in each). Throws TooLargeFileError.
export function planParts(files) {
  const every = files.filter((f) => f.kind === "profile");
  return planUploads(files.filter((f) => f.kind !== "profile"), UPLOAD_LIMITS, every);
}

export async function convertOnServer(files, options, { signal, rows, onPlan, detectedUnit }) {
  const limits = UPLOAD_LIMITS;
  const planned = planParts(files);
  onPlan?.({ uploadCapBytes: limits.maxBytes, parts: planned.length });
  // A part holds only some of the unit's evidence: decide the unit once, on everything.
  if (planned.length > 1 && options.weightUnit === "auto" && detectedUnit) options = { ...options, weightUnit: detectedUnit };
  const totalBytes = planned.reduce((s, p) => s + p.reduce((t, f) => t + f.data.length, 0), 0);
  let sentBefore = 0;
  let converted = 0;
  const results = [];
  rows.upload.bytes(0, totalBytes);
  rows.convert.steps(0, planned.length, `0 of ${planned.length} part${planned.length === 1 ? "" : "s"} converted`);
  for (const part of planned) {
    const partBytes = part.reduce((t, f) => t + f.data.length, 0);
    const got = await convertPart(part, options, {
      signal,
      // The request body is a little larger than the files (multipart framing): scale.
      onBytes: (sent, total) => rows.upload.bytes(sentBefore + (total ? Math.round((sent / total) * partBytes) : 0), totalBytes),
      onUploaded: () => {},
      onWait: (s) => rows.convert.steps(converted, planned.length, `Waiting ${formatWait(s)} for the server's rate limit…`),
    });
    sentBefore += partBytes;
    rows.upload.bytes(sentBefore, totalBytes);
    converted += 1;
    rows.convert.steps(converted, planned.length, `${converted} of ${planned.length} part${planned.length === 1 ? "" : "s"} converted on the server`);
    results.push(...got);
  }
  rows.upload.done(`Uploaded ${planned.length} part${planned.length === 1 ? "" : "s"}.`);
  rows.package.busy("Packaging…");
  let zip;
  let outputs = [];
  if (results.length === 1) {
    zip = results[0].zip; // exactly what the server packaged
    outputs = (await unzip(zip)).map((f) => ({ path: f.path, bytes: f.data.length }));
  } else {
    const all = [];
    for (const [i, r] of results.entries()) for (const f of await unzip(r.zip)) all.push({ path: `part-${i + 1}/${f.path}`, data: f.data });
    zip = zipOutputs(all);
    outputs = all.map((f) => ({ path: f.path, bytes: f.data.length }));
  }
  rows.package.done(`${outputs.length} files in one zip.`);
  return { zip, outputs, parts: results.length };
}
