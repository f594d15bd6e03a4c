// A conversion as a PLAN, bounded STEPS and one ASSEMBLE: what lets any history convert with
// memory (and CPU per call) bounded by the largest unit of work, never by the export.
//
// ts_plan — input: a TSB1 bundle of every export file. LIGHT files (is_light_file: weight
//   JSON, weight.csv, height JSON, height.csv, Profile.csv, exercise JSON, Google's
//   UserExercises CSV, resting heart rate; small by nature) carry their bytes; every other file may carry empty data, its size
//   given in the options:
//     options = the conversion options (options.h) + "sizes": {"<path>": bytes, …}, or one size
//     per file in bundle order [bytes, …] (light_files.h FileSizes)
//   Output: plan JSON
//     {"report": {…},        what ts_validate returns: kinds, counts, date ranges, unit, zone,
//                            transitionsRange (file names give the ranges of heavy kinds)
//      "steps": [{"id": "workouts-0003", "kind": "weight"|"workouts"|"daily"|"sleep"|
//                 "resting_hr"|"heart_rate"|"other", "files": [paths], "bytes": n, …}, …],
//      "stepZone": {…}?,     the zone members of every step but weight (below), when any
//                            (and any step but weight)
//      "part": {…}}          the plan's own part: what assembly needs from the light reads
//   Steps come in a fixed order (the order of their outputs in the download). A step's extra
//   members say what it owns: "weighIns" and "fileNumbers" (weight: the weigh-ins the plan
//   made from every weight source, a run of at most 1,000, and the numbers of the FIT files
//   they fill; such a step lists no file: weight_steps.h); "logIds" (workouts); "records" (workouts: [[path, byteOffset,
//   byteLength], …], one per logId in the same order — where that workout's JSON object lies
//   in the exercise file it is read from, the first file by name that holds the logId, which
//   stays among the step's files; for a workout only Google's list holds, its row of that
//   UserExercises CSV, its logId its start in Unix ms, google_workouts.h. The step parses
//   those bytes only, and refuses a range that is not inside one of its exercise files or not
//   the record of the logId it is listed for.
//   A step without "records", planned before plans wrote them, reads its whole exercise
//   files; workout_records.h); "hrFrom" (a workout overlapping earlier ones: the first UTC
//   second of heart-rate readings that are its own); "from"/"to" (daily: the UTC seconds of
//   the per-minute records it counts; null = unbounded); "output" (other: the path its copy is
//   written to, decided by the plan for every copy at once, so no two steps share a path).
//   When the export shows UTC offsets of its own (weigh-ins in both weight.csv and the weight
//   JSON, tz/learned_zone.h), the plan has "stepZone": {"plannedZone": {"name","explicit"} |
//   null (the options' zone the plan was made with: a step whose options give another is
//   refused, so plan with the conversion's own options, timeZone included) and, when the zone
//   in effect differs from the options' zone, "zoneInEffect": [[utcSec, offsetSec], …]: local
//   times are read in it}. It applies to every step but weight, and is written once, not on
//   each step: with a move between zones it is ~800 bytes, and a ten-year plan ~3,000 steps.
//
// ts_step — input: options = the conversion options + "step": one of the plan's step objects,
//   copied verbatim, + "stepZone": the plan's, verbatim, when it has one; files = exactly that
//   step's files (by the same paths, with their bytes). A step that carries "plannedZone" or
//   "zoneInEffect" itself (plans made before "stepZone" wrote them on each step) uses its own.
//   Output: a TSB1 bundle: "part.json" first, then the output files this step owns
//   (weight/…fit, activities/…fit, reference/other/…csv) in download order. A step's outputs
//   depend only on its own files and the options, so steps may run in any grouping, on any
//   machine, in any number of calls. Several steps in one call: "steps": [step, …] instead
//   of "step", the files of all of them; the output is each step's (part.json, files…) in turn.
//
// ts_assemble — input: options = the conversion options; files = the plan's "part" (JSON
//   text) followed by every step's part.json, in plan order (names are not read). Output: a
//   TSB1 bundle of manifest.json, IMPORT.txt and the files made from the parts' rows
//   (csv/activities-….csv, reference/sleep.csv, reference/resting_heart_rate.csv,
//   reference/heart_rate_daily.csv).
//
// ts_gather — input: files = a run of consecutive parts in plan order (steps' part.json, or
//   parts ts_gather wrote); options are not read. Output: one GATHERED part (gathered.h) that
//   ts_assemble, and ts_gather again, take in place of the run: assembling gathered parts gives
//   the same bytes as assembling every step's part. It splits assembly's reading of ~3,000
//   parts into calls of bounded size, and the last call copies the manifest entries the
//   gathered parts carry as they are.
//   ts_assemble's files after the plan's part may be any mix of step parts and gathered
//   parts, in plan order.
//
// The download: every step's output files in plan order, then assembly's files, zipped in
// that order (worker-shim/shared/packaging.js). Same export and options -> the same bytes,
// however the steps were grouped and wherever they ran.
//
// part.json (every member optional; written and read only by the core):
//   {"kind": step kind | "plan",
//    "files": [manifest entries of the files the step wrote],
//    "skipped": [{source, index?, reason}], "warnings": ["…"], "outputBytes": n,
//    "weightUnit": {…}, "weighIns": {…} (weight, from a step without rows: a plan made before
//    weight steps carried them),
//    "autoDetected": n, "implausibleLeftOut": n, "missingMaps": ["…"] (workouts),
//    "metric": "steps", "read": true|false, "days": [[civil day, value], …], "span": [first, last]
//    (UTC seconds of its records; a local-time metric's adds its last record's local clock
//    reading and 1 when a file was cut short: [first, last, last local, cut]), "before"/"after": [[start, seconds, civil day, value,
//    records], …] (what its window leaves out, by minute, quarter hour or day: gathered.h
//    DAILY SPANS), "outside": n (parts written before spans: records left out) (daily),
//    "rows": [[key, row], …], "firstDay"/"lastDay": civil days (sleep, resting_hr),
//    "hrDays": [[civil day, min, max, sum, readings], …] (heart_rate)}
//   The plan's part: {"kind": "plan", "skipped": {"weight"|"workouts"|"daily"|"reference"|
//   "other": […]}, "skippedFiles": […], "profileZone": name|null, "profileZoneFile":
//   "Profile.csv"|"User-Profile.json" (with a zone), "zoneEvidence": {…},
//   "zoneWarnings": ["…"], "weight"? ({"skipped", "warnings", "weightUnit"?, "weighIns"?}: the
//   weight side's, when the plan made the weigh-ins for its weight steps; weight_steps.h),
//   "plannedZone"? (planned_zone.h: when the export shows offsets of its own; assembly refuses
//   other options), "inputBytes": n,
//   "files": {"sleep"|"resting_hr"|"heart_rate": n}}
//
// Output budget and paths across steps: each step spends only the budget of its own files
// (a workout reserves before it is made; weight steps with rows have none, and the plan
// reserves the weight files' room from the whole input's), and assembly checks the sum of every step's
// outputBytes and its own files against the whole input's budget (capacity error saying what
// to leave out), then checks every output path is safe and used once (integrity).
#pragma once
#include <string>

#include "core/common/status.h"
#include "core/convert/bundle.h"

namespace ts::convert {

// Errors: options (invalid_argument / format).
Error plan_export(const BundleView& in, std::string& out_json);

// Just the plan's report (ts_validate).
Error report_export(const BundleView& in, std::string& out_json);

// The whole conversion in one call: the plan, every step, assembly; the outputs in download
// order (steps' files in plan order, then assembly's). For the CLI, tests and benchmarks.
Error convert_in_steps(const BundleView& in, std::string& out_bundle);

// The options of one step: the conversion options (a JSON object, or empty) + "step", and
// + "stepZone" when step_zone_json (the plan's, as JSON text) is not empty.
std::string step_options(std::string_view options, std::string_view step_json, std::string_view step_zone_json = {});

// Errors: options, a step object that does not match the files, and what the step's own
// conversion refuses (e.g. weight logs without a timeZone).
Error run_step(const BundleView& in, std::string& out_bundle);

// Errors: a part that is not one the core wrote; no parts.
Error gather_parts(const BundleView& in, std::string& out_part);

// Errors: options, a part that is not one the core wrote.
Error assemble_parts(const BundleView& in, std::string& out_bundle);

}  // namespace ts::convert
