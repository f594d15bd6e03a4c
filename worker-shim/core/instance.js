// The isolate's one instance of the core, shared by the Worker's routes and the Durable
// Objects that run in the same isolate. Made and warmed up when the module loads: that runs
// in the isolate's startup budget, so no request pays for instantiating the core, compiling
// its functions on their first call, or Intl's first use (warm-up.js).
import wasmModule from "../generated/core.wasm";
import { createCore } from "../shared/core.js";
import { warmUp } from "./warm-up.js";

const core = createCore(wasmModule);
warmUp(core);

export function getCore() {
  return core;
}
