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
// In-place exports (the limiter's hot path) add one rule: JS allocates a context (the compiled
// policy blob) and a fixed-size frame once, keeps them across calls and frees them itself
// (LimiterHandle#close); the core only reads/writes them during a call, allocates nothing,
// and on error writes its message into the frame's last MESSAGE_BYTES bytes.

import { bundleLayout, decodeBundle, writeBundle } from "./bundle.js";

export const INPUT_PADDING = 64; // == ts::boundary::kInputPadding == SIMDJSON_PADDING
const MESSAGE_BYTES = 128; // == ts::boundary::kMessageBytes

// The limiter frame (wasm/boundary/api_limiter.h limiter_frame), in f64 slots except the states.
const LIMITER = Object.freeze({
  now: 0, cls: 1, cost: 2, hasClient: 3, // input slots
  networkByte: 32, clientByte: 280, stateBytes: 248, // in/out: the network's and the client's states, opaque
  decisionSlot: 66, // 528 / 8: verdict, refusedBy, level, retryAfterMs, blockedUntilMs, networkIdleAtMs,
  //                   clientIdleAtMs, tierCount, ceilingCount, networkAccountable, tiers…, ceiling…
  headSlots: 10,
  maxTiers: 4,
  frameBytes: 528 + (10 + 2 * 4 * 4) * 8 + MESSAGE_BYTES,
});
export const LIMITER_CLASSES = Object.freeze(["upload", "validate", "convert", "download", "usage", "step"]);
export const LIMITER_STATE_BYTES = LIMITER.stateBytes;
const VERDICTS = ["allowed", "limited", "blocked"];
const REFUSED_BY = [null, "client", "ceiling"];

// The allow-list: the only core functions JS may call. tests/node/core-boundary.test.js
// checks it against what core.wasm exports.
export const CORE_EXPORTS = Object.freeze([
  "ts_ttl_expiry", "ts_ttl_plan",
  "ts_validate", "ts_convert", "ts_plan", "ts_step", "ts_step_pieces", "ts_gather", "ts_assemble", "ts_digest", "ts_weight_preview", "ts_tz_resolve", "ts_inspect_file",
  "ts_file_kinds", "ts_classify_paths",
  "ts_limiter_policy", "ts_limiter_compile", "ts_limiter_replay",
  "ts_limiter_decide", // in place: called only through Core#limiter (LimiterHandle)
]);
// Exports that take (ctx, ctxLen, frame, frameLen) instead of (in, len, out): abi.h rules 5-6.
const IN_PLACE = new Set(["ts_limiter_decide"]);

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

// The core out of memory, or stopped by a trap (an abort, a bad access) and restarted:
// `outOfMemory` set. The engine's own words ("memory access out of bounds", "core aborted
// (exit 1)") mean nothing to a person and are not passed on.
function outOfMemory(restarted) {
  const err = new CoreError(4, restarted ? "the core stopped on this input, most likely out of memory; it has been restarted" : "the core is out of memory");
  err.outOfMemory = true;
  return err;
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

// The output's bytes out of WASM memory, into a buffer of their own (the core frees its copy).
// A new array and set(), not slice(): in Node 20's V8, slice() of a view into a large buffer
// took 147 µs for a 78 KB activity FIT where set() takes 8.5 µs: the copy was 0.21 ms of a
// 1.64 ms workout call (docs/benchmarks.md, bench-workout).
function copyOut(buffer, ptr, len) {
  const out = new Uint8Array(len);
  out.set(new Uint8Array(buffer, ptr, len));
  return out;
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
    return this.#call(name, input.length, (dst) => dst.set(input));
  }

  // Calls an export that takes a TSB1 bundle (bundle.js), writing the bundle straight into
  // WASM memory: each file's bytes are copied once, not into a JS buffer first.
  callBundle(name, options, files) {
    const layout = bundleLayout(options, files);
    return this.#call(name, layout.size, (dst) => writeBundle(dst, layout));
  }

  #call(name, size, fill) {
    if (!CORE_EXPORTS.includes(name) || IN_PLACE.has(name)) throw new TypeError(`${name} is not an allow-listed core export`);
    const ex = this.#instance.exports;
    // size bytes fill() writes whole, then INPUT_PADDING zeroed ones. A core.wasm from before
    // ts_alloc_input (a browser's cached copy beside this newer script, an earlier commit's
    // core in a benchmark) gets the whole buffer zeroed, as it always did.
    const inPtr = ex.ts_alloc_input ? ex.ts_alloc_input(size) : ex.ts_alloc(size + INPUT_PADDING);
    const outPtr = ex.ts_alloc(8);
    let status;
    try {
      if (inPtr === 0 || outPtr === 0) throw outOfMemory(false);
      fill(new Uint8Array(ex.memory.buffer, inPtr, size));
      status = ex[name](inPtr, size, outPtr);
      const view = new DataView(ex.memory.buffer);
      const dataPtr = view.getUint32(outPtr, true);
      const len = view.getUint32(outPtr + 4, true);
      const bytes = dataPtr === 0 ? new Uint8Array(0) : copyOut(ex.memory.buffer, dataPtr, len);
      if (dataPtr !== 0) ex.ts_free(dataPtr);
      if (status !== 0) throw new CoreError(status, decoder.decode(bytes) || "core call failed");
      return bytes;
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) {
        this.#instance = instantiate(this.#module);
        throw outOfMemory(true);
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

  // ---- a conversion as a plan, bounded steps and one assembly (wasm/core/convert/steps.h) ----
  // options: the conversion options object. files: [{name, data}] — light files with their
  // bytes; heavy ones may be empty, their sizes in `sizes` ({path: bytes}) so steps carry
  // their byte counts. Returns {report, steps: [{id, kind, files, bytes, …}], part}.
  // digests: names of exercise files whose `data` is their digest (digest() below).
  plan(options, files, sizes = null, digests = null) {
    return JSON.parse(decoder.decode(this.callBundle("ts_plan", planOptions(options, files, sizes, digests), files)));
  }

  // The same plan cut into a server session's groups by `groups`, the rules of wasm/core/
  // convert/step_groups.h (worker-shim/shared/step-groups.js groupRules()). Returns the parsed
  // plan.json — {report, stepZone?, part, steps: count, estimateMs, oneRequest, groups: [{steps:
  // [ids], send, bytes}]} — with `sessionGroups`: the groups with their steps as JSON text, to
  // store as it is (never parsed here: a ten-year export's is ~650 KB), and `stepList`: the
  // steps, only when oneRequest.
  planGroups(options, files, sizes, digests, groups) {
    const out = new Map(decodeBundle(this.callBundle("ts_plan", { ...planOptions(options, files, sizes, digests), groups }, files)).files.map((f) => [f.name, f.data]));
    const head = JSON.parse(decoder.decode(out.get("plan.json")));
    head.sessionGroups = decoder.decode(out.get("session-groups.json"));
    head.stepList = out.has("steps.json") ? JSON.parse(decoder.decode(out.get("steps.json"))) : null;
    return head;
  }

  // Runs one step (a plan step object) or several in one call (an array of them) on exactly
  // their files ([{name, data}]). Returns one {part: Uint8Array, files: [{path, data}]} per
  // step, in order; `files` are the step's outputs, in download order.
  step(options, steps, files) {
    return splitStepBundle(this.stepBundle(options, steps, files));
  }

  // ts_step's output as the core wrote it (a TSB1 bundle: each step's part.json, then its
  // files), for a caller that passes it on unchanged (the Worker answers a step group with it).
  stepBundle(options, steps, files) {
    return this.callBundle("ts_step", Array.isArray(steps) ? { ...options, steps } : { ...options, step: steps }, files);
  }

  // What a group of steps (an array of plan step objects) reads of its heart-rate day files,
  // given the steps' files whole ([{name, data}]) -> {path: [offset, length, size]}: each such
  // file's piece (wasm/core/convert/step_pieces.h), which stepBundle takes in the file's place
  // with options {pieces}. Files read whole are not named.
  stepPieces(steps, files) {
    return JSON.parse(decoder.decode(this.callBundle("ts_step_pieces", { steps }, files))).pieces;
  }

  // A run of consecutive parts (Uint8Array: steps' part.json or gathered parts), in plan order
  // -> one gathered part (Uint8Array) that assemble takes in place of the run
  // (wasm/core/convert/gathered.h).
  gather(parts) {
    return this.callBundle("ts_gather", null, parts.map((data) => ({ name: "part.json", data })));
  }

  // Exercise files ([{name, data}]) -> their digests ([{name, data}], the same names; wasm/core/
  // convert/exercise_digest.h): what a plan reads of each, to hand plan() in their place
  // (options "digests": [name, …]) so that it does not parse the files again.
  digest(files) {
    return decodeBundle(this.callBundle("ts_digest", null, files)).files;
  }

  // The plan's part (the object ts_plan returned) and every step's part (Uint8Array; gathered
  // parts may stand for runs of them), in plan order -> [{path, data}]: manifest.json,
  // IMPORT.txt, csv/…, reference/… tables.
  assemble(options, planPart, parts) {
    const files = [{ name: "plan-part.json", data: JSON.stringify(planPart) }, ...parts.map((data) => ({ name: "part.json", data }))];
    return decodeBundle(this.callBundle("ts_assemble", options, files)).files.map((f) => ({ path: f.name, data: f.data }));
  }

  get heapBytes() {
    return this.#instance.exports.memory.buffer.byteLength;
  }

  // Grows the core's heap to at least `bytes` and writes every page of it once, then frees it:
  // memory the core has used stays the instance's (WebAssembly memory never shrinks), so a
  // later call that needs as much finds its pages there. Growing into fresh pages is the cost:
  // the first assembly of ten years of per-minute data spent ~3 of its ~9 ms from a cold
  // isolate faulting in the 4 MB it grew by (core/warm-up.js runs this at module scope).
  // ts_alloc is calloc, which zeroes what it returns: that is the write, and the pages are
  // left zero as fresh ones would be. false when the heap cannot grow that far (nothing kept).
  touchHeap(bytes) {
    const ex = this.#instance.exports;
    const ptr = ex.ts_alloc(bytes);
    if (ptr === 0) return false;
    ex.ts_free(ptr);
    return true;
  }

  // Compiles a limiter policy (JSON text; "" = defaults) once and returns a handle that decides
  // requests without parsing anything. Throws CoreError(invalid_argument) naming the bad field.
  limiter(policyText = "") {
    const text = encoder.encode(policyText);
    const policy = JSON.parse(decoder.decode(this.callBytes("ts_limiter_policy", text)));
    const blob = this.callBytes("ts_limiter_compile", text);
    return new LimiterHandle(this, policy, blob);
  }

  // For LimiterHandle only: the live instance's exports (replaced after a trap).
  get _exports() {
    return this.#instance.exports;
  }

  _recover(err) {
    if (err instanceof WebAssembly.RuntimeError) {
      this.#instance = instantiate(this.#module);
      return outOfMemory(true);
    }
    return err;
  }
}

// A compiled policy kept in WASM memory plus one decision frame. decide() copies the network's
// and the client's states in, calls ts_limiter_decide, and copies the new states out: ~a
// microsecond, no JSON. Not re-entrant (one frame): callers decide one request at a time,
// which a Durable Object and a single-threaded isolate both guarantee.
export class LimiterHandle {
  #core;
  #blob;
  #ex = null; // the exports the buffers below belong to
  #blobPtr = 0;
  #framePtr = 0;
  #f64 = null;
  #u8 = null;

  constructor(core, policy, blob) {
    this.#core = core;
    this.policy = policy; // normalized policy JSON: tier names and numbers for headers
    this.#blob = blob;
  }

  // (Re)allocates the blob and frame in the current instance; views are re-made when memory
  // grew (growth detaches them) or the instance was replaced after a trap.
  #views() {
    const ex = this.#core._exports;
    if (ex !== this.#ex) {
      this.#blobPtr = ex.ts_alloc(this.#blob.length);
      this.#framePtr = ex.ts_alloc(LIMITER.frameBytes);
      if (this.#blobPtr === 0 || this.#framePtr === 0) throw outOfMemory(false);
      new Uint8Array(ex.memory.buffer, this.#blobPtr, this.#blob.length).set(this.#blob);
      this.#ex = ex;
      this.#f64 = null;
    }
    if (this.#f64 === null || this.#f64.buffer !== ex.memory.buffer) {
      this.#f64 = new Float64Array(ex.memory.buffer, this.#framePtr, LIMITER.frameBytes / 8);
      this.#u8 = new Uint8Array(ex.memory.buffer, this.#framePtr, LIMITER.frameBytes);
    }
    return ex;
  }

  // network: the network's state, Uint8Array(LIMITER_STATE_BYTES) or null when never seen.
  // client: the client's state, likewise; anonymous: true for a request without a client
  // (`client` is then ignored); newcomer: true when the client id was minted for this request
  // (it came without a cookie; limiter.h "newcomer"), else a state never seen is a returning
  // client's. cls: a name from LIMITER_CLASSES. cost 0 = peek (charges
  // nothing). Returns {decision, network, client}: fresh Uint8Array copies the caller may
  // store (client null for an anonymous request, and for a newcomer the decision did not
  // admit: a state never seen stays unstored).
  decide({ network = null, client = null, anonymous = false, newcomer = false }, nowMs, cls, cost = 1) {
    const ci = LIMITER_CLASSES.indexOf(cls);
    if (ci < 0) throw new TypeError(`unknown limiter class ${cls}`);
    this.decideRaw(network, anonymous ? undefined : client, anonymous ? 0 : newcomer ? 2 : 1, nowMs, ci, cost);
    const decision = this.lastDecision();
    return {
      decision,
      network: this.#copy(LIMITER.networkByte),
      // A client idle at 0 equals one never seen (api_limiter.h): nothing of it to store.
      client: anonymous || decision.clientIdleAtMs === 0 ? null : this.#copy(LIMITER.clientByte),
    };
  }

  // The hot loop's form: the class as an index; a state may stay in the frame between calls
  // (pass undefined to keep it, null for one never seen). hasClient: false/0 anonymous,
  // true/1 a client, 2 a newcomer (the frame's flag, api_limiter.h). Returns the verdict as a number
  // (0 allowed, 1 limited, 2 blocked) and builds no objects; lastDecision() reads the rest of
  // the frame when wanted.
  decideRaw(network, client, hasClient, nowMs, classIndex, cost = 1) {
    let status;
    try {
      const ex = this.#views();
      this.#put(LIMITER.networkByte, network);
      if (hasClient) this.#put(LIMITER.clientByte, client);
      const f = this.#f64;
      f[LIMITER.now] = nowMs;
      f[LIMITER.cls] = classIndex;
      f[LIMITER.cost] = cost;
      f[LIMITER.hasClient] = typeof hasClient === "number" ? hasClient : hasClient ? 1 : 0; // 2: a newcomer
      status = ex.ts_limiter_decide(this.#blobPtr, this.#blob.length, this.#framePtr, LIMITER.frameBytes);
    } catch (err) {
      throw this.#core._recover(err);
    }
    if (status !== 0) {
      const msg = this.#u8.subarray(LIMITER.frameBytes - MESSAGE_BYTES);
      throw new CoreError(status, decoder.decode(msg.subarray(0, msg.indexOf(0))) || "limiter call failed");
    }
    return this.#f64[LIMITER.decisionSlot];
  }

  #put(byte, state) {
    if (state === undefined) return;
    if (state === null) this.#u8.fill(0, byte, byte + LIMITER.stateBytes);
    else if (state.length !== LIMITER.stateBytes) throw new CoreError(2, "limiter state has the wrong size");
    else this.#u8.set(state, byte);
  }

  #copy(byte) {
    return this.#u8.slice(byte, byte + LIMITER.stateBytes);
  }

  // The decision of the last decideRaw() call.
  lastDecision() {
    const f = this.#f64;
    const d = LIMITER.decisionSlot;
    const tiers = (count, first) => {
      const list = [];
      for (let i = 0; i < count; i++) {
        const o = first + i * 4;
        list.push({ limit: f[o], periodMs: f[o + 1], remaining: f[o + 2], resetMs: f[o + 3] });
      }
      return list;
    };
    const own = d + LIMITER.headSlots;
    return {
      verdict: VERDICTS[f[d]],
      refusedBy: REFUSED_BY[f[d + 1]],
      level: f[d + 2],
      retryAfterMs: f[d + 3],
      blockedUntilMs: f[d + 4],
      networkIdleAtMs: f[d + 5],
      clientIdleAtMs: f[d + 6],
      tiers: tiers(f[d + 7], own),
      ceiling: tiers(f[d + 8], own + LIMITER.maxTiers * 4),
      // Whose strikes and block these are (limiter.h "accountable"): the network's for a
      // request without a cookie or from a newcomer, else the client's.
      accountable: f[d + 9] === 1 ? "network" : "client",
    };
  }

  // Frees the blob and frame (tests and benchmarks; the Worker keeps its handle for life).
  close() {
    const ex = this.#core._exports;
    if (this.#ex === ex) {
      ex.ts_free(this.#blobPtr);
      ex.ts_free(this.#framePtr);
    }
    this.#ex = null;
    this.#f64 = this.#u8 = null;
  }
}

// The options of ts_plan and ts_validate for `files` ([{name, data}], the bundle's order):
// `sizes` ({path: bytes}, for files sent without their bytes or as digests) goes to the core as
// its list form, one size per file in bundle order (light_files.h FileSizes): the object
// named every heavy file again, and parsing those names was a twelfth of a ten-year plan's CPU.
// A path given twice gets its one size for both copies: the page and the Worker plan one copy
// of each path (the CLI, which keeps every copy, writes its own list: wasm/cli/main.cpp).
export function planOptions(options, files, sizes, digests) {
  if (!sizes && !digests?.length) return options;
  const out = { ...options };
  if (sizes) out.sizes = files.map((f) => (Object.hasOwn(sizes, f.name) ? sizes[f.name] : f.data.length));
  if (digests?.length) out.digests = digests;
  return out;
}

// ts_step's output bundle -> one {part, files: [{path, data}]} per step, in order.
export function splitStepBundle(bytes) {
  const results = [];
  for (const f of decodeBundle(bytes).files) {
    if (f.name === "part.json") results.push({ part: f.data, files: [] });
    else if (results.length) results.at(-1).files.push({ path: f.name, data: f.data });
    else throw new CoreError(2, "a step's output does not start with its part.json");
  }
  return results;
}

// One instance per isolate: the Worker and the browser call this once and keep the Core.
export function createCore(module) {
  return new Core(module);
}
