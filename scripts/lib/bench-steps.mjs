// scripts/bench-steps: see that script for what is measured. Each path runs in a fresh core
// instance, so its WASM memory afterwards (memory never shrinks) is its peak.
import { readFileSync } from "node:fs";
import { generateExport } from "../gen-takeout.mjs";
import { createCore, CoreError } from "../../worker-shim/shared/core.js";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { planInputs, runSteps } from "../../worker-shim/shared/convert-steps.js";
import { ZipStream, zipOutputs } from "../../worker-shim/shared/packaging.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";

const wasm = new WebAssembly.Module(readFileSync(new URL("../../worker-shim/generated/core.wasm", import.meta.url)));
const years = process.argv.slice(2).map(Number).filter((n) => n > 0);
const minuteYearsCap = Number(process.env.TS_BENCH_MINUTE_YEARS ?? Infinity);
// Years of all-day heart rate (a heart_rate-*.json of ~1.1 MB for every day, a reading every
// 5 s), at most the export's: none by default. Five years is ~2 GB of export.
const allDayYears = Number(process.env.TS_BENCH_ALL_DAY_HR_YEARS ?? 0);
// The core's memory cap (CMakeLists.txt MAXIMUM_MEMORY): an export larger than this cannot be
// one call's input, so the one-call path is not tried (it would only copy it to say so).
const CORE_MAX_BYTES = 96 * 1024 * 1024;
// Where the one-call path still fits in the core's 96 MB: shorter histories with a month of
// per-minute data, for the time ratio between the two paths.
const SMALL = [[0.25, 31], [0.5, 31], [1, 31]];
const MB = (n) => (n / 1024 / 1024).toFixed(1);
const enc = new TextEncoder();

function cpuMs(since) {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

async function stepped(byName) {
  const core = createCore(wasm);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const light = await planInputs(core, [...byName].map(([path, d]) => ({ path, bytes: d.length })), async (p) => byName.get(p));
  const report = core.plan({}, light.files, light.sizes).report;
  const r = report.transitionsRange;
  const options = { timeZone: timeZoneOption(report.timeZone.name, r.from, r.to), weightUnit: "auto" };
  const plan = core.plan(options, light.files, light.sizes);
  let zipBytes = 0;
  const zip = new ZipStream((c) => (zipBytes += c.length));
  let outputs = 0;
  await runSteps({
    core,
    options,
    plan,
    readFiles: async (names) => names.map((name) => ({ name, data: byName.get(name) })),
    onOutput: (path, data) => {
      zip.add(path, data);
      outputs++;
    },
  });
  zip.end();
  return {
    options,
    steps: plan.steps.length,
    largestStep: Math.max(...plan.steps.map((s) => s.bytes)),
    heap: core.heapBytes,
    ms: performance.now() - t0,
    cpu: cpuMs(cpu0),
    outputs,
    zipBytes,
  };
}

function oneCall(byName, options) {
  const core = createCore(wasm);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const out = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, [...byName].map(([name, data]) => ({ name, data })))));
    zipOutputs(out.files.map((f) => ({ path: f.name, data: f.data })));
  } catch (err) {
    if (err instanceof CoreError && err.code === "capacity") return { fits: false, heap: core.heapBytes, why: err.message };
    throw err;
  }
  return { fits: true, heap: core.heapBytes, ms: performance.now() - t0, cpu: cpuMs(cpu0) };
}

console.log("bench-steps: generated exports (3 weigh-ins and 3 workouts a week, 5 s GPS tracks, per-minute data), Node 20, this shared machine");
console.log(`years  min.days${allDayYears ? "  hr.days" : ""}  files  export MB  steps  largest step MB  outputs  zip MB | stepped: peak WASM MB  CPU s | one call: peak WASM MB  CPU s | CPU ratio stepped/one-call`);
// Both paths once on a small export first, so neither pays for V8 compiling the core.
{
  const warm = generateExport({ seed: 1, years: 0.2, perWeek: 3, workoutsPerWeek: 3, minuteDays: 31, start: "2015-01-01" });
  const byName = new Map(warm.map((f) => [f.name, typeof f.data === "string" ? enc.encode(f.data) : f.data]));
  oneCall(byName, (await stepped(byName)).options);
}
const runs = (years.length ? years : [1, 5, 10]).map((y) => [y, Math.round(365 * Math.min(y, minuteYearsCap)), Math.round(365 * Math.min(y, allDayYears))]);
for (const [y, minuteDays, allDayHeartRate = 0] of process.env.TS_BENCH_SMALL === "0" ? runs : [...SMALL, ...runs]) {
  const files = generateExport({ seed: 5, years: y, perWeek: 3, workoutsPerWeek: 3, trackInterval: 5, minuteDays, allDayHeartRate, start: "2015-01-01" });
  // Each file's text dropped once it is bytes: an export of all-day heart rate is GBs.
  const byName = new Map();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    byName.set(f.name, typeof f.data === "string" ? enc.encode(f.data) : f.data);
    files[i] = null;
  }
  const total = [...byName.values()].reduce((n, d) => n + d.length, 0);
  const s = await stepped(byName);
  const o = total > CORE_MAX_BYTES ? { fits: false } : oneCall(byName, s.options);
  const one = o.fits ? `${MB(o.heap).padStart(21)}  ${(o.cpu / 1000).toFixed(2).padStart(5)}` : (total > CORE_MAX_BYTES ? "input over 96 MB" : "does not fit in 96 MB").padStart(28);
  const ratio = o.fits ? (s.cpu / o.cpu).toFixed(2) + "x" : "-";
  console.log(
    `${String(y).padStart(5)}  ${String(minuteDays).padStart(8)}${allDayYears ? `  ${String(allDayHeartRate).padStart(7)}` : ""}  ${String(byName.size).padStart(5)}  ${MB(total).padStart(9)}  ${String(s.steps).padStart(5)}  ${MB(s.largestStep).padStart(15)}  ${String(s.outputs).padStart(7)}  ${MB(s.zipBytes).padStart(6)} | ${MB(s.heap).padStart(21)}  ${(s.cpu / 1000).toFixed(2).padStart(5)} | ${one} | ${ratio}`,
  );
}
