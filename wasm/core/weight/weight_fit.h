// Weigh-ins -> FIT weight files Garmin Connect imports as weight (file_id.type 9, not the
// activity type 4 the seed's tool wrote), with a bounded number of weigh-ins per file.
//
// Each file: file_id, file_creator, device_info (the "device" is this converter, manufacturer
// `development`), then one weight_scale message per weigh-in in ascending time. time_created
// is the first weigh-in's time, never the clock, so the bytes depend only on the data and a
// re-import of the same file is recognised by Garmin as a duplicate.
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
