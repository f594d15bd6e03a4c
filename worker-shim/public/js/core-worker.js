// A module Web Worker running the same core.wasm and shim modules as the Worker
// (copied to /lib/core/ by scripts/web-libs.mjs): "convert on this device". Nothing it
// receives leaves it except back to the page. Protocol (js/local-core.js is the other end):
//   {id, op: "validate", files}                  → the ts_validate report (JSON)
//   {id, op: "preview", files, options}          → {weight: ts_weight_preview result | null,
//                                                   workouts: [ts_inspect_file workouts…]}
//   {id, op: "convert", files, options}          → {zip: Uint8Array, outputs: [{path, bytes}]}
//   progress messages {id, progress: {stage, done, total}} on the way
// files: [{path, data: Uint8Array}] (data empty for a file named but not read: the report
// still counts it); options: the ts_convert options object.
import { createCore } from "../lib/core/core.js";
import { decodeBundle, encodeBundle } from "../lib/core/bundle.js";
import { zipOutputs } from "../lib/core/packaging.js";

let corePromise = null;
function core() {
  // compileStreaming needs the CSP's 'wasm-unsafe-eval' and an application/wasm response.
  corePromise ??= WebAssembly.compileStreaming(fetch(new URL("../lib/core/core.wasm", import.meta.url))).then(createCore);
  return corePromise;
}

const toBundleFiles = (files) => files.map((f) => ({ name: f.path, data: f.data }));
const decoder = new TextDecoder();

// The files ts_weight_preview reads: weights and the evidence for their unit and zone.
const WEIGHT_INPUTS = new Set(["weight", "weight_csv", "height", "height_csv", "profile"]);

const OPS = {
  async validate({ files }) {
    const c = await core();
    return JSON.parse(decoder.decode(c.callBytes("ts_validate", encodeBundle(null, toBundleFiles(files)))));
  },

  async preview({ files, options }) {
    const c = await core();
    const weightFiles = files.filter((f) => WEIGHT_INPUTS.has(f.kind));
    const weight = weightFiles.some((f) => f.kind === "weight")
      ? c.callJson("ts_weight_preview", { options, files: weightFiles.map((f) => ({ name: f.path, text: decoder.decode(f.data) })) })
      : null;
    const workouts = [];
    for (const f of files.filter((x) => x.kind === "exercise")) {
      const req = { path: f.path, text: decoder.decode(f.data) };
      if (options.timeZone) req.timeZone = options.timeZone;
      workouts.push(...(c.callJson("ts_inspect_file", req).workouts ?? []));
    }
    workouts.sort((a, b) => a.startUtcMs - b.startUtcMs || a.logId - b.logId);
    return { weight, workouts };
  },

  async convert({ files, options }, progress) {
    const c = await core();
    progress({ stage: "convert", done: 0, total: 1 });
    const out = decodeBundle(c.callBytes("ts_convert", encodeBundle(options, toBundleFiles(files))));
    progress({ stage: "convert", done: 1, total: 1 });
    progress({ stage: "package", done: 0, total: 1 });
    const outputs = out.files.map((f) => ({ path: f.name, data: f.data }));
    const zip = zipOutputs(outputs);
    progress({ stage: "package", done: 1, total: 1 });
    return { zip, outputs: outputs.map((f) => ({ path: f.path, bytes: f.data.length })) };
  },
};

self.onmessage = async (e) => {
  const { id, op, ...payload } = e.data;
  const progress = (p) => self.postMessage({ id, progress: p });
  try {
    const result = await OPS[op](payload, progress);
    self.postMessage({ id, result }, result?.zip ? [result.zip.buffer] : []);
  } catch (err) {
    self.postMessage({ id, error: { name: err?.name ?? "Error", code: err?.code, message: err?.message ?? String(err) } });
  }
};
