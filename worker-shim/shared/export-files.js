// Which files of a Fitbit export TrackerSync takes, recognised by name pattern — never by a
// fixed folder, because the export layouts (Google Takeout, the older MyFitbitData archive,
// fitbit.com's user-site-export; docs/formats.md "Layouts") put the same files in different
// places. Shared by the Worker
// (which refuses anything else with 422 before storing a byte) and the web UI (which picks
// these files out of a Takeout zip).
//
// A kind names what a file holds, as the upload response reports it:
//   weight            weight-YYYY-MM-DD.json — monthly weight logs
//   weight_csv        Takeout's weight.csv (grams)
//   profile           Profile.csv — the account's time zone and height
//   exercise          exercise-N.json — workouts
//   tcx               Activities/<logId>.tcx — a workout's GPS track
//   steps, distance, calories, floors, altitude, heart_rate, resting_heart_rate, sleep,
//   sedentary_minutes, lightly_active_minutes, moderately_active_minutes,
//   very_active_minutes — <kind>-DATE.json (per-minute and daily series)
//   takeout_csv       any other CSV in a Takeout Fitbit data folder (heart rate, SpO2, HRV,
//                     sleep score, …)
const JSON_SERIES = [
  "weight", "exercise", "steps", "distance", "calories", "floors", "altitude", "heart_rate", "resting_heart_rate", "sleep",
  "sedentary_minutes", "lightly_active_minutes", "moderately_active_minutes", "very_active_minutes",
];
const SERIES_RE = new RegExp(`^(${JSON_SERIES.join("|")})-[0-9A-Za-z_-]+\\.json$`);
// Folders of the Takeout layout whose CSVs are Fitbit data.
const TAKEOUT_CSV_FOLDER_RE = /(_GoogleData|^Sleep Score|^Oxygen Saturation \(SpO2\)|^Heart Rate Variability|^Stress Score|^Temperature)/i;

export const EXPORT_KINDS = Object.freeze([...JSON_SERIES, "weight_csv", "profile", "tcx", "takeout_csv"]);

// The kind of the file at `path` (its path inside the export, "/"-separated), or null when it
// is not a file TrackerSync reads.
export function exportFileKind(path) {
  if (typeof path !== "string" || path.length === 0 || path.length > 512) return null;
  const parts = path.split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) return null;
  const base = parts[parts.length - 1];
  // macOS adds "__MACOSX/…/._name" metadata twins to zips it makes: never export data.
  if (parts[0] === "__MACOSX" || base.startsWith("._")) return null;
  const parent = parts.length > 1 ? parts[parts.length - 2] : "";
  const series = SERIES_RE.exec(base);
  if (series) return series[1];
  const lower = base.toLowerCase();
  if (lower === "profile.csv") return "profile";
  if (lower === "weight.csv") return "weight_csv";
  if (lower.endsWith(".tcx") && parent.toLowerCase() === "activities") return "tcx";
  if (lower.endsWith(".csv") && parts.slice(0, -1).some((p) => TAKEOUT_CSV_FOLDER_RE.test(p))) return "takeout_csv";
  return null;
}

// Kinds a conversion plan reads with their bytes (wasm/core/convert/light_files.h is the
// core's side; tests/node/steps.test.js checks they agree): small by nature, they give the
// report, the weight chart and the workout list. Every other file is read only by the step
// that converts it, so it may be sent to the plan without its bytes (its size stands in).
export const LIGHT_KINDS = Object.freeze(["weight", "weight_csv", "profile", "exercise", "resting_heart_rate"]);
export const isLightKind = (kind) => LIGHT_KINDS.includes(kind);
