#include "core/fitbit/google_cadence_csv.h"

#include "core/fitbit/google_value_series_csv.h"

namespace ts::fitbit {

Error read_google_cadence(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                          std::vector<std::pair<int64_t, double>>& out, Problems& problems) {
  return read_value_series(path, data, from_sec, to_sec, {"cadence", "steps per minute", "cadence"}, problems,
                           [&](int64_t sec, double spm) {
                             if (spm < 0 || spm > 600) return false;
                             out.emplace_back(sec, spm);
                             return true;
                           });
}

}  // namespace ts::fitbit
