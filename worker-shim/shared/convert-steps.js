// Runs a conversion as the core plans it (wasm/core/convert/steps.h): the plan from light files
// and sizes, then each step with only its own files, then assembly; every output handed on as
// soon as it exists, in download order. The page's worker (files read from the zip step by
// step, the download streamed), Node tests and benchmarks drive the same loop; the Worker runs
// the same steps a few per request.
import { fileKinds, kindsOf, lightKinds } from "./export-files.js";
import { timeZoneOption, zoneUntilSec } from "./tz.js";
import { decodeBundle } from "./bundle.js";
import { PARTS_MAX_COUNT } from "./upload-limits.js";

// core: a Core (core.js), whose classifier names each file's kind. entries: [{path, bytes}]
// of the export. Returns the plan's inputs: light files (read with `read(path, entry)`, async;
// the entry tells apart two copies of one path) with their bytes, every other file empty, and
// the sizes.
export async function planInputs(core, entries, read) {
  const kinds = kindsOf(core, entries.map((e) => e.path));
  const light = lightKinds(fileKinds(core));
  const files = [];
  const sizes = {};
  for (const [i, e] of entries.entries()) {
    if (light.has(kinds[i])) files.push({ name: e.path, data: await read(e.path, e) });
    else {
      files.push({ name: e.path, data: new Uint8Array(0) });
      sizes[e.path] = e.bytes;
    }
  }
  return { files, sizes };
}

// The plan a conversion runs, and the options its steps and assembly take, from its base
// options (no zone). The zone comes from the plan's report (Profile.csv) or the caller:
// zoneOf(report) -> the options' timeZone over the report's transitionsRange, or null. Every
// plan is made with the zone its steps run with: the plan's part carries what the zone was
// compared with (the manifest's "timeZone"), so a plan made without it would give another
// manifest than the device's.
//   Without `guess`, a plan without the zone learns it (as the page's report does), and a
//   second plan is made with it.
//   With guess = {timeZone, from, to} — the zone the caller expects, its transitions over a
//   range [from, to] meant to hold every record — the first plan is made with it, and kept
//   when its report asks for that zone over a range inside [from, to] and the plan wrote no
//   zoneInEffect (which is built from the transitions the plan was given). Its steps and
//   assembly then run with the exact options, the report's own range, as on the device: a
//   record past that range (a per-minute file holding minutes more than a year past its name)
//   takes the range's last offset there, and would take the guess's offset at that time here
//   (review finding: a guess ending on 1 January put a July minute of EDT an hour earlier, on
//   the day before). The exact transitions come from the zone-years the guess cached (tz.js):
//   no Intl work. Otherwise the plan is made again, exactly.
// digests: names of exercise files that `files` carries as their digests (core.js digest()).
// groups: the rules that cut the plan into a server session's groups (core.js planGroups());
// the plan is then planGroups()'s answer.
// Returns {plan, options, guessKept}.
export function planConversion(core, base, files, sizes, zoneOf, guess = null, digests = null, groups = null) {
  const planOf = (options) => (groups ? core.planGroups(options, files, sizes, digests, groups) : core.plan(options, files, sizes, digests));
  if (guess) {
    const options = { ...base, timeZone: guess.timeZone };
    const plan = planOf(options);
    const exact = zoneOf(plan.report);
    const range = plan.report.transitionsRange;
    const kept = exact && exact.name === guess.timeZone.name && exact.explicit === guess.timeZone.explicit &&
      range && range.from >= guess.from && range.to <= guess.to && !plan.stepZone?.zoneInEffect;
    if (kept) return { options: { ...base, timeZone: exact }, plan, guessKept: true };
  }
  const first = planOf(base);
  const timeZone = zoneOf(first.report);
  if (!timeZone) return { options: { ...base }, plan: first, guessKept: false };
  const options = { ...base, timeZone };
  return { options, plan: planOf(options), guessKept: false };
}

// Fitbit's first tracker shipped in 2009: records before it are a wrong clock.
export const GUESS_FROM_SEC = Date.UTC(2009, 0, 1) / 1000;

// planConversion's guess for `zone`: its transitions from 2009 to the end of the second year
// after nowMs's (a report's range reaches a year past its last dated file: plan_report.cpp
// kOpenEndDays, so an export made today asks for transitions into the year after next) —
// narrowed to the years the export's dated file names span (guessYears) when it has any. The
// Intl work is per zone-year (about 0.3 ms each from a cold isolate, tz.js caches them), so
// twenty years of a zone the isolate has not seen cost the plan request ~6 ms of its 10 ms; a
// one-year export's names ask for about four. The guess is only a guess: a report whose range
// is outside it is planned again, exactly, as before.
// Each range ends a second before a new year: tz.js scans whole UTC years, and a range ending
// on 1 January 00:00 made it scan one more.
export function guessFor(zone, explicit, nowMs, names = []) {
  let from = GUESS_FROM_SEC;
  let to = zoneUntilSec(nowMs);
  const years = guessYears(names);
  if (years) {
    const first = Math.max(from, Date.UTC(years.first, 0, 1) / 1000);
    const last = Math.min(to, Date.UTC(years.last + 1, 0, 1) / 1000 - 1);
    // Names all past the wide guess (or all before 2009) narrow nothing: the wide guess.
    if (first < last) [from, to] = [first, last];
  }
  return { timeZone: { ...timeZoneOption(zone, from, to), explicit }, from, to };
}

// The UTC years a report's range most likely lies in, from the days in the names of dated
// files ("steps-2023-01-01.json", "weight-2023-01-01.json": the core's day_in_name, a date after
// the base name's first dash): from the year before the first's (workouts, whose exercise files
// are numbered, not dated, may start before any dated file; it holds the two days of offsets
// the report's range reaches back too) to the year of a file's length and a year past the last
// (plan_report.cpp kDaysPerFile + kOpenEndDays, and two days of offsets).
// null when no name has a date. A name with a wrong date only widens the guess, within the
// 2009.. bounds guessFor keeps.
const DATED_NAME = /^[^-]*-(\d{4})-(\d{2})-(\d{2})/;
const REPORT_DAYS_PAST_NAME = 32 + 366 + 2;
export function guessYears(names) {
  let first = Infinity;
  let last = -Infinity;
  for (const name of names) {
    const m = DATED_NAME.exec(name.slice(name.lastIndexOf("/") + 1));
    if (!m) continue;
    const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const d = new Date(day);
    if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) continue; // not a calendar day
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (first === Infinity) return null;
  return {
    first: new Date(first).getUTCFullYear() - 1,
    last: new Date(last + REPORT_DAYS_PAST_NAME * 86400000).getUTCFullYear(),
  };
}

// The options a plan's steps run with: the conversion's, plus the plan's "stepZone" when it
// has one (the zone members of every step but weight, written once: steps.h).
export function stepOptions(options, stepZone) {
  return stepZone ? { ...options, stepZone } : options;
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

// Step parts (Uint8Array) kept for assembly, in plan order, gathered a run at a time
// (wasm/core/convert/gathered.h): once the parts since the last gathering reach `bytes`,
// ready() hands a run of them out, and gathered(part) puts the one gathered part in its place.
// Assembly then reads a few gathered parts instead of every step's, so no one call — the
// server's assembly request above all — reads a long history's ~1 MB of parts. A run is at
// most `cap` bytes as the body that carries it (one TSB1 bundle of parts named part.json:
// the server's gather route refuses a larger body; twice `bytes` by default): what is past it
// waits for the next run, so callers gather while ready() hands runs out. A part too large
// for a run even with one other is left as it is (assembly reads it), as is a lone part
// (gathering one part gains nothing). bytes = 0: nothing is gathered.
const BUNDLE_HEADER = 12; // "TSB1", the options' length (0), the file count
const PART_FRAMING = 4 + "part.json".length + 4; // the name's length, the name, the data's length
export class PartRuns {
  constructor(bytes, cap = 2 * bytes) {
    this.bytes = bytes;
    this.cap = cap;
    this.parts = [];
    this.from = 0; // where the parts not gathered yet begin
    this.pending = 0; // their bytes
    this.taken = null; // the run ready() handed out: {count, bytes}
  }

  add(part) {
    this.parts.push(part);
    this.pending += PART_FRAMING + part.length;
  }

  // The run to gather now (two parts or more, at most `cap` bytes), once the parts not
  // gathered reach `bytes` — or, with `all` (the end), whatever is left. Else null.
  ready(all = false) {
    if (this.bytes <= 0) return null;
    while (this.parts.length - this.from >= 2 && (all || this.pending >= this.bytes)) {
      let count = 0;
      let bytes = 0;
      // At most `cap` bytes and PARTS_MAX_COUNT parts: what one gather request carries.
      for (let i = this.from; i < this.parts.length && count < PARTS_MAX_COUNT && BUNDLE_HEADER + bytes + PART_FRAMING + this.parts[i].length <= this.cap; i++) {
        bytes += PART_FRAMING + this.parts[i].length;
        count += 1;
      }
      if (count >= 2) {
        this.taken = { count, bytes };
        return this.parts.slice(this.from, this.from + count);
      }
      // The first part, alone or with the next, is over the cap: it stays as it is.
      this.pending -= PART_FRAMING + this.parts[this.from].length;
      this.from += 1;
    }
    return null;
  }

  gathered(part) {
    this.parts.splice(this.from, this.taken.count, part);
    this.from += 1;
    this.pending -= this.taken.bytes;
    this.taken = null;
  }
}

// The longest header a gathered part has: {"gathered":n}, n at most 2^53.
const GATHERED_HEADER_MAX = 64;
// The most files a gathered part holds: gathered.json, one per section (a step kind, fewer
// than twenty) and tables (gathered.h).
const GATHERED_FILES_MAX = 64;

// How many step parts `part` stands for: 1 for a step's part.json, the count a gathered part
// states in its header (a TSB1 bundle whose options are {"gathered": n}; gathered.h). -1 for
// a bundle that does not state one. The header is read only when it is that short: a server
// route counts parts a client sent before the core sees them, and 15 MB of "[{},{},…]" given
// to JSON.parse is hundreds of MB of heap, past the isolate's memory. So is the file count: a
// 1 MiB part of 131,000 empty files cost 0.2-0.8 s to decode in JS, one object per file, to
// read a header (attack finding).
export function stepsIn(part) {
  const tsb1 = part.length >= 4 && part[0] === 0x54 && part[1] === 0x53 && part[2] === 0x42 && part[3] === 0x31;
  if (!tsb1) return 1;
  try {
    const n = decodeBundle(part, { maxOptionsBytes: GATHERED_HEADER_MAX, maxFiles: GATHERED_FILES_MAX }).options?.gathered;
    return Number.isSafeInteger(n) && n > 0 ? n : -1;
  } catch {
    return -1;
  }
}

// core: a Core (core.js). options: the conversion options (no sizes). plan: core.plan()'s result.
// readFiles(names) -> [{name, data}] (async). onOutput(path, data) receives each output in
// download order (async allowed). onStep({done, total, step}) after each group. gather: the
// bytes of step parts gathered per core call before assembly (PartRuns; 0: none).
export async function runSteps({ core, options, plan, readFiles, onOutput, onStep, group = 1, gather = 0, signal }) {
  const stepped = stepOptions(options, plan.stepZone);
  const runs = new PartRuns(gather);
  let done = 0;
  for (const steps of groupsOf(plan.steps, group)) {
    if (signal?.aborted) throw signal.reason;
    const names = [...new Set(steps.flatMap((s) => s.files))];
    const files = names.length ? await readFiles(names) : [];
    let results;
    try {
      results = core.step(stepped, steps.length === 1 ? steps[0] : steps, files);
    } catch (err) {
      // Say which files the failing step read: the one place a person can look.
      err.message = `${err.message} (while converting ${names.map((n) => n.slice(n.lastIndexOf("/") + 1)).join(", ") || steps[0].kind})`;
      throw err;
    }
    for (const r of results) {
      runs.add(r.part);
      for (const f of r.files) await onOutput(f.path, f.data);
    }
    for (let run; (run = runs.ready()); ) runs.gathered(core.gather(run));
    done += steps.length;
    onStep?.({ done, total: plan.steps.length, step: steps.at(-1) });
  }
  for (let run; (run = runs.ready(true)); ) runs.gathered(core.gather(run));
  for (const f of core.assemble(options, plan.part, runs.parts)) await onOutput(f.path, f.data);
}
