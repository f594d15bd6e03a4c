// Which files of a Fitbit export TrackerSync takes. The core decides (wasm/core/fitbit/
// file_kinds.h: one table of kinds, one classifier, by each file's own name wherever it sits,
// in every layout — docs/formats.md "Layouts"),
// so the Worker's upload route, the page and the CLI cannot disagree about what an export is.
// Shared by the Worker (which refuses any file of no kind with 422 before storing a byte) and
// the page (which picks the files out of a Takeout zip); both pass their own core instance.
//
// A kind names what a file holds (`kind` in the upload response): weight, weight_csv, height,
// height_csv, body_fat_csv, profile, exercise, tcx, steps, distance, calories, floors, altitude,
// sedentary_minutes, lightly_active_minutes, moderately_active_minutes, very_active_minutes,
// heart_rate, resting_heart_rate, sleep, other_health. ts_file_kinds lists them with their
// file patterns, report kind, output folder and convert option.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const tables = new WeakMap(); // core -> its kind table (the same for the life of the instance)

// The core's kind table: {kinds: [{kind, pattern, report, output, convert, light, usedBy}],
// convertOptions: [...], skipReasons: [{code, reason}]}.
export function fileKinds(core) {
  let t = tables.get(core);
  if (!t) {
    t = core.callJsonText("ts_file_kinds", "");
    tables.set(core, t);
  }
  return t;
}

// paths (strings) -> {kinds: [kind id or null, one per path], skipped: [{code, reason, files,
// paths}]}: every path of no kind is counted and named by the reason it is skipped.
// NUL separates the paths of the listing, so a NUL inside one is handed over as another
// control character: the path stays unsafe, as the core classifies any control character
// (wasm/core/fitbit/file_kinds.h). Dropping it instead classified "weight-….js\0on" as the
// weight file it is not, and the upload stored it.
export function classifyPaths(core, paths) {
  const listing = paths.map((p) => String(p).replaceAll("\0", "\x01")).join("\0");
  return JSON.parse(decoder.decode(core.callBytes("ts_classify_paths", encoder.encode(listing))));
}

// The convert options (options.kinds) and, for each, the file kinds a conversion of it reads.
export function convertKinds(table) {
  const out = {};
  for (const o of table.convertOptions) out[o] = table.kinds.filter((k) => k.usedBy.includes(o)).map((k) => k.kind);
  return out;
}

// The convert option that includes a report kind's records ("sleep" -> "reference"), or null.
export function convertOfReport(table, reportKind) {
  return table.kinds.find((k) => k.report === reportKind && k.convert)?.convert ?? null;
}

// The kind of each path, or null where it has none: classifyPaths without the reasons.
export const kindsOf = (core, paths) => classifyPaths(core, paths).kinds;

// The kinds a conversion's plan reads with their bytes (the table's `light`; the core's side is
// wasm/core/convert/light_files.h): small by nature, they give the report, the weight chart,
// the workout list and the evidence every step needs (units from height and BMI, UTC offsets
// from the weigh-ins in both weight sources). Every other file is read only by the step that
// converts it, so it may be sent to the plan without its bytes (its size stands in).
export const lightKinds = (table) => new Set(table.kinds.filter((k) => k.light).map((k) => k.kind));
// Whether the plan reads this file's bytes (one path; kindsOf and lightKinds for many).
export const isLightPath = (core, path) => lightKinds(fileKinds(core)).has(kindsOf(core, [path])[0]);
