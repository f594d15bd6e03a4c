#include "core/convert/workout_overlaps.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace ts::convert {

Overlaps workout_overlaps(const PlanInputs& p) {
  std::vector<std::pair<int64_t, int64_t>> spans;  // converted workouts, start order
  std::vector<size_t> index;                       // each span's place in p.workouts
  for (size_t i = 0; i < p.workouts.size(); ++i)
    if (workout_converted(p, p.workouts[i])) {
      spans.emplace_back(p.workouts[i].ex.start_utc_ms, p.workouts[i].ex.end_utc_ms());
      index.push_back(i);
    }
  Overlaps o;
  int64_t reach = INT64_MIN;  // the latest end of the workouts that start before this group
  size_t reacher = 0;         // the span that reaches it
  for (size_t g = 0; g < spans.size();) {
    // A group of equal starts: the longest (the first of equal ones, in start order) is measured
    // against the workouts before it; every other member lies wholly inside it (review finding:
    // a short workout inside a long one of the same start was counted only when its logId came
    // second).
    size_t e = g, longest = g;
    for (; e < spans.size() && spans[e].first == spans[g].first; ++e)
      if (spans[e].second > spans[longest].second) longest = e;
    const int64_t start = spans[g].first, top = spans[longest].second;
    int64_t listed_before = start;  // the latest end of the group's members before the longest
    for (size_t i = g; i < longest; ++i) listed_before = std::max(listed_before, spans[i].second);
    size_t listed_longest = g;  // of the members before the longest, the one that ends last
    for (size_t i = g; i < longest; ++i)
      if (spans[i].second > spans[listed_longest].second) listed_longest = i;
    for (size_t i = g; i < e; ++i) {
      const int64_t end = spans[i].second;
      if (end <= start) continue;  // no duration: never overlapping
      if (i != longest) {
        o.overlapping.push_back({index[i], index[longest]});
        continue;
      }
      const int64_t inside = reach > start ? std::min(reach, end) - start : 0;
      // The members listed before it take the readings of their time too (review finding: a
      // 60-minute workout after a 10-minute one of the same start lost its first 10 minutes,
      // unsaid); it is not their copy, so at most sharing.
      if (2 * inside >= end - start) {
        o.overlapping.push_back({index[i], index[reacher]});
      } else if (std::max(inside, listed_before - start) >= kSharedSecMin * 1000) {
        o.sharing.push_back({index[i], index[inside >= listed_before - start ? reacher : listed_longest]});
      }
    }
    if (top > reach) {
      reach = top;
      reacher = longest;
    }
    g = e;
  }
  return o;
}

namespace {
// ": 2023-12-07 Run (Fitbit id 2) inside 2023-12-07 Run (Fitbit id 1); …; and 3 more". A
// sharing workout may be the longer one (of one start): "shares time with", not "inside".
std::string named_pairs(const PlanInputs& p, const std::vector<OverlapPair>& pairs, const tz::Zone* zone, const char* how) {
  std::string out;
  for (size_t i = 0; i < pairs.size() && i < kOverlapsNamed; ++i)
    out += std::string(i == 0 ? ": " : "; ") + workout_name(p.workouts[pairs[i].workout].ex, zone) + how +
           workout_name(p.workouts[pairs[i].inside].ex, zone);
  if (pairs.size() > kOverlapsNamed) out += "; and " + std::to_string(pairs.size() - kOverlapsNamed) + " more";
  return out;
}
}  // namespace

void overlap_warnings(const PlanInputs& p, const Overlaps& o, const tz::Zone* zone, std::vector<std::string>& out) {
  if (!o.overlapping.empty())
    out.push_back(std::to_string(o.overlapping.size()) +
                " workout(s) lie for at least half their time inside an earlier workout (such as an app's copy, "
                "Strava's say, of a workout the tracker recorded, or a walk it detected inside a longer one): each is "
                "converted, so Garmin Connect will show that time twice, and the heart-rate files' readings go to the "
                "one that starts first (of two that start together, the one with the lower Fitbit id); delete the copy you do not want there after "
                "importing" + named_pairs(p, o.overlapping, zone, " inside "));
  if (!o.sharing.empty())
    out.push_back(std::to_string(o.sharing.size()) +
                  " workout(s) begin inside an earlier workout (for less than half their time), or with a shorter one of "
                  "the same start: the heart-rate files' readings of the minutes they share go to the other one only, so "
                  "those minutes of their files have no heart rate from the heart-rate files" +
                  named_pairs(p, o.sharing, zone, " shares time with "));
}

void position_files_warning(const PlanInputs& p, std::vector<std::string>& out) {
  if (p.index.gps.empty() || p.workouts.empty()) return;
  out.push_back("workouts: Google's position files (gps_location_*.csv) hold every position recorded on their days; "
                "only those within a workout's time are converted, as its map: positions recorded outside every "
                "workout (a walk Fitbit did not keep as an exercise) go to no file");
}

}  // namespace ts::convert
