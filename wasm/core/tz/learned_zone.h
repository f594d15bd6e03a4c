// The UTC offsets in effect, learned from the export itself, and the zone that follows them.
//
// A weigh-in found in both weight sources — the JSON's local wall-clock time and weight.csv's
// UTC instant — shows the offset in effect at that moment: local − UTC. So does a workout in
// Google's list of workouts (UserExercises_*.csv), which writes its start in UTC and the
// offset it was recorded at beside it (fitbit/google_exercises_csv.h). A person who travels
// or moves has several; the zone named in Profile.csv is only the one in effect when the
// export was made. So the zone in effect is built from the observations, and the chosen zone
// (the caller's, or Profile.csv's) fills in where there are none:
//
//   observation  (utc_sec, offset_sec) from one matched weigh-in, or one listed workout;
//   period       a run of consecutive observations with the same offset (what the report lists);
//   agrees       the chosen zone has that offset at that instant.
//
// Building the zone in effect, along the time line:
//   - at an observation the chosen zone agrees with, the chosen zone (its own daylight-saving
//     changes included); at one it does not, the observed offset;
//   - between two observations that say the same thing, that; between two that do not, the
//     change is placed midway (the export cannot tell when, between two weigh-ins, it happened);
//   - before the first and after the last observation, the same for kReach (30 days), then the
//     chosen zone: evidence is trusted near where it was seen, not for years beyond.
// With no observation, or when every observation agrees, the zone in effect IS the chosen zone.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/tz/transitions.h"

namespace ts::tz {

struct OffsetObservation {
  int64_t utc_sec;
  int32_t offset_sec;
  bool workout = false;  // from Google's list of workouts (else a matched weigh-in)
};

struct OffsetPeriod {
  int64_t first_utc = 0, last_utc = 0;
  int32_t offset_sec = 0;
  size_t observations = 0;
  size_t workouts = 0;     // of the observations, those from Google's list of workouts
  size_t disagreeing = 0;  // observations the chosen zone has another offset at (0 without a zone)
};

inline constexpr int64_t kReach = 30 * 86400;

// Periods of `obs` (any order; sorted and de-duplicated by instant first). `chosen` may be null.
std::vector<OffsetPeriod> offset_periods(std::vector<OffsetObservation> obs, const Zone* chosen);

// The zone in effect, as above.
Error learned_zone(std::vector<OffsetObservation> obs, const Zone& chosen, Zone& out);

// "+07:00", "-05:00", "+05:45".
std::string offset_text(int32_t offset_sec);

}  // namespace ts::tz
