// The WASM boundary itself: allow-list, ownership (no leaks across many calls), recovery.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core, wasmModule } from "./load-core.js";
import { CORE_EXPORTS, CoreError, createCore } from "../../worker-shim/shared/core.js";

// What Emscripten adds to every standalone module; everything else must be ours.
const RUNTIME = new Set(["memory", "__indirect_function_table", "_initialize", "__errno_location",
  "stackSave", "stackRestore", "stackAlloc"]);
const INTERNAL = new Set(["ts_alloc", "ts_alloc_input", "ts_free", "ts_abi_version"]);

test("1: core.wasm exports exactly the allow-list (plus runtime and allocator)", () => {
  const ours = WebAssembly.Module.exports(wasmModule).map((e) => e.name).filter((n) => !RUNTIME.has(n) && !INTERNAL.has(n));
  assert.deepEqual([...ours].sort(), [...CORE_EXPORTS].sort());
});

test("2: core.wasm imports only the stubbed WASI calls", () => {
  const imports = WebAssembly.Module.imports(wasmModule).map((i) => `${i.module}.${i.name}`).sort();
  for (const name of imports) {
    assert.match(name, /^(env\.emscripten_notify_memory_growth|wasi_snapshot_preview1\.(proc_exit|environ_sizes_get|environ_get|fd_write|fd_close|fd_seek))$/);
  }
});

test("3: a non-allow-listed name is refused before reaching WASM", () => {
  assert.throws(() => core.callJson("ts_alloc", {}), TypeError);
});

test("4: 20,000 calls (ok and error) leave the heap where it was: every buffer is freed", () => {
  const c = createCore(wasmModule);
  const req = { class: "upload", createdAt: 1700000000000, now: 1700000000001 };
  for (let i = 0; i < 1000; i++) c.callJson("ts_ttl_expiry", req); // warm the allocator
  const before = c.heapBytes;
  for (let i = 0; i < 10000; i++) {
    c.callJson("ts_ttl_expiry", req);
    assert.throws(() => c.callJson("ts_ttl_expiry", { class: "nope", createdAt: 1, now: 1 }), CoreError);
  }
  assert.equal(c.heapBytes, before);
});

test("5: a request that makes the heap grow still answers (views re-made after growth)", () => {
  const c = createCore(wasmModule);
  const before = c.heapBytes;
  const big = { class: "upload", createdAt: 1700000000000, now: 1700000000000, pad: "x".repeat(1000 * 1000) };
  assert.equal(c.callJson("ts_ttl_expiry", big).expiresAt, 1700003600000);
  assert.ok(c.heapBytes > before, "memory grew");
});

test("6: an oversized request is a capacity error, not an abort, and the core keeps serving", () => {
  const c = createCore(wasmModule);
  const huge = { class: "upload", createdAt: 1, now: 1, pad: "x".repeat(8 * 1024 * 1024) };
  assert.throws(() => c.callJson("ts_ttl_expiry", huge), (e) => e instanceof CoreError && e.code === "capacity" && /larger than 1 MiB/.test(e.message));
  assert.equal(c.callJson("ts_ttl_expiry", { class: "upload", createdAt: 0, now: 0 }).expiresAt, 3600000);
});

test("7: a core stopped by a trap (out of memory) is restarted; its error says so without the engine's words, and the core keeps serving", () => {
  const c = createCore(wasmModule);
  const enc = new TextEncoder();
  const files = [{ name: "T/weight-2023-01-01.json", data: enc.encode(JSON.stringify([{ logId: 1672560000000, weight: 180.2, bmi: 25.1, date: "01/01/23", time: "08:00:00", source: "Aria" }])) }];
  const options = { timeZone: { name: "UTC", transitions: [[0, 0]] } };
  const plan = c.plan(options, files);
  const [step] = c.step(options, plan.steps[0], []);  // a weight step reads no file (weight_steps.h)
  // A step part with 10 MB of warnings (a client may send any bytes as a part): assembly runs
  // out of the core's memory and the engine traps.
  const text = new TextDecoder().decode(step.part);
  const bloated = text.replace('"warnings":[]', `"warnings":${JSON.stringify(Array.from({ length: 100000 }, () => "x".repeat(100)))}`);
  assert.notEqual(bloated, text);
  assert.throws(
    () => c.assemble(options, plan.part, [enc.encode(bloated)]),
    (e) => e instanceof CoreError && e.code === "capacity" && e.outOfMemory === true && /restarted/.test(e.message) && !/exit|bounds|unreachable/.test(e.message),
  );
  assert.deepEqual(c.assemble(options, plan.part, [step.part]).map((f) => f.path), ["manifest.json", "IMPORT.txt"]);
  // An input larger than the core's memory: refused before the call, the same way.
  assert.throws(() => c.callBytes("ts_ttl_expiry", new Uint8Array(100 * 1024 * 1024)), (e) => e instanceof CoreError && e.outOfMemory === true && e.message === "the core is out of memory");
});

test("8: touchHeap grows the heap once and frees what it took; past the core's memory it is false and leaves the heap as it was", () => {
  const c = createCore(wasmModule);
  const before = c.heapBytes;
  assert.equal(c.touchHeap(16 * 1024 * 1024), true);
  const grown = c.heapBytes;
  // At least the block it took (some of it may have been free heap already).
  assert.ok(grown > before && grown >= 16 * 1024 * 1024, `heap ${before} -> ${grown}`);
  // Freed: the same again, and a call as large, fit in what it grew to.
  assert.equal(c.touchHeap(16 * 1024 * 1024), true);
  assert.equal(c.callJson("ts_ttl_expiry", { class: "upload", createdAt: 0, now: 0, pad: "x".repeat(900 * 1000) }).expiresAt, 3600000);
  assert.equal(c.heapBytes, grown);
  // More than the core's memory (MAXIMUM_MEMORY): refused by the allocator, nothing kept.
  for (const bytes of [200 * 1024 * 1024, 2 ** 32 - 1]) assert.equal(c.touchHeap(bytes), false);
  assert.equal(c.heapBytes, grown);
  assert.equal(c.callJson("ts_ttl_expiry", { class: "upload", createdAt: 0, now: 0 }).expiresAt, 3600000);
});
