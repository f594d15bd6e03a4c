// Time zones without a tz database: the caller (Worker via Intl, CLI via the system's
// zoneinfo) passes the UTC-offset transitions of the zone, and the core only looks them up.
//
// Terms:
//   transition  — (utc_sec, offset_sec): from that UTC second on, local = UTC + offset.
//                 The first transition's offset also covers all earlier time.
//   local_sec   — a wall-clock time written as seconds since 1970-01-01T00:00:00 as if it
//                 were UTC (what Fitbit's weight `logId` is, in milliseconds).
//   nonexistent — a local time skipped when clocks jump forward (02:30 on a spring-forward
//                 night in New York).
//   ambiguous   — a local time that happens twice when clocks fall back (01:30 in November).
//
// Documented choice (the same as JavaScript's Date and Temporal's "compatible"):
//   nonexistent -> read with the offset in force BEFORE the jump, so 02:30 becomes 03:30
//                  daylight time: the entry keeps its place in the day's order, shifted by
//                  the size of the gap;
//   ambiguous   -> the EARLIER of the two instants (the first time the clock showed it).
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/status.h"

namespace ts::tz {

struct Transition {
  int64_t utc_sec;
  int32_t offset_sec;
};

// Offsets beyond ±26 h do not exist anywhere; a bound keeps the lookups simple and safe.
inline constexpr int32_t kMaxOffsetSec = 26 * 3600;
inline constexpr size_t kMaxTransitions = 20000;

class Zone {
 public:
  // Checks the table: non-empty, strictly ascending, offsets within bounds.
  static Error make(std::vector<Transition> transitions, Zone& out);

  int32_t offset_at(int64_t utc_sec) const;
  // The same offset, and the span of UTC seconds [from, until) it holds over (from the
  // transition at or before utc_sec, INT64_MIN before the first; until the next one,
  // INT64_MAX after the last): a caller walking many nearby instants (a month of minutes)
  // looks up again only when it leaves the span.
  int32_t offset_at(int64_t utc_sec, int64_t& from, int64_t& until) const;
  const std::vector<Transition>& transitions() const { return t_; }

  enum class Resolution { unique, nonexistent, ambiguous };
  struct Resolved {
    int64_t utc_sec;
    Resolution kind;
    // The later instant of an ambiguous time (the second time the clock showed it: a record
    // written in the repeated hour after the clock fell back); utc_sec otherwise.
    int64_t later_utc_sec;
  };
  Resolved to_utc(int64_t local_sec) const;
  // The same, for callers walking local times in ascending order: `cursor` (start at 0)
  // remembers where the last lookup ended, so most lookups cost a comparison, not a search.
  Resolved to_utc(int64_t local_sec, size_t& cursor) const;

 private:
  // Resolution given `first`, the index of the first transition after local - kMaxOffsetSec - 1.
  Resolved resolve(int64_t local_sec, size_t first) const;

  std::vector<Transition> t_;
};

const char* resolution_name(Zone::Resolution r);

}  // namespace ts::tz
