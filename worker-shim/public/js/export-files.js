// Which files of a Fitbit export the converter reads, found by file name (FORMATS.md §1: the
// folders differ between Google Takeout, 2026 "Google Health" exports and the older
// MyFitbitData archive, the file names do not). Everything else in a multi-gigabyte Takeout
// (photos, other Google products, per-second heart rate…) is ignored and never read.
// Pure: used by the page and by tests/node.

// `kind` is the converter's name for a kind of record; `label` is what a person reads.
// `sent: false` marks files we recognise but do not need, listed so nobody wonders.
export const EXPORT_KINDS = Object.freeze([
  { kind: "profile", label: "Profile (time zone, height)", sent: true, pattern: /^Profile\.csv$/ },
  { kind: "weight", label: "Weight logs", sent: true, pattern: /^weight-\d{4}-\d{2}-\d{2}\.json$/ },
  // Google's newer CSV of the same weights in grams: evidence for the weight unit.
  { kind: "weight_csv", label: "Weight (Google CSV, grams)", sent: true, pattern: /^weight\.csv$/ },
  { kind: "exercise", label: "Workouts", sent: true, pattern: /^exercise-\d+\.json$/ },
  // GPS tracks, one per workout, named by the workout's logId.
  { kind: "tcx", label: "Workout GPS tracks", sent: true, pattern: /^\d+\.tcx$/i },
  { kind: "steps", label: "Steps (per minute)", sent: true, pattern: /^steps-\d{4}-\d{2}-\d{2}\.json$/ },
  { kind: "distance", label: "Distance (per minute)", sent: true, pattern: /^distance-\d{4}-\d{2}-\d{2}\.json$/ },
  { kind: "calories", label: "Calories (per minute)", sent: true, pattern: /^calories-\d{4}-\d{2}-\d{2}\.json$/ },
  { kind: "floors", label: "Floors climbed", sent: true, pattern: /^floors-\d{4}-\d{2}-\d{2}\.json$/ },
  { kind: "altitude", label: "Altitude climbed", sent: true, pattern: /^altitude-\d{4}-\d{2}-\d{2}\.json$/ },
  {
    kind: "active_minutes",
    label: "Active and sedentary minutes",
    sent: true,
    pattern: /^(sedentary|lightly_active|moderately_active|very_active)_minutes-\d{4}-\d{2}-\d{2}\.json$/,
  },
  { kind: "resting_heart_rate", label: "Resting heart rate", sent: true, pattern: /^resting_heart_rate-\d{4}-\d{2}-\d{2}\.json$/ },
  { kind: "sleep", label: "Sleep", sent: true, pattern: /^sleep-\d{4}-\d{2}-\d{2}\.json$/ },
  // One file per day, up to ~70,000 rows each (gigabytes over years): Garmin cannot import
  // it and workouts carry their own heart rate, so it is recognised but not read.
  { kind: "heart_rate", label: "Heart rate (every few seconds)", sent: false, pattern: /^heart_rate-\d{4}-\d{2}-\d{2}\.json$/ },
]);

const BY_KIND = new Map(EXPORT_KINDS.map((k) => [k.kind, k]));
export function kindInfo(kind) {
  return BY_KIND.get(kind);
}

// A path inside the export ("Takeout/Fitbit/Global Export Data/weight-2023-01-01.json") →
// its kind, or null. Folder names do not matter, except the metadata folders and AppleDouble
// files ("._x") that macOS adds to zips, which are never export data.
export function classifyPath(path) {
  const parts = path.split(/[\\/]/);
  if (parts.includes("__MACOSX")) return null;
  const base = parts[parts.length - 1];
  if (base.startsWith("._")) return null;
  for (const k of EXPORT_KINDS) if (k.pattern.test(base)) return k.kind;
  return null;
}

// [{path, bytes}] → {files: [{path, bytes, kind, sent}], byKind: [{kind, label, sent, count,
// bytes}], ignored: {count, bytes}}, in EXPORT_KINDS order then path order, so the same export
// always gives the same list (and the same TSB1 input, and the same output).
export function selectExportFiles(entries) {
  const files = [];
  const ignored = { count: 0, bytes: 0 };
  for (const e of entries) {
    const kind = classifyPath(e.path);
    if (kind === null) {
      ignored.count += 1;
      ignored.bytes += e.bytes;
    } else {
      files.push({ ...e, kind, sent: BY_KIND.get(kind).sent });
    }
  }
  const order = new Map(EXPORT_KINDS.map((k, i) => [k.kind, i]));
  files.sort((a, b) => order.get(a.kind) - order.get(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byKind = [];
  for (const k of EXPORT_KINDS) {
    const mine = files.filter((f) => f.kind === k.kind);
    if (mine.length) byKind.push({ kind: k.kind, label: k.label, sent: k.sent, count: mine.length, bytes: mine.reduce((s, f) => s + f.bytes, 0) });
  }
  return { files, byKind, ignored };
}
