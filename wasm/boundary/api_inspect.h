// JSON adapter: what the readers make of ONE export file, for the validation report's
// per-file section and for a page that checks files as they are dropped. The numbered cases
// in tests/cases/inspect.json document every request and response and are replayed natively
// and against core.wasm.
//
// Request:  {"path": "Takeout/Fitbit/Global Export Data/exercise-0.json", "text": "<file>",
//            "timeZone"?: {"name": "…", "transitions": [[utcSec, offsetSec], …]},
//            "besides"?: [[startUtcMs, durationMs, autoDetected?], …], "taken"?: [logId, …]}
//   besides/taken (Google's list only): the exercise JSON's workouts (autoDetected 1 for an
//   auto-detected one), and the logIds of rows already kept from Google files before this one;
//   the rows a conversion would convert are then listed, no others (convert/google_workouts.h),
//   so a page lists what it imports.
// Response: {"path", "kind", "records", "skipped", "first"?, "last"? (local days, YYYY-MM-DD),
//            "importable": bool, "output": "activities"|"csv"|"reference"|"none",
//            "problems": [..], …kind-specific detail…}
//   exercise, google_exercises: "workouts": [{logId, activityName, activityTypeId, sport, subSport, matchedBy,
//             startUtcMs, durationMs, timerMs, distanceM?, calories?, steps?, averageHeartRate?,
//             elevationGainM?, hasGps, logType, autoDetected, source?}]
//   tcx:      "empty", "sport", "laps", "segments", "hasGps", "hasHeartRate", "firstUtcMs"?,
//             "lastUtcMs"?, "droppedNoTime", "droppedDuplicate", "reordered", "withoutAltitude"
//   gps_location, cadence: "firstUtcMs"?, "lastUtcMs"? (its rows in file order)
//   live_pace: the same, and "steps", "distanceM" (its rows summed)
//   daily:    "metric"
#pragma once
#include "boundary/abi.h"

namespace ts::api {

Error inspect_file(boundary::Input in, std::string& out);

}  // namespace ts::api
