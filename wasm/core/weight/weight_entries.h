// From Fitbit weight logs to the weigh-ins Garmin gets: local wall-clock time -> UTC in the
// account's zone, the unit -> kilograms, exact duplicates removed, ascending time order.
//
// Terms:
//   weigh-in        — one entry of the output (a weight_scale message): UTC time, kg, and
//                     body fat / BMI only when measured.
//   exact duplicate — two logs with the same local time and identical values; the same
//                     weigh-in seen twice (both export layouts in one upload, a re-export).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/fitbit/body_fat_csv.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"
#include "core/tz/transitions.h"
#include "core/weight/unit_detect.h"

namespace ts::weight {

struct WeighIn {
  int64_t utc_sec = 0;
  double kg = 0;
  std::optional<double> fat_percent;
  std::optional<double> bmi;
};

struct WeighIns {
  std::vector<WeighIn> entries;
  int duplicates = 0;   // exact duplicates removed
  int nonexistent = 0;  // local times in a spring-forward gap (read as tz/transitions.h says)
  int ambiguous = 0;    // local times in a fall-back hour (the earlier instant was taken)
  // The first few of each, as the weight logs write them (local seconds, tz/): the report names
  // them, so a person knows which weigh-ins to check (helper finding: only counted).
  static constexpr size_t kClockTimesNamed = 3;
  std::vector<int64_t> nonexistent_at, ambiguous_at;
  // Weigh-ins that share their instant with another of other values (exact repeats are
  // removed): both are written, and the report says so (helper finding: nothing said), since
  // Garmin Connect may keep only one. Counted once the sources are merged (same_instant).
  int same_instant = 0;
  // Body fat from body_fat*.csv (add_body_fat): weigh-ins that took theirs from it, and rows at
  // no weigh-in's time, left out (a FIT weight record needs a weight).
  int fat_from_csv = 0;
  int fat_unmatched = 0;
  int fat_other = 0;  // rows of another value beside the one their weigh-in took: left out
  // Weigh-ins whose source names Garmin (a Garmin scale or Garmin Connect, mirrored into the
  // Fitbit account through Health Connect): Garmin Connect holds them already, and importing
  // them adds each again. Written, and the report says so (convert/weight_plan.h counts them).
  int from_garmin = 0;
};

// How many of `w`'s entries share their instant with an earlier one.
int same_instant(const WeighIns& w);

// Garmin's weight_scale.weight holds at most 655.34 kg, and FIT time starts in 1989; a log
// outside that is reported, not written.
void from_logs(const std::vector<fitbit::WeightLog>& logs, const std::vector<std::string>& file_names, Unit unit,
               const tz::Zone& zone, WeighIns& out, fitbit::Problems& problems);

// weight.csv rows are already UTC and grams. `csv_names`: the weight.csv files, by
// WeightGrams::file (problem reports only).
void from_grams(const std::vector<fitbit::WeightGrams>& rows, const std::vector<std::string>& csv_names, WeighIns& out,
                fitbit::Problems& problems);

// A weigh-in found in both: weight.csv's instant and grams, the log's body fat and BMI.
struct MatchedWeighIn {
  const fitbit::WeightLog* log;
  const fitbit::WeightGrams* row;
};
// Body fat from Google's body_fat*.csv onto the weigh-ins that have none: each row belongs to
// the weigh-in nearest its instant within kBodyFatMatchSec (the earlier of two as near), and a
// weigh-in takes the nearest of its rows, so no reading goes to two weigh-ins. A scale writes weight and body fat at one instant, which weight.csv
// and body_fat.csv both hold; the minute covers the JSON's instant, placed by a learned or
// chosen zone. A weigh-in whose log gave body fat keeps it (the same reading). Counts rows near
// no weigh-in in `fat_unmatched`.
inline constexpr int64_t kBodyFatMatchSec = 60;
void add_body_fat(std::vector<fitbit::BodyFatRow> rows, WeighIns& out);

void from_matched(const std::vector<MatchedWeighIn>& pairs, const std::vector<std::string>& file_names,
                  const std::vector<std::string>& csv_names, WeighIns& out, fitbit::Problems& problems);

}  // namespace ts::weight
