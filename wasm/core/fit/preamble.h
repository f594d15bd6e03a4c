// The messages that open every FIT file this converter writes: file_id, file_creator and
// device_info. The "device" is the converter itself (manufacturer `development`, product 1,
// software 1.00), and time_created is a time from the data, never the clock, so the bytes
// depend only on the data and Garmin recognises a re-import as a duplicate.
#pragma once
#include <cstdint>

#include "core/common/status.h"
#include "core/fit/writer.h"

namespace ts::fit {

inline constexpr uint16_t kProduct = 1;            // our own product id under `development`
inline constexpr uint16_t kSoftwareVersion = 100;  // 1.00

// `file_type`: value::file_activity, value::file_weight, …
Error write_preamble(Writer& w, uint8_t file_type, int64_t time_created_unix);

}  // namespace ts::fit
