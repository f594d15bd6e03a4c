// The ONLY code that touches the core's WebAssembly memory. Used by the Worker, by Node
// (tests, benchmarks) and by the browser; each passes in an already compiled
// WebAssembly.Module (Workers forbid compiling WASM from bytes at run time, so the Worker
// imports it statically).
//
// Memory-ownership rule (the C++ side states the same rule in wasm/boundary/abi.h):
//   JS allocates every input (plus INPUT_PADDING zeroed bytes, for simdjson) and the 8-byte
//   ts_out, and frees them in `finally`. The core allocates the output (result, or error
//   message when the status is non-zero); JS copies it out of the heap at once and frees it
//   with ts_free before anything else runs. Views on memory.buffer are re-made after every
//   call, because memory growth detaches them.

export const INPUT_PADDING = 64; // == ts::boundary::kInputPadding == SIMDJSON_PADDING

// The allow-list: the only core functions JS may call. tests/node/core-exports.test.js
// checks it against what core.wasm exports.
export const CORE_EXPORTS = Object.freeze([
  "ts_ttl_expiry", "ts_ttl_plan",
  "ts_validate", "ts_convert", "ts_weight_preview", "ts_tz_resolve",
]);

// Index = the core's ts::Status value (wasm/core/common/status.h).
const STATUS_NAMES = ["ok", "format", "integrity", "unsupported", "capacity", "invalid_argument"];

export class CoreError extends Error {
  constructor(status, message) {
    const code = STATUS_NAMES[status] ?? `status_${status}`;
    super(message);
    this.name = "CoreError";
    this.code = code; // "format" | "integrity" | "unsupported" | "capacity" | "invalid_argument"
    this.status = status;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// WASI calls the standalone module imports. The core does no I/O and reads no environment,
// so these only satisfy the linker; proc_exit is reached only by abort(), which we surface
// as an exception (and then re-instantiate, see Core#call).
function imports() {
  let memory = null;
  return {
    bind(m) {
      memory = m;
    },
    object: {
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
        environ_get() {
          return 0;
        },
      },
    },
  };
}

function instantiate(module) {
  const imp = imports();
  const instance = new WebAssembly.Instance(module, imp.object);
  imp.bind(instance.exports.memory);
  instance.exports._initialize();
  return instance;
}

export class Core {
  #module;
  #instance;

  constructor(module) {
    this.#module = module;
    this.#instance = instantiate(module);
  }

  // Calls an allow-listed export with raw input bytes; returns a fresh Uint8Array (a copy)
  // or throws CoreError. A trap (abort, out of memory) throws the trap and replaces the
  // instance, so the next call starts from a clean heap.
  callBytes(name, input) {
    if (!CORE_EXPORTS.includes(name)) throw new TypeError(`${name} is not an allow-listed core export`);
    const ex = this.#instance.exports;
    const inPtr = ex.ts_alloc(input.length + INPUT_PADDING); // not zeroed: we write it all
    const outPtr = ex.ts_alloc(8);
    let status;
    try {
      if (inPtr === 0 || outPtr === 0) throw new CoreError(4, "the core is out of memory");
      const heap = new Uint8Array(ex.memory.buffer, inPtr, input.length + INPUT_PADDING);
      heap.set(input);
      heap.fill(0, input.length);
      status = ex[name](inPtr, input.length, outPtr);
      const view = new DataView(ex.memory.buffer);
      const dataPtr = view.getUint32(outPtr, true);
      const len = view.getUint32(outPtr + 4, true);
      const bytes = dataPtr === 0 ? new Uint8Array(0) : new Uint8Array(ex.memory.buffer, dataPtr, len).slice();
      if (dataPtr !== 0) ex.ts_free(dataPtr);
      if (status !== 0) throw new CoreError(status, decoder.decode(bytes) || "core call failed");
      return bytes;
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) {
        this.#instance = instantiate(this.#module);
        throw new CoreError(4, `the core stopped on this input (${err.message}); it has been restarted`);
      }
      throw err;
    } finally {
      // After a trap the old instance is gone; freeing into the new one would corrupt it.
      if (this.#instance.exports === ex) {
        if (inPtr) ex.ts_free(inPtr);
        if (outPtr) ex.ts_free(outPtr);
      }
    }
  }

  // JSON request in, JSON response out.
  callJson(name, request) {
    return JSON.parse(decoder.decode(this.callBytes(name, encoder.encode(JSON.stringify(request)))));
  }

  // Raw JSON text in (used by the shared case tables to send malformed requests).
  callJsonText(name, text) {
    return JSON.parse(decoder.decode(this.callBytes(name, encoder.encode(text))));
  }

  get heapBytes() {
    return this.#instance.exports.memory.buffer.byteLength;
  }
}

// One instance per isolate: the Worker and the browser call this once and keep the Core.
export function createCore(module) {
  return new Core(module);
}
