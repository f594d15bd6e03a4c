// What the steps beyond weight hand on: the files they wrote, with what they skipped and
// warned about. Workouts: workout_outputs.h; daily activity: daily_outputs.h; reference CSVs
// for what Garmin cannot import: reference_outputs.h.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/convert/produced_file.h"
#include "core/fitbit/problem.h"

namespace ts::convert {

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
  size_t implausible_left_out = 0;
};

// "sleep-*.json (3 file(s))": how the manifest names a group of files.
std::string files_of(const char* pattern, size_t n);

}  // namespace ts::convert
