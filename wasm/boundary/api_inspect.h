// JSON adapter: what the readers make of ONE export file, for the validation report's
// per-file section and for a page that checks files as they are dropped. The numbered cases
// in tests/cases/inspect.json document every request and response and are replayed natively
// and against core.wasm.
//
// Request:  {"path": "Takeout/Fitbit/Global Export Data/exercise-0.json", "text": "<file>",
//            "timeZone"?: {"name": "…", "transitions": [[utcSec, offsetSec], …]}}
// Response: {"path", "kind", "records", "skipped", "first"?, "last"? (local days, YYYY-MM-DD),
//            "importable": bool, "output": "activities"|"csv"|"reference"|"none",
//            "problems": [..], …kind-specific detail…}
//   exercise: "workouts": [{logId, activityName, activityTypeId, sport, subSport, matchedBy,
//             startUtcMs, durationMs, timerMs, distanceM?, calories?, steps?, averageHeartRate?,
//             elevationGainM?, hasGps, logType, autoDetected, source?}]
//   tcx:      "empty", "sport", "laps", "segments", "hasGps", "hasHeartRate", "firstUtcMs"?,
//             "lastUtcMs"?, "droppedNoTime", "droppedDuplicate", "reordered", "withoutAltitude"
//   daily:    "metric"
#pragma once
#include "boundary/abi.h"

namespace ts::api {

Error inspect_file(boundary::Input in, std::string& out);

}  // namespace ts::api
