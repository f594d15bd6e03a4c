// The isolate's one instance of the core, shared by the Worker's routes and the Durable
// Objects that run in the same isolate. Instantiated on first use (not at import, to keep cold
// starts cheap for requests that never need it).
import wasmModule from "../generated/core.wasm";
import { createCore } from "../shared/core.js";

let core = null;
export function getCore() {
  core ??= createCore(wasmModule);
  return core;
}
