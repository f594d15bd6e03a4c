// Weigh-ins -> FIT weight files Garmin Connect imports as weight (file_id.type 9: a file of
// activity type 4 is filed as an activity, not as weigh-ins), with a bounded number of
// weigh-ins per file.
//
// Each file: the preamble (fit/preamble.h; time_created is the first weigh-in's time), then one
// weight_scale message per weigh-in in ascending time.
#pragma once
#include <cstddef>
#include <string>

#include "core/common/status.h"
#include "core/weight/weight_entries.h"

namespace ts::weight {

inline constexpr size_t kDefaultPerFile = 250;
inline constexpr size_t kMaxPerFile = 5000;

// Writes entries[first, first+count) as one FIT file.
Error write_weight_fit(const WeighIn* entries, size_t count, std::string& out);

}  // namespace ts::weight
