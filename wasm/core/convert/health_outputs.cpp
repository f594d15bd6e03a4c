#include "core/convert/health_outputs.h"

namespace ts::convert {

std::string files_of(const char* pattern, size_t n) { return std::string(pattern) + " (" + std::to_string(n) + " file(s))"; }

<<<<<<< ours
Error convert_health(const BundleView& in, const HealthIndex& index, const Options& options, const tz::Zone& zone,
                     OutputBudget& budget, HealthOutputs& out) {
  if (options.wants("workouts")) {
    if (Error e = convert_workouts(in, index, options, zone, budget, out)) return e;
  } else if (!index.exercise.empty()) {
    out.skipped.push_back(fitbit::not_converted(files_of("exercise-*.json", index.exercise.size()), "workouts not requested (kinds)"));
  }
  if (options.wants("daily")) {
    if (Error e = convert_daily(in, index, zone, out)) return e;
  } else if (!index.daily.empty()) {
    out.skipped.push_back(fitbit::not_converted(files_of("per-minute and daily activity files", index.daily.size()),
                                                "daily activity not requested (kinds)"));
  }
  if (options.wants("reference")) {
    if (Error e = convert_reference(in, index, zone, out)) return e;
  } else {
    const size_t n = index.sleep.size() + index.resting_hr.size() + index.heart_rate.size() + index.not_importable.size();
    if (n > 0)
      out.skipped.push_back(fitbit::not_converted(files_of("sleep, heart-rate and other health files", n),
                                                  "Garmin Connect cannot import these; reference CSVs not requested (kinds)"));
  }
  return {};
}

=======
>>>>>>> theirs
}  // namespace ts::convert
