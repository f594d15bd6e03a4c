// Reader for Google's position files: `gps_location_YYYY-MM-DD.csv` (Takeout's
// `Physical Activity_GoogleData/`), where a Takeout export keeps what a <logId>.tcx held in
// older exports: Takeout has no track files, so a workout's map comes from these. As real
// files show them (and their readme: the name's date is "the starting date for the entries"):
//   timestamp,latitude,longitude,altitude
//   2024-11-05T12:30:44Z,32.569575,-97.061487,147.7
// Terms, defined once:
//   timestamp — a UTC instant (ISO 8601 with "Z" or an offset; parse_iso_utc), one row a
//               second or so while a workout records GPS.
//   altitude  — metres above sea level; may be negative, may be empty.
// Columns are found by name. A row without a readable time or position is left out and
// counted, never shown.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/tcx_reader.h"

namespace ts::fitbit {

// Appends the rows of one file whose time lies in [from_sec, to_sec] (UTC) to `out` as track
// points (position and altitude; no distance, heart rate or cadence), in file order. Rows of
// the window left out for a bad position, and rows without a readable time after one of the
// window, are counted in one problem of `path`.
// An empty (or blank) file has no points and no problem. Errors (format): no header with
// timestamp, latitude and longitude.
Error read_gps_points(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                      std::vector<Trackpoint>& out, Problems& problems);

}  // namespace ts::fitbit
