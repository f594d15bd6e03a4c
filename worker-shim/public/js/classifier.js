// The core's file classifier on the page's own thread (wasm/core/fitbit/file_kinds.h through
// worker-shim/shared/export-files.js): the one the Worker's upload route and the CLI run. It
// answers synchronously once loaded, which a .tgz needs — each member must be kept or skipped
// as it streams past — so the page compiles core.wasm here too (the conversions still run in
// the core worker, js/core-worker.js, off this thread).
import { createCore } from "../lib/core/core.js";
import { classifyPaths, fileKinds } from "../lib/core/export-files.js";

let loading = null;

// → {table, classify(paths) → {kinds, skipped}}
export function loadClassifier() {
  // compileStreaming needs the CSP's 'wasm-unsafe-eval' and an application/wasm response.
  loading ??= WebAssembly.compileStreaming(fetch(new URL("../lib/core/core.wasm", import.meta.url)))
    .then(createCore)
    .then((core) => ({ table: fileKinds(core), classify: (paths) => classifyPaths(core, paths) }));
  return loading;
}
