// Reader for Google's heart-rate files: `heart_rate_YYYY-MM-DD.csv` (Takeout's
// `Physical Activity_GoogleData/`, in the 2026 "Google Health" export under `Heart Rate/`, a
// month a file named for its first day). As real files show them:
//   timestamp,beats per minute,data source
//   2024-10-27T00:00:04Z,65.0,Google Fitbit Air
// Terms, defined once:
//   timestamp        — a UTC instant, about one every 5 s while the tracker is worn.
//   beats per minute — a decimal; kept as heart_rate_reader.h keeps Fitbit's: 0 < bpm < 255,
//                      rounded to a whole beat.
// The same readings as Fitbit's heart_rate-*.json of the same day (older Takeouts hold both):
// those are then read, and these skipped as copies (file_kinds.h apply_export_rules).
// Columns are found by name. A row without a readable time or value is left out and counted
// as every per-second file of Google's is read (google_series_csv.h).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/heart_rate_window.h"
#include "core/fitbit/problem.h"

namespace ts::fitbit {

// Appends the readings whose time lies in [from_sec, to_sec] (UTC) to `out`, in file order.
// An empty (or blank) file has none and no problem. Errors (format): no header with
// timestamp and beats per minute.
Error read_google_heart_rate(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                             std::vector<WindowReading>& out, Problems& problems);

}  // namespace ts::fitbit
