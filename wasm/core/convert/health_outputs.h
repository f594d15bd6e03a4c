// Every kind beyond weight, for ts_convert and ts_validate: workouts (one activity FIT each),
// daily activity (Activities CSVs) and reference CSVs for what Garmin cannot import.
//
// Memory follows what an output needs: files are first only indexed by name (no parsing);
// each output then parses just its own files. Heart-rate day files (up to ~70,000 readings
// each) are parsed only for a workout whose track has no heart rate, once per day, keeping
// only the seconds inside that day's workouts; and, for the reference output, streamed into a
// per-day summary.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/fitbit/problem.h"
#include "core/tz/transitions.h"

namespace ts::convert {

struct HealthIndex {
  std::vector<size_t> exercise, daily, sleep, resting_hr, not_importable;
  std::map<int64_t, size_t> tcx;         // logId -> file
  std::map<int64_t, size_t> heart_rate;  // civil day in the file name (UTC) -> file

  bool empty() const;
};

// Indexes in name order; the first file of a repeated logId / day wins.
void index_health_files(const BundleView& in, HealthIndex& out);

// True for a path index_health_files claims (so the weight side does not call it unknown).
bool is_health_file(std::string_view path);

// One output file, as the manifest lists it.
struct ProducedFile {
  std::string path;
  std::string kind;      // "weight", "activity", "daily", "reference"
  size_t records = 0;
  std::string first, last;  // ISO UTC times, or local dates for daily/reference files
  std::string extra;        // more manifest members, JSON, each starting with ','
  std::string bytes;
};

// A workout converted without its map although Fitbit recorded GPS for it.
struct MissingMap {
  int64_t log_id = 0;
  std::string activity_name, local_date, reason;
};

struct HealthOutputs {
  std::vector<ProducedFile> files;
  std::vector<std::string> warnings;
  fitbit::Problems skipped;  // per-file problems and what was not converted, with why
  std::vector<MissingMap> missing_maps;
  size_t activities = 0, daily_files = 0, reference_files = 0, implausible_left_out = 0;
};

// Runs every kind the options want ("workouts", "daily", "reference").
Error convert_health(const BundleView& in, const HealthIndex& index, const Options& options, const tz::Zone& zone,
                     HealthOutputs& out);

// Appends the validation report's entries (",{…}" each) for these kinds and widens `range`
// (the UTC span whose zone transitions ts_convert needs).
void validate_health(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, std::string& kinds_json,
                     SecRange& range, fitbit::Problems& problems);

}  // namespace ts::convert
