// The conversion as plan, bounded steps and assembly through core.wasm, as the page's worker,
// the Worker and the CLI run it: the numbered cases of tests/cases/steps.json (replayed
// natively by tests/cpp/steps_cases_test.cpp; with step parts gathered too), the page's light-kind list against the core's,
// and the WASM memory a conversion leaves behind, which follows the largest step and not the
// export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core, loadCases, wasmModule } from "./load-core.js";
import { createCore, CoreError } from "../../worker-shim/shared/core.js";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { runSteps, planInputs, stepOptions } from "../../worker-shim/shared/convert-steps.js";
import { isLightPath, kindsOf } from "../../worker-shim/shared/export-files.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { largestOfEachPath } from "../../worker-shim/public/js/kind-labels.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const table = loadCases("steps.json");

function seeded(seed) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) >>> 16) % 3 + 1;
}

// Every output, in download order, from a run of the plan's steps in the given grouping.
// gather: the bytes of step parts gathered per call before assembly (0: none).
// pieces: each group's heart-rate days sent as the pieces core.stepPieces names, as the page
// sends them to the server (wasm/core/convert/step_pieces.h).
async function outputsOf(c, files, plan, group, gather = 0, counted = { gathers: 0 }, pieces = false) {
  // The copy of a repeated path the page converts (largestOfEachPath: the largest, the first
  // of those as large) and the core's plan reads (file_table.h). A helper found the plain first copy here,
  // which would part from both on a case whose first copy is empty.
  const byName = new Map(largestOfEachPath(files.map((f) => ({ path: f.name, bytes: f.data.length, data: f.data }))).unique.map((e) => [e.path, e.data]));
  const out = [];
  // The core's calls runSteps makes, with gatherings counted.
  const counting = {
    step: (options, steps, stepFiles) => {
      if (!pieces) return core.step(options, steps, stepFiles);
      const made = core.stepPieces(Array.isArray(steps) ? steps : [steps], stepFiles);
      counted.pieces = (counted.pieces ?? 0) + Object.keys(made).length;
      const sent = stepFiles.map((f) => (made[f.name] ? { name: f.name, data: f.data.subarray(made[f.name][0], made[f.name][0] + made[f.name][1]) } : f));
      return core.step(Object.keys(made).length ? { ...options, pieces: made } : options, steps, sent);
    },
    assemble: (...args) => core.assemble(...args),
    gather: (parts) => {
      counted.gathers += 1;
      return core.gather(parts);
    },
  };
  await runSteps({
    core: counting,
    options: c.options,
    plan,
    group,
    gather,
    readFiles: async (names) => names.map((name) => ({ name, data: byName.get(name) })),
    onOutput: (path, data) => out.push({ path, hex: Buffer.from(data).toString("hex") }),
  });
  return out;
}

for (const c of table.cases) {
  test(`steps.json case ${c.n}: ${c.why}`, async () => {
    const files = c.files.map((f) => ({ name: f.name, data: enc.encode(f.text) }));
    const plan = core.plan(c.options, files);
    if (c.error) {
      const step = { ...plan.steps[c.mutate.step] };
      // Other byte ranges for a workouts step's records: given, or another step's.
      if (c.mutate.records) step.records = c.mutate.records;
      if (c.mutate.recordsOf !== undefined) step.records = plan.steps[c.mutate.recordsOf].records;
      // Other members, as given (a weight step's weighIns, fileNumbers or files).
      Object.assign(step, c.mutate.set ?? {});
      let names = step.files.filter((n) => n !== c.mutate.drop);
      if (c.mutate.add) names = [...names, c.mutate.add];
      // Its first file listed twice; the file itself sent once.
      if (c.mutate.repeat) step.files = [...step.files, step.files[0]];
      assert.throws(
        () => core.step(stepOptions(c.mutate.options ?? c.options, (c.mutate.options ?? {}).stepZone ?? plan.stepZone), step, files.filter((f) => names.includes(f.name))),
        (err) => err instanceof CoreError && err.code === c.error.status && err.message.includes(c.error.contains),
      );
      return;
    }
    assert.deepEqual(plan.steps, c.steps);
    assert.deepEqual(plan.stepZone, c.stepZone);
    // What the page sends: light files with their bytes, the rest empty with their sizes.
    const light = await planInputs(
      core,
      files.map((f) => ({ path: f.name, bytes: f.data.length, data: f.data })),
      // Each copy of a repeated path as itself, as a zip's members are read.
      async (path, entry) => entry.data,
    );
    const fromNames = core.plan(c.options, light.files, light.sizes);
    assert.deepEqual(fromNames, plan, "the plan needs no heavy file's bytes");
    // What the server plans from: exercise files as their digests (exercise_digest.h), made
    // by this core.wasm as the upload route makes them. The same plan, byte for byte.
    // Not for an export that repeats a path: an upload holds one file per path
    // (routes/upload.js), so digests and sizes are by path and a repeated one never comes
    // as a digest.
    const exercise = light.files.filter((f) => kindsOf(core, [f.name])[0] === "exercise");
    const repeats = new Set(files.map((f) => f.name)).size < files.length;
    if (exercise.length && !repeats) {
      const digests = new Map(core.digest(exercise).map((d) => [d.name, d.data]));
      const files = light.files.map((f) => (digests.has(f.name) ? { name: f.name, data: digests.get(f.name) } : f));
      const sizes = { ...light.sizes, ...Object.fromEntries(exercise.map((f) => [f.name, f.data.length])) };
      const text = (opts, fs) => Buffer.from(core.callBundle("ts_plan", opts, fs)).toString();
      assert.equal(text({ ...c.options, sizes, digests: [...digests.keys()] }, files), text({ ...c.options, sizes: light.sizes }, light.files), "the plan from digests");
    }

    const oneEach = await outputsOf(c, files, plan, 1);
    assert.deepEqual(await outputsOf(c, files, plan, plan.steps.length || 1), oneEach, "all steps in one call");
    for (const seed of [1, 2, 3]) assert.deepEqual(await outputsOf(c, files, plan, seeded(seed)), oneEach, `random groups, seed ${seed}`);
    assert.deepEqual(await outputsOf(c, files, plan, seeded(5), 0, {}, true), oneEach, "random groups, heart-rate days sent as pieces");
    // Step parts gathered in runs before assembly (gathered.h): runs of ~200 bytes (two or
    // three parts, some parts alone over the cap) and of ~600 bytes, in random groups.
    const counted = { gathers: 0 };
    assert.deepEqual(await outputsOf(c, files, plan, 1, 200, counted), oneEach, "parts gathered in runs of ~200 bytes");
    assert.deepEqual(await outputsOf(c, files, plan, seeded(4), 600, counted), oneEach, "parts gathered in runs of ~600 bytes");
    if (plan.steps.length >= 4) assert.ok(counted.gathers > 0, "some parts were gathered");
    const converted = decodeBundle(core.callBytes("ts_convert", encodeBundle(c.options, files))).files;
    assert.deepEqual(converted.map((f) => ({ path: f.name, hex: Buffer.from(f.data).toString("hex") })), oneEach, "ts_convert");
    // A plan made before steps carried "records" (a session's stored plan across a deploy):
    // its workouts steps read their whole exercise files, to the same outputs.
    const beforeRecords = { ...plan, steps: plan.steps.map(({ records, ...step }) => step) };
    assert.deepEqual(await outputsOf(c, files, beforeRecords, 1), oneEach, "steps without records");
    // A plan made before "stepZone" (a session's stored plan across a deploy): each step but
    // weight carried the zone members itself, to the same outputs.
    if (plan.stepZone) {
      const { stepZone, ...rest } = plan;
      const beforeStepZone = { ...rest, steps: plan.steps.map((s) => (s.kind === "weight" ? s : { ...s, ...stepZone })) };
      assert.deepEqual(await outputsOf(c, files, beforeStepZone, 1), oneEach, "zone members on each step");
    }

    assert.deepEqual(oneEach.map((o) => o.path), c.outputs);
    const text = (path) => dec.decode(Buffer.from(oneEach.find((o) => o.path === path).hex, "hex"));
    for (const [path, expected] of Object.entries(c.texts ?? {})) assert.equal(text(path), expected, path);
    const manifest = JSON.parse(text("manifest.json"));
    for (const [dotted, expected] of Object.entries(c.manifest ?? {})) {
      const got = dotted.split(".").reduce((v, k) => v?.[k], manifest);
      assert.deepEqual(got, expected, dotted);
    }
  });
}

// Google's position and pace files go to a workout whose track file may hold no point
// (workout_inputs.h kPointlessTrackMaxBytes): case 56's lap-only .tcx gets them, whatever the
// plan is told of its size; a track file past that size is taken to have points, and its step is
// not made to carry them (each day can be megabytes, sent with a server request).
test("a workout's step carries Google's track files only when its .tcx may have no point, by numbered rows", () => {
  const c = table.cases.find((x) => x.n === 56);
  const tcx = "Takeout/Fitbit/Activities/56000000001.tcx";
  const gps = "Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-11-05.csv";
  const rows = [
    [1, "the lap-only .tcx with its bytes", null, true],
    [2, "sent empty with its size, 64 KiB: may hold no point", 64 * 1024, true],
    [3, "sent empty with its size, a byte more: has points", 64 * 1024 + 1, false],
    [4, "sent empty with its size 0: no track at all", 0, true],
  ];
  for (const [n, why, size, carries] of rows) {
    const files = c.files.map((f) => ({ name: f.name, data: f.name === tcx && size !== null ? new Uint8Array(0) : enc.encode(f.text) }));
    const plan = size === null ? core.plan(c.options, files) : core.plan(c.options, files, { [tcx]: size });
    const step = plan.steps.find((s) => s.files.includes(tcx));
    assert.equal(step.files.includes(gps), carries, `row ${n}: ${why}`);
  }
});

test("the kind table's light kinds (what the page and the Worker read first) are exactly the files the core's plan reads", () => {
  const paths = [
    "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", "Takeout/Fitbit/Your Profile/Profile.csv",
    "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", "Takeout/Fitbit/Global Export Data/exercise-0.json",
    "Takeout/Fitbit/Global Export Data/height-2023-01-01.json", "Takeout/Fitbit/Physical Activity_GoogleData/height.csv",
    "Takeout/Fitbit/Global Export Data/resting_heart_rate-2023-01-01.json", "Takeout/Fitbit/Global Export Data/heart_rate-2023-01-01.json",
    "Takeout/Fitbit/Global Export Data/steps-2023-01-01.json", "Takeout/Fitbit/Global Export Data/sleep-2023-01-01.json",
    "Takeout/Fitbit/Activities/123.tcx", "Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-01.csv",
  ];
  // The core reads a file when its report changes with the bytes: "x" (not valid anything),
  // "[]" (valid JSON, no records) and, for Profile.csv, a zone, against the file sent empty
  // with its size. A heavy file is only named, so every one gives the same report.
  for (const path of paths) {
    const report = (text) =>
      JSON.stringify(text === null ? core.plan({}, [{ name: path, data: new Uint8Array(0) }], { [path]: 1 }).report : core.plan({}, [{ name: path, data: enc.encode(text) }]).report);
    const probes = [null, "x", "[]", "id,timezone\n1,Europe/Berlin\n"].map(report);
    const coreReadsIt = new Set(probes).size > 1;
    assert.equal(isLightPath(core, path), coreReadsIt, path);
  }
});

// Peak WASM memory of a device-style conversion: plan from light files, then each step with
// only its files, in a fresh instance. Memory never shrinks, so byteLength afterwards is the
// high-water mark.
async function peakBytes(years) {
  const files = generateExport({ seed: 7, years, perWeek: 3, workoutsPerWeek: 3, minuteDays: 60, trackInterval: 5, start: "2015-01-01" });
  const c = createCore(wasmModule);
  const byName = new Map(files.map((f) => [f.name, typeof f.data === "string" ? enc.encode(f.data) : f.data]));
  const light = await planInputs(core, [...byName].map(([path, d]) => ({ path, bytes: d.length })), async (p) => byName.get(p));
  const report = c.plan({}, light.files, light.sizes).report;
  const r = report.transitionsRange;
  const options = { timeZone: timeZoneOption(report.timeZone.name, r.from, r.to) };
  const plan = c.plan(options, light.files, light.sizes);
  let outputs = 0;
  await runSteps({
    core: c,
    options,
    plan,
    readFiles: async (names) => names.map((name) => ({ name, data: byName.get(name) })),
    onOutput: () => outputs++,
  });
  const totalBytes = [...byName.values()].reduce((n, d) => n + d.length, 0);
  const largestStep = Math.max(...plan.steps.map((s) => s.bytes));
  return { heap: c.heapBytes, totalBytes, largestStep, steps: plan.steps.length, outputs };
}

test("peak WASM memory follows the largest step, not the export: 1 year and 10 years end equal within 8 MiB", async (t) => {
  const one = await peakBytes(1);
  const ten = await peakBytes(10);
  for (const [y, m] of [[1, one], [10, ten]])
    t.diagnostic(`${y} year(s): ${m.steps} steps, export ${m.totalBytes} bytes, largest step ${m.largestStep} bytes, WASM memory ${m.heap} bytes`);
  assert.ok(ten.totalBytes > 5 * one.totalBytes, `the 10-year export is much larger (${ten.totalBytes} vs ${one.totalBytes} bytes)`);
  assert.ok(ten.steps > 5 * one.steps);
  assert.ok(Math.abs(ten.heap - one.heap) <= 8 * 1024 * 1024, `heap after 1 year ${one.heap}, after 10 years ${ten.heap}`);
  assert.ok(ten.heap < ten.totalBytes, `the heap (${ten.heap}) is smaller than the export (${ten.totalBytes})`);
});

// The server plans from exercise digests (exercise_digest.h) made as the files are uploaded:
// on generated exports of every workout shape, the same plan and report, byte for byte.
test("the plan from exercise digests is the plan from the files, on generated exports", async () => {
  const rows = [
    [1, "three years, 3 workouts a week, tracks and heart-rate days", { seed: 51, years: 3, perWeek: 3, workoutsPerWeek: 3, minuteDays: 0, trackInterval: 60 }],
    [2, "odd workouts: auto-detected, impossible, GPS without a track", { seed: 52, years: 1, perWeek: 2, workoutsPerWeek: 5, minuteDays: 0, trackInterval: 60, oddWorkouts: true }],
    [3, "the myfitbit layout and a traveller", { seed: 53, years: 1, perWeek: 2, workoutsPerWeek: 3, minuteDays: 0, trackInterval: 60, layout: "myfitbit", travel: [["2015-06-01", "Asia/Tokyo"]] }],
  ];
  for (const [n, why, shape] of rows) {
    const files = generateExport(shape).map((f) => ({ name: f.name, data: typeof f.data === "string" ? enc.encode(f.data) : f.data }));
    const byName = new Map(files.map((f) => [f.name, f.data]));
    const light = await planInputs(core, files.map((f) => ({ path: f.name, bytes: f.data.length })), async (p) => byName.get(p));
    const exercise = light.files.filter((f) => kindsOf(core, [f.name])[0] === "exercise");
    assert.ok(exercise.length > 0, `row ${n}: has exercise files`);
    const digests = core.digest(exercise);
    const dmap = new Map(digests.map((d) => [d.name, d.data]));
    const withDigests = light.files.map((f) => (dmap.has(f.name) ? { name: f.name, data: dmap.get(f.name) } : f));
    const sizes = { ...light.sizes, ...Object.fromEntries(exercise.map((f) => [f.name, f.data.length])) };
    const report = core.plan({}, light.files, light.sizes).report;
    const r = report.transitionsRange;
    const options = { timeZone: timeZoneOption(report.timeZone.name, r.from, r.to) };
    const text = (opts, fs) => Buffer.from(core.callBundle("ts_plan", opts, fs)).toString();
    const plain = text({ ...options, sizes: light.sizes }, light.files);
    assert.ok(JSON.parse(plain).steps.some((s) => s.kind === "workouts" && s.records), `row ${n}: workouts steps with records`);
    assert.equal(text({ ...options, sizes, digests: [...dmap.keys()] }, withDigests), plain, `row ${n}: ${why}`);
    const exBytes = exercise.reduce((s, f) => s + f.data.length, 0);
    const dBytes = digests.reduce((s, f) => s + f.data.length, 0);
    assert.ok(dBytes * 5 < exBytes, `row ${n}: digests are a fraction of the files (${dBytes} of ${exBytes} bytes)`);
  }
});
