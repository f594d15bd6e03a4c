#include "core/fitbit/google_heart_rate_csv.h"

#include <cmath>

#include "core/fitbit/google_value_series_csv.h"

namespace ts::fitbit {

Error read_google_heart_rate(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                             std::vector<WindowReading>& out, Problems& problems) {
  return read_value_series(path, data, from_sec, to_sec, {"heart-rate", "beats per minute", "heart rate"}, problems,
                           [&](int64_t sec, double bpm) {
                             if (!std::isfinite(bpm) || bpm <= 0 || bpm >= 255) return false;
                             out.push_back({sec, static_cast<int32_t>(std::lround(bpm))});
                             return true;
                           });
}

}  // namespace ts::fitbit
