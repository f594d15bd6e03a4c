// Loads the built core.wasm the way the Worker does (a compiled Module handed to core.js).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCore } from "../../worker-shim/shared/core.js";

export const WASM_PATH = fileURLToPath(new URL("../../worker-shim/generated/core.wasm", import.meta.url));
export const wasmModule = new WebAssembly.Module(readFileSync(WASM_PATH));
export const core = createCore(wasmModule);

export function loadCases(name) {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../cases/${name}`, import.meta.url)), "utf8"));
}
