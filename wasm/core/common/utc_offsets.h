// The account's time zone as the core sees it: a list of UTC-offset transitions computed by
// the caller (worker-shim/tz.js from Intl, the CLI from zoneinfo). The core never looks a zone
// up itself, so it stays pure and gives the same answer in every host.
//
//   transition — (utc_sec, offset_sec): the offset in force from that UTC second on. The first
//                transition also covers all earlier time; no transitions means UTC.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace ts {

struct UtcOffsets {
  std::vector<std::pair<int64_t, int32_t>> transitions;  // ascending utc_sec

  // Offset (seconds east of UTC) in force at a UTC instant.
  int32_t at_utc(int64_t utc_sec) const {
    if (transitions.empty()) return 0;
    size_t lo = 0, hi = transitions.size();
    while (hi - lo > 1) {  // last transition with utc_sec <= t
      const size_t mid = (lo + hi) / 2;
      if (transitions[mid].first <= utc_sec) lo = mid;
      else hi = mid;
    }
    return transitions[lo].second;
  }

  int64_t to_local(int64_t utc_sec) const { return utc_sec + at_utc(utc_sec); }
};

}  // namespace ts
