// A core.wasm to measure, called as the JS of its time called it. A core that exports
// ts_alloc_input (after 819464a) runs through this tree's worker-shim/shared/core.js. An earlier
// one, which this core.js cannot call (it allocates inputs with ts_alloc_input), runs through
// LegacyCore below: #call as it was until then — the input calloc'ed with its padding by
// ts_alloc, the bundle written straight into it, the result copied out — so an earlier
// core's numbers are the ones earlier notes measured, and "the core then" pays what it paid.
import { readFileSync } from "node:fs";
import { createCore } from "../../worker-shim/shared/core.js";
import { bundleLayout, writeBundle } from "../../worker-shim/shared/bundle.js";

const PADDING = 64;

class LegacyCore {
  #ex;
  constructor(module) {
    let memory = null;
    const instance = new WebAssembly.Instance(module, {
      env: { emscripten_notify_memory_growth() {} },
      wasi_snapshot_preview1: {
        proc_exit(code) {
          throw new WebAssembly.RuntimeError(`core aborted (exit ${code})`);
        },
        environ_sizes_get(countPtr, sizePtr) {
          const view = new DataView(memory.buffer);
          view.setUint32(countPtr, 0, true);
          view.setUint32(sizePtr, 0, true);
          return 0;
        },
        environ_get: () => 0,
      },
    });
    memory = instance.exports.memory;
    instance.exports._initialize();
    this.#ex = instance.exports;
  }
  callBytes(name, input) {
    return this.#call(name, input.length, (dst) => dst.set(input));
  }
  callBundle(name, options, files) {
    const layout = bundleLayout(options, files);
    return this.#call(name, layout.size, (dst) => writeBundle(dst, layout));
  }
  #call(name, size, fill) {
    const ex = this.#ex;
    const inPtr = ex.ts_alloc(size + PADDING);
    const outPtr = ex.ts_alloc(8);
    try {
      fill(new Uint8Array(ex.memory.buffer, inPtr, size));
      const status = ex[name](inPtr, size, outPtr);
      const view = new DataView(ex.memory.buffer);
      const dataPtr = view.getUint32(outPtr, true), len = view.getUint32(outPtr + 4, true);
      const bytes = dataPtr === 0 ? new Uint8Array(0) : new Uint8Array(ex.memory.buffer, dataPtr, len).slice();
      if (dataPtr !== 0) ex.ts_free(dataPtr);
      if (status !== 0) throw new Error(`${name}: status ${status}: ${new TextDecoder().decode(bytes)}`);
      return bytes;
    } finally {
      ex.ts_free(inPtr);
      ex.ts_free(outPtr);
    }
  }
}

export function coreOfTree(wasmPath) {
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const current = WebAssembly.Module.exports(module).some((e) => e.name === "ts_alloc_input");
  return current ? createCore(module) : new LegacyCore(module);
}
