// Runs a conversion as the core plans it (wasm/core/convert/steps.h): the plan from light files
// and sizes, then each step with only its own files, then assembly; every output handed on as
// soon as it exists, in download order. The page's worker (files read from the zip step by
// step, the download streamed), Node tests and benchmarks drive the same loop; the Worker runs
// the same steps a few per request.
import { fileKinds, kindsOf, lightKinds } from "./export-files.js";

// core: a Core (core.js), whose classifier names each file's kind. entries: [{path, bytes}]
// of the export. Returns the plan's inputs: light files (read with `read(path)`, async) with
// their bytes, every other file empty, and the sizes.
export async function planInputs(core, entries, read) {
  const kinds = kindsOf(core, entries.map((e) => e.path));
  const light = lightKinds(fileKinds(core));
  const files = [];
  const sizes = {};
  for (const [i, e] of entries.entries()) {
    if (light.has(kinds[i])) files.push({ name: e.path, data: await read(e.path) });
    else {
      files.push({ name: e.path, data: new Uint8Array(0) });
      sizes[e.path] = e.bytes;
    }
  }
  return { files, sizes };
}

// The plan a conversion runs, from its base options (no zone). The zone comes from the plan's
// report (Profile.csv) or the caller, so the first plan is made without it. Where the export
// shows UTC offsets of its own, that plan weighed them against no zone (its part or steps
// carry "plannedZone") and steps and assembly refuse other options: it is made again with the
// conversion's own. Other exports keep the first plan (nothing in it depends on the zone), so
// most plan once. zoneOf(report) -> the options' timeZone, or null.
// Returns {plan, options}: the plan and the options its steps and assembly take.
export function planConversion(core, base, files, sizes, zoneOf) {
  const first = core.plan(base, files, sizes);
  const timeZone = zoneOf(first.report);
  const options = timeZone ? { ...base, timeZone } : { ...base };
  const weighed = first.part.plannedZone !== undefined || first.steps.some((s) => s.plannedZone !== undefined);
  return { options, plan: timeZone && weighed ? core.plan(options, files, sizes) : first };
}

// Splits a plan's steps into the groups run per core call: `group` is a number (steps per
// call) or a function (remaining steps -> how many to take next).
function* groupsOf(steps, group) {
  for (let i = 0; i < steps.length; ) {
    const n = Math.max(1, Math.min(steps.length - i, typeof group === "function" ? group(steps.length - i) : group));
    yield steps.slice(i, i + n);
    i += n;
  }
}

// core: a Core (core.js). options: the conversion options (no sizes). plan: core.plan()'s result.
// readFiles(names) -> [{name, data}] (async). onOutput(path, data) receives each output in
// download order (async allowed). onStep({done, total, step}) after each group.
export async function runSteps({ core, options, plan, readFiles, onOutput, onStep, group = 1, signal }) {
  const parts = [];
  let done = 0;
  for (const steps of groupsOf(plan.steps, group)) {
    if (signal?.aborted) throw signal.reason;
    const names = [...new Set(steps.flatMap((s) => s.files))];
    const files = names.length ? await readFiles(names) : [];
    let results;
    try {
      results = core.step(options, steps.length === 1 ? steps[0] : steps, files);
    } catch (err) {
      // Say which files the failing step read: the one place a person can look.
      err.message = `${err.message} (while converting ${names.map((n) => n.slice(n.lastIndexOf("/") + 1)).join(", ") || steps[0].kind})`;
      throw err;
    }
    for (const r of results) {
      parts.push(r.part);
      for (const f of r.files) await onOutput(f.path, f.data);
    }
    done += steps.length;
    onStep?.({ done, total: plan.steps.length, step: steps.at(-1) });
  }
  for (const f of core.assemble(options, plan.part, parts)) await onOutput(f.path, f.data);
}
