// A module Web Worker running the same core.wasm and shim modules as the Worker
// (copied to /lib/core/ by scripts/web-libs.mjs): "convert on this device". Nothing it
// receives leaves it except back to the page. Protocol (js/local-core.js is the other end):
//   {id, op: "plan", files, sizes, options}      → the core's plan (its report is the page's)
//   {id, op: "preview", files, options}          → {weight: ts_weight_preview result | null,
//                                                   workouts: [ts_inspect_file workouts…],
//                                                   zoneEvidence: the export's own UTC offsets
//                                                   (weigh-ins', listed workouts') | null}
//   {id, op: "pieces", steps, files}            → what a group of steps reads of its heart-rate
//                                                   days: {path: [offset, length, size]}
//                                                   (wasm/core/convert/step_pieces.h)
//   {id, op: "step", options, steps, files}      → the steps' ts_step bundle (Uint8Array), as the
//                                                   server answers a group (a step too large
//                                                   for the server: server-convert.js)
//   {id, op: "convert", light, heavy, options}   → {zip: Blob, outputs: [{path, bytes}], steps,
//                                                   largestStepBytes, heapBytes}
//   progress messages {id, progress: {stage, done, total}} on the way (a step at a time)
// files / light: [{path, kind, data: Uint8Array}] (the light files, read by the page);
// heavy: [{path, kind, bytes, source}] (read-export.js sources: read here, one step's files at
// a time, so memory follows the largest step and never the export); options: the conversion
// options object.
import { createCore } from "../lib/core/core.js";
import { runSteps } from "../lib/core/convert-steps.js";
import { ZipStream } from "../lib/core/packaging.js";
import { readSource } from "./read-export.js";
import { RecentFiles } from "./recent-files.js";

// The heart-rate days the last workouts read, kept for the next ones (recent-files.js): a
// workout reads two or three days of up to 4 MB, so 32 MiB holds the days of the last few.
const RECENT_BYTES = 32 * 1024 * 1024;

let corePromise = null;
function core() {
  // compileStreaming needs the CSP's 'wasm-unsafe-eval' and an application/wasm response.
  corePromise ??= WebAssembly.compileStreaming(fetch(new URL("../lib/core/core.wasm", import.meta.url))).then(createCore);
  return corePromise;
}

const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);
// Files in the core's name order (byte order; the paths are ASCII in practice).
const byPath = (list) => [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

// The files ts_weight_preview reads: weights and the evidence for their unit and zone (Google's
// list of workouts says the UTC offset each was recorded at).
const WEIGHT_INPUTS = new Set(["weight", "weight_csv", "height", "height_csv", "body_fat_csv", "profile", "google_exercises"]);

// The download, built as the steps produce it: chunks are folded into a Blob every few MB, so
// the browser may keep a large zip on disk rather than in this worker's memory.
class BlobSink {
  #blob = new Blob([]);
  #pending = [];
  #pendingBytes = 0;
  push(chunk) {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes >= 8 * 1024 * 1024) this.#fold();
  }
  #fold() {
    this.#blob = new Blob([this.#blob, ...this.#pending], { type: "application/zip" });
    this.#pending = [];
    this.#pendingBytes = 0;
  }
  blob() {
    this.#fold();
    return this.#blob;
  }
}

const OPS = {
  async plan({ files, sizes, options }) {
    const c = await core();
    return c.plan(options, files.map((f) => ({ name: f.path, data: f.data ?? EMPTY })), sizes);
  },

  async pieces({ steps, files }) {
    const c = await core();
    return c.stepPieces(steps, files.map((f) => ({ name: f.path, data: f.data })));
  },

  async step({ options, steps, files }) {
    const c = await core();
    return c.stepBundle(options, steps, files.map((f) => ({ name: f.path, data: f.data })));
  },

  async preview({ files, options }) {
    const c = await core();
    const weightFiles = files.filter((f) => WEIGHT_INPUTS.has(f.kind));
    // Run for the weigh-ins, or for the offsets Google's list of workouts shows alone (an
    // export without weight files still has a zone in effect learned from them).
    // Weigh-ins are in weight-*.json or weight.csv, either alone (a 2026 export may have only
    // Google's weight CSV: helper finding, its chart and unit line were not shown, though the
    // conversion wrote its weigh-ins).
    const hasWeight = weightFiles.some((f) => f.kind === "weight" || f.kind === "weight_csv");
    const preview = hasWeight || weightFiles.some((f) => f.kind === "google_exercises")
      ? c.callJson("ts_weight_preview", { options, files: weightFiles.map((f) => ({ name: f.path, text: decoder.decode(f.data) })) })
      : null;
    const weight = hasWeight ? preview : null;
    // A workout logged by hand is placed at its local time in the zone the conversion reads
    // local times in: the export's own offsets' when they make one (review finding: placed in
    // the zone field's and dated in the zone in effect, it was listed a day off its file).
    const zone = preview?.zoneInEffect && options.timeZone ? { ...options.timeZone, transitions: preview.zoneInEffect } : options.timeZone;
    const inspect = (f, more = {}) => {
      const req = { path: f.path, text: decoder.decode(f.data), ...more };
      if (zone) req.timeZone = zone;
      return c.callJson("ts_inspect_file", req).workouts ?? [];
    };
    const workouts = [];
    // Each logId once, as the plan reads them: the copy last changed (lastModifiedUtcMs; the
    // core's later_copy), else the first file by name. The core's list places a workout logged
    // by hand at its local time in the zone given, as a conversion does.
    const at = new Map(); // logId -> its place in `workouts`
    for (const f of byPath(files.filter((x) => x.kind === "exercise"))) {
      for (const w of inspect(f)) {
        if (!at.has(w.logId)) {
          at.set(w.logId, workouts.length);
          workouts.push(w);
        } else if (w.lastModifiedUtcMs !== undefined && w.lastModifiedUtcMs > (workouts[at.get(w.logId)].lastModifiedUtcMs ?? -Infinity)) {
          workouts[at.get(w.logId)] = w;
        }
      }
    }
    const seen = new Set(at.keys());
    // Google's list adds the rows no exercise record overlaps (the core's rule: "besides"),
    // each start once across its files ("taken"), as a conversion converts them.
    const besides = workouts.map((w) => [w.startUtcMs, w.durationMs, w.autoDetected ? 1 : 0]);
    for (const f of byPath(files.filter((x) => x.kind === "google_exercises"))) {
      for (const w of inspect(f, { besides, taken: [...seen] })) if (!seen.has(w.logId) && seen.add(w.logId)) workouts.push(w);
    }
    workouts.sort((a, b) => a.startUtcMs - b.startUtcMs || a.logId - b.logId);
    return { weight, workouts, zoneEvidence: preview?.zoneEvidence ?? null, zoneInEffect: preview?.zoneInEffect ?? null };
  },

  async convert({ light, heavy, named = [], options }, progress) {
    const c = await core();
    // The page gives one copy of each path (largestOfEachPath: the copy the core's file table
    // reads); should a path come twice, its first copy is read, as the plan reads it (a Map
    // built in order would keep the last; the others come without their sizes, so the plan
    // takes the first too). Its other copies come by name, in `named`.
    const lightData = firstByPath(light.map((f) => [f.path, f.data]));
    const sources = firstByPath(heavy.map((f) => [f.path, f.source]));
    // Files no step reads go in by name, last, so the manifest names them as the CLI's does
    // (of no kind, or a path's other copy: wasm/core/convert/file_table.h).
    const files = [...light.map((f) => ({ name: f.path, data: f.data })), ...heavy.map((f) => ({ name: f.path, data: EMPTY })), ...named.map((f) => ({ name: f.path, data: EMPTY }))];
    const plan = c.plan(options, files, Object.fromEntries(heavy.map((f) => [f.path, f.bytes])));
    progress({ stage: "convert", done: 0, total: plan.steps.length });
    const sink = new BlobSink();
    const zip = new ZipStream((chunk) => sink.push(chunk));
    const outputs = [];
    const zips = new Map(); // zip File → its members, listed once
    const recent = new RecentFiles(RECENT_BYTES);
    await runSteps({
      core: c,
      options,
      plan,
      readFiles: async (names) => {
        const out = [];
        for (const name of names)
          out.push({ name, data: lightData.get(name) ?? (await recent.get(name, () => readSource(sources.get(name), zips))) });
        return out;
      },
      onOutput: (path, data) => {
        zip.add(path, data);
        outputs.push({ path, bytes: data.length });
      },
      onStep: ({ done, total }) => progress({ stage: "convert", done, total }),
    });
    zip.end();
    progress({ stage: "package", done: 1, total: 1 });
    return {
      zip: sink.blob(),
      outputs,
      steps: plan.steps.length,
      largestStepBytes: Math.max(0, ...plan.steps.map((s) => s.bytes)),
      heapBytes: c.heapBytes,
    };
  },
};

function firstByPath(pairs) {
  const map = new Map();
  for (const [path, value] of pairs) if (!map.has(path)) map.set(path, value);
  return map;
}

self.onmessage = async (e) => {
  const { id, op, ...payload } = e.data;
  const progress = (p) => self.postMessage({ id, progress: p });
  try {
    const result = await OPS[op](payload, progress);
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: { name: err?.name ?? "Error", code: err?.code, message: err?.message ?? String(err) } });
  }
};
