// Reader for Google's cadence files: `cadence_YYYY-MM-DD.csv` (Takeout's
// `Physical Activity_GoogleData/`), beside its position files (gps_location_csv.h): what a
// track's <Cadence> held, for a Takeout export, which has no tracks. As real files show them:
//   timestamp,steps per minute
//   2024-09-28T11:22:45Z,116
// Terms, defined once:
//   timestamp        — a UTC instant, about one a second while a workout records.
//   steps per minute — both feet. A FIT record's cadence (and a TCX's, as the track reader
//                      keeps it) counts one foot: half of it.
// Columns are found by name. A row without a readable time or value is left out and counted
// as every per-second file of Google's is read (google_series_csv.h).
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/problem.h"

namespace ts::fitbit {

// Appends the readings of one file whose time lies in [from_sec, to_sec] (UTC) to `out` as
// (UTC second, steps per minute), in file order.
// An empty (or blank) file has none and no problem. Errors (format): no header with
// timestamp and steps per minute.
Error read_google_cadence(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                          std::vector<std::pair<int64_t, double>>& out, Problems& problems);

}  // namespace ts::fitbit
