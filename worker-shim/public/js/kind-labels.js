// What the page does with each kind of export file. WHICH kind a file is, is decided by the
// core (wasm/core/fitbit/file_kinds.h, through ts_classify_paths — the classifier the
// Worker's upload route and the CLI run), so the page never sends a file the server would
// refuse, and never misses one it would take. Here: how each kind reads to a person, and
// whether the page sends it to the converter at all. Pure: used by the page and tests/node.

// In this order on the page, one per kind of the core's table (tests/node/web-export-files.test.js
// checks they match). `sent: false` marks files recognised but not needed, listed so nobody
// wonders where they went.
export const KIND_LABELS = Object.freeze([
  { kind: "profile", label: "Profile (time zone, height)", sent: true },
  { kind: "weight", label: "Weight logs", sent: true },
  { kind: "weight_csv", label: "Weight (Google CSV, grams)", sent: true },
  { kind: "height", label: "Height records", sent: true },
  { kind: "height_csv", label: "Height (Google CSV)", sent: true },
  // The body fat of weigh-ins only weight.csv holds.
  { kind: "body_fat_csv", label: "Body fat (Google CSV)", sent: true },
  { kind: "exercise", label: "Workouts", sent: true },
  // Most of its rows are the workouts above; those no exercise record overlaps are converted.
  { kind: "google_exercises", label: "Workouts (Google's list, UserExercises CSV)", sent: true },
  { kind: "tcx", label: "Workout GPS tracks", sent: true },
  // Takeout has no tracks: the positions of its workouts are in these day files.
  { kind: "gps_location", label: "Workout positions (Google's GPS files)", sent: true },
  { kind: "cadence", label: "Workout cadence (Google's files)", sent: true },
  // Steps and distance each second: the records of the workouts without positions.
  { kind: "live_pace", label: "Workout pace (Google's files)", sent: true },
  // A watch's running dynamics, each onto the records of the workouts above.
  { kind: "stride_length", label: "Workout stride length (Google's files)", sent: true },
  { kind: "ground_contact_time", label: "Workout ground contact time (Google's files)", sent: true },
  { kind: "vertical_oscillation", label: "Workout vertical oscillation (Google's files)", sent: true },
  { kind: "vertical_ratio", label: "Workout vertical ratio (Google's files)", sent: true },
  { kind: "steps", label: "Steps", sent: true },
  { kind: "distance", label: "Distance", sent: true },
  { kind: "calories", label: "Calories", sent: true },
  { kind: "floors", label: "Floors climbed", sent: true },
  { kind: "altitude", label: "Altitude climbed", sent: true },
  { kind: "sedentary_minutes", label: "Sedentary minutes", sent: true },
  { kind: "lightly_active_minutes", label: "Lightly active minutes", sent: true },
  { kind: "moderately_active_minutes", label: "Fairly active minutes", sent: true },
  { kind: "very_active_minutes", label: "Very active minutes", sent: true },
  { kind: "resting_heart_rate", label: "Resting heart rate", sent: true },
  { kind: "sleep", label: "Sleep", sent: true },
  // Google's list of the same sleeps: read past the days of the export's sleep-*.json.
  { kind: "sleep_csv", label: "Sleep (Google's list, UserSleeps CSV)", sent: true },
  // One file per day, up to ~70,000 rows each (gigabytes over years): Garmin cannot import it,
  // but it gives heart rate to workouts whose track has none and a per-day summary. Converted
  // a day file per step, so its size does not matter.
  { kind: "heart_rate", label: "Heart rate (every few seconds)", sent: true },
  // Google's readings, a day or a month a file: read for the same two uses on days no
  // heart_rate-*.json holds (beside those the core names them copies, and they are not sent).
  { kind: "heart_rate_csv", label: "Heart rate (Google's CSV, every few seconds)", sent: true },
  // SpO2, HRV, temperature, VO2 max, …: Garmin has no import for them; the conversion copies the
  // CSVs and JSON files into reference/other/, on the page as in the CLI (the same zip from the
  // same export).
  { kind: "other_health", label: "Other health data (SpO2, HRV, temperature, …)", sent: true },
]);

const INFO = new Map(KIND_LABELS.map((k, i) => [k.kind, { ...k, order: i }]));
export function kindInfo(kind) {
  return INFO.get(kind) ?? { kind, label: kind, sent: false, order: KIND_LABELS.length };
}

// entries [{path, bytes, …}] -> {unique: one entry of each path, repeats: the others}, each in
// entries order. Two Takeout parts, or a zip and the same export unpacked, can hold one path
// twice. The entry kept is the largest, the first of those as large: a file that came out
// empty in one Takeout part and whole in another is converted whichever part was dropped
// first, and so is one that holds only `[]` in one (helper finding: a month of weigh-ins was
// lost to such a copy, read for not being empty) — the copy the core's file table reads
// (wasm/core/convert/file_table.h), so the CLI converts the same one. The page converts that copy on either way
// (the server keeps one file per path of an upload), and hands the others to the report by
// name, where the core names them as repeated.
export function largestOfEachPath(entries) {
  const kept = new Map(); // path -> the entry converted
  for (const e of entries) {
    const k = kept.get(e.path);
    if (k === undefined || e.bytes > k.bytes) kept.set(e.path, e);
  }
  const unique = [];
  const repeats = [];
  for (const e of entries) (kept.get(e.path) === e ? unique : repeats).push(e);
  return { unique, repeats };
}

// entries [{path, bytes, …}] and the core's classification of their paths, in the same order
// ({kinds, skipped}: ts_classify_paths) → {files: [{…, kind, sent}], byKind: [{kind, label,
// sent, count, bytes}], ignored: {count, bytes}, skipped: [{code, reason, files, paths}]}, in
// KIND_LABELS order then path order, so the same export always gives the same list (and the
// same converter input, and the same output).
export function selectExportFiles(entries, classified) {
  const files = [];
  const ignored = { count: 0, bytes: 0 };
  entries.forEach((e, i) => {
    const kind = classified.kinds[i];
    if (kind == null) {
      ignored.count += 1;
      ignored.bytes += e.bytes;
    } else {
      files.push({ ...e, kind, sent: kindInfo(kind).sent });
    }
  });
  files.sort((a, b) => kindInfo(a.kind).order - kindInfo(b.kind).order || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byKind = [];
  for (const f of files) {
    const last = byKind[byKind.length - 1];
    if (last?.kind === f.kind) {
      last.count += 1;
      last.bytes += f.bytes;
    } else {
      const { label, sent } = kindInfo(f.kind);
      byKind.push({ kind: f.kind, label, sent, count: 1, bytes: f.bytes });
    }
  }
  return { files, byKind, ignored, skipped: classified.skipped };
}
