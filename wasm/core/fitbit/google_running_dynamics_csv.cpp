#include "core/fitbit/google_running_dynamics_csv.h"

#include <cmath>

#include "core/fitbit/google_value_series_csv.h"

namespace ts::fitbit {

bool running_dynamic_of(Kind k, RunningDynamic& out) {
  for (const RunningDynamicInfo& d : kRunningDynamics)
    if (d.kind == k) {
      out = d.measure;
      return true;
    }
  return false;
}

int32_t running_dynamic_raw(RunningDynamic m, double value) {
  const RunningDynamicInfo& d = kRunningDynamics[static_cast<size_t>(m)];
  if (!(value >= d.min && value <= d.max)) return -1;
  switch (m) {
    case RunningDynamic::step_length:
    case RunningDynamic::vertical_oscillation: return static_cast<int32_t>(std::lround(value * 100));  // cm -> 0.1 mm
    case RunningDynamic::stance_time: return static_cast<int32_t>(std::lround(value * 10));           // ms -> 0.1 ms
    case RunningDynamic::vertical_ratio: {
      // Hundredths of a percent from 100 on (real files: rounded as they are, not divided and
      // multiplied back, which moved 849.5 to 849), else percent (the readme); a ratio over
      // 50 % or under 0.5 % is no run's.
      const double hundredths = value >= 100 ? value : value * 100;
      return hundredths >= 50 && hundredths <= 5000 ? static_cast<int32_t>(std::lround(hundredths)) : -1;
    }
    case RunningDynamic::count_: break;
  }
  return -1;
}

Error read_google_running_dynamic(RunningDynamic m, std::string_view path, std::string_view data, int64_t from_sec,
                                  int64_t to_sec, std::vector<std::pair<int64_t, int32_t>>& out, Problems& problems) {
  const RunningDynamicInfo& d = kRunningDynamics[static_cast<size_t>(m)];
  return read_value_series(path, data, from_sec, to_sec, {d.what, d.column, d.what}, problems, [&](int64_t sec, double value) {
    const int32_t raw = running_dynamic_raw(m, value);
    if (raw < 0) return false;
    out.emplace_back(sec, raw);
    return true;
  });
}

}  // namespace ts::fitbit
