// Which export files feed the outputs beyond weight, found by name only (nothing is parsed
// here): each output then parses just its own files.
#pragma once
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/convert/bundle.h"

namespace ts::convert {

struct HealthIndex {
  std::vector<size_t> exercise, daily, sleep, resting_hr, not_importable;
  std::map<int64_t, size_t> tcx;         // logId -> file
  std::map<int64_t, size_t> heart_rate;  // civil day in the file name (UTC) -> file

  bool empty() const;
};

// Indexes in name order; the first file of a repeated logId / day wins.
void index_health_files(const BundleView& in, HealthIndex& out);

}  // namespace ts::convert
