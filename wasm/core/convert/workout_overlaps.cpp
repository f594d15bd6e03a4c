#include "core/convert/workout_overlaps.h"

#include <algorithm>
#include <cstdint>

namespace ts::convert {

size_t overlapping_workouts(const PlanInputs& p) {
  size_t count = 0;
  int64_t reach = INT64_MIN;  // the latest end of a converted workout so far (start order)
  for (const Workout& w : p.workouts) {
    if (!workout_converted(p, w)) continue;
    const int64_t start = w.ex.start_utc_ms, end = w.ex.end_utc_ms();
    if (end > start && reach > start && 2 * (std::min(reach, end) - start) >= end - start) ++count;
    reach = std::max(reach, end);
  }
  return count;
}

void overlap_warning(size_t count, std::vector<std::string>& out) {
  if (count == 0) return;
  out.push_back(std::to_string(count) +
                " workout(s) lie for at least half their time inside an earlier workout (such as an app's copy, "
                "Strava's say, of a workout the tracker recorded, or a walk it detected inside a longer one): each is "
                "converted, so Garmin Connect will show that time twice, and the heart-rate files' readings go to the "
                "earlier one; delete the copy you do not want there after importing");
}

}  // namespace ts::convert
