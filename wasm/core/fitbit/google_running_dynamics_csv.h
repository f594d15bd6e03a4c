// Reader for Google's running-dynamics files (Takeout's `Physical Activity_GoogleData/`),
// beside a run's positions and cadence (gps_location_csv.h, google_cadence_csv.h): what a
// watch measures of each stride while a run records. One file per measure and day, two
// columns, as real files show them (a reading every 3-5 s):
//   stride_length_YYYY-MM-DD.csv         timestamp,stride length          2024-09-28T11:22:52Z,94.10
//   ground_contact_time_YYYY-MM-DD.csv   timestamp,ground contact time    2024-09-28T11:22:53Z,283
//   vertical_oscillation_YYYY-MM-DD.csv  timestamp,vertical oscillation   2024-09-28T11:22:53Z,9.8
//   vertical_ratio_YYYY-MM-DD.csv        timestamp,vertical ratio         2024-09-28T11:22:53Z,1044.3
// Terms, defined once (each with the FIT record field it becomes, in that field's raw unit):
//   stride length        — centimetres from one foot's landing to the other's: one STEP, as
//                          Garmin's step_length counts it (the files' own readme says
//                          "stride"; a real run's 94.1 cm at 168 steps a minute and 8.66 km/h
//                          is the step speed / cadence gives, 88.8 cm). -> step_length, 0.1 mm.
//   ground contact time  — milliseconds a foot is on the ground each step. -> stance_time, 0.1 ms.
//   vertical oscillation — centimetres the body rises and falls each step. -> vertical_oscillation, 0.1 mm.
//   vertical ratio       — vertical oscillation over stride length, as a percentage. The
//                          readme says percent, but real files write hundredths of one
//                          (1044.3 where 9.8 cm over 94.1 cm is 10.41 %): a value of 100 or
//                          more is read as hundredths, a smaller one as the readme's percent
//                          (no run rises by its whole step). -> vertical_ratio, 0.01 %.
// A value outside what a person running can show (the ranges in kRunningDynamics) is a bad
// row. Columns are found by name; rows are read and counted as every per-second file of
// Google's is (google_series_csv.h).
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/file_kinds.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/running_dynamics.h"

namespace ts::fitbit {

struct RunningDynamicInfo {
  RunningDynamic measure;
  Kind kind;                // its files' kind (file_kinds.h)
  std::string_view column;  // the value's column
  const char* what;         // in a problem's words: "<n> row(s) without a readable time or <what>"
  double min, max;          // a plausible value, in the file's unit
};

// In RunningDynamic order.
inline constexpr RunningDynamicInfo kRunningDynamics[] = {
    {RunningDynamic::step_length, Kind::stride_length, "stride length", "stride length", 10, 300},
    {RunningDynamic::stance_time, Kind::ground_contact_time, "ground contact time", "ground contact time", 50, 2000},
    {RunningDynamic::vertical_oscillation, Kind::vertical_oscillation, "vertical oscillation", "vertical oscillation", 0.5, 50},
    {RunningDynamic::vertical_ratio, Kind::vertical_ratio, "vertical ratio", "vertical ratio", 0.5, 5000},
};

// The measure whose files are of kind `k`, or false.
bool running_dynamic_of(Kind k, RunningDynamic& out);

// A reading -> the FIT record field's raw value (step_length and vertical_oscillation in 0.1
// mm, stance_time in 0.1 ms, vertical_ratio in 0.01 %), or -1 when it is not plausible.
int32_t running_dynamic_raw(RunningDynamic m, double value);

// Appends the readings of one file of measure `m` whose time lies in [from_sec, to_sec] (UTC)
// to `out` as (UTC second, raw FIT value), in file order. An empty (or blank) file has none
// and no problem. Errors (format): no header with timestamp and the measure's column.
Error read_google_running_dynamic(RunningDynamic m, std::string_view path, std::string_view data, int64_t from_sec,
                                  int64_t to_sec, std::vector<std::pair<int64_t, int32_t>>& out, Problems& problems);

}  // namespace ts::fitbit
