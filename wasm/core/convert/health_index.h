// Which export files feed the outputs beyond weight, found by name only (nothing is parsed
// here): each output then parses just its own files.
#pragma once
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/file_table.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/google_running_dynamics_csv.h"

namespace ts::convert {

struct HealthIndex {
  std::vector<size_t> exercise, daily, sleep, resting_hr, not_importable;
  std::vector<size_t> google_exercises;  // UserExercises_*.csv (google_workouts.h)
  std::map<int64_t, size_t> tcx;         // logId -> file
  std::map<int64_t, size_t> heart_rate;  // civil day in the file name (UTC) -> file
  // heart_rate_YYYY-MM-DD.csv (Google's; a day or a month a file): its civil day -> file, its
  // days as gps_tracks.h google_day_files says. None of the days a heart_rate JSON is named for.
  std::map<int64_t, size_t> heart_rate_csv;
  std::map<int64_t, size_t> gps;         // gps_location_YYYY-MM-DD.csv: its civil day -> file
  std::map<int64_t, size_t> cadence;     // cadence_YYYY-MM-DD.csv: likewise
  std::map<int64_t, size_t> live_pace;   // live_pace_YYYY-MM-DD.csv: likewise
  // stride_length_YYYY-MM-DD.csv and the other running dynamics: likewise, by measure
  // (fitbit::RunningDynamic order).
  std::map<int64_t, size_t> dynamics[fitbit::kRunningDynamicCount];
  // The folder of each of the bundle's files that the maps above of Google's CSVs hold, by
  // number (files of one folder share one; others 0), the folder read from its last "Takeout/"
  // on (a split Takeout's parts are one export): a month's file is cut only by a file of its
  // own folder (gps_tracks.h google_file_last_day).
  std::vector<uint32_t> folder;

  bool empty() const;
};

// Indexes in name order; the first file of a repeated logId / day wins.
void index_health_files(const BundleView& in, HealthIndex& out);
// The same, with the bundle's files already classified and sorted (file_table.h).
void index_health_files(const BundleView& in, const FileTable& table, HealthIndex& out);

// The day a dated file is named for: fitbit::day_in_name (Fitbit's JSON) and
// fitbit::csv_day_in_name (Google's CSVs), fitbit/export_paths.h.
using fitbit::csv_day_in_name;
using fitbit::day_in_name;

}  // namespace ts::convert
