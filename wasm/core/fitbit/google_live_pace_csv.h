// Reader for Google's pace files: `live_pace_YYYY-MM-DD.csv` (Takeout's
// `Physical Activity_GoogleData/`), what a tracker counts each second of a workout it records,
// GPS or not. The JSON export has none of it: for a workout without positions (a walk on a
// tracker without GPS, a treadmill run) it is the only per-second motion the export holds. As
// real files show them (the last column only in some exports):
//   timestamp,steps,distance millimeters,altitude gain millimeters,data source
//   2026-04-06T13:42:44Z,4,610,0,Inspire 3
// Terms, defined once:
//   timestamp             — a UTC instant, one row a second while a workout records.
//   steps                 — the steps counted since the row before (both feet).
//   distance millimeters  — the distance covered since the row before. Summed over a workout
//                           it is the exercise record's distance (real exports: 534 m for a
//                           walk the JSON says is 0.3298 miles, 531 m).
//   altitude gain         — not read: a gain is not an altitude, and the exercise record
//                           holds the workout's.
// Columns are found by name. A row without a readable time, steps or distance is left out
// and counted as every per-second file of Google's is read (google_series_csv.h).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/problem.h"

namespace ts::fitbit {

struct PaceRow {
  int64_t sec = 0;        // UTC
  double steps = 0;       // since the row before
  double distance_m = 0;  // since the row before, in metres
};

// Appends the rows of one file whose time lies in [from_sec, to_sec] (UTC) to `out`, in file
// order. A row whose steps or distance is not a number from 0 to a bound no one reaches in a
// second (100 steps, 1 km) is left out and counted.
// An empty (or blank) file has none and no problem. Errors (format): no header with
// timestamp, steps and distance millimeters.
Error read_google_live_pace(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                            std::vector<PaceRow>& out, Problems& problems);

}  // namespace ts::fitbit
