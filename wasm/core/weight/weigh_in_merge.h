// One weigh-in list from the export's two weight sources.
//
//   weight-*.json  local wall-clock time, the weight in the account's unit cut to 0.1, body fat,
//                  BMI and the source ("Aria", "API"); a manual entry shows 23:59:59, not the
//                  moment it was logged.
//   weight.csv     the exact UTC instant and mass (grams) of each weigh-in.
// Either can hold weigh-ins the other lacks. A weigh-in in both is written once, with the
// instant and mass of weight.csv and the body fat and BMI of the JSON; each side's extra
// weigh-ins are kept.
//
// Matching a log with a row:
//   value   the row's grams equal the log's weight (in the unit decided from the evidence,
//           weight/unit_detect.h) within the JSON's 0.1 cut;
//   instant pass 1 — a log with a real time of day: local − UTC must be a real UTC offset
//           (−12 h to +14 h) on the quarter-hour grid (±60 s: the two sources round
//           differently); when exactly one row fits, the pair is a match AND an observation of
//           the offset in effect (tz/learned_zone.h);
//           pass 2 — a log that fitted several rows takes the one whose offset the nearest
//           observations (or the chosen zone) show; a 23:59:59 log takes a row on the same
//           local day under that offset;
//           before it, a 23:59:59 log with exactly one row of its mass at 23:59:59 local under
//           a real offset (as weight.csv writes a manual entry) takes that row, whatever zone
//           is expected (the chosen zone is the zone at export time, not always the one the
//           entry was made in). Neither is an observation: their offset is a guess.
// Logs and rows are taken in time order, each at most once; duplicates are counted and dropped
// before matching: logs exactly alike (both export layouts in one upload), rows written alike
// (within a second and 5 g: a Health Connect mirror, or two exports' weight.csv files).
#pragma once
#include <cstdint>
#include <vector>

#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"
#include "core/tz/learned_zone.h"
#include "core/tz/transitions.h"
#include "core/weight/unit_detect.h"

namespace ts::weight {

struct WeighInPair {
  uint32_t log, row;
};

struct MergedSources {
  std::vector<WeighInPair> pairs;
  std::vector<uint32_t> json_only;  // indexes into the logs
  std::vector<uint32_t> csv_only;   // indexes into the rows
  std::vector<tz::OffsetObservation> offsets;
  int duplicate_logs = 0, duplicate_rows = 0;
  size_t logs = 0, rows = 0;  // read from each source
};

// `chosen` (may be null) only breaks ties where the export's own evidence cannot. `seen`: the
// export's offsets from elsewhere (Google's list of workouts), weighed with the pairs' own
// where a log's offset is expected (a manual entry during a trip is paired by the offset the
// trip's workouts show, not the home zone's).
void merge_sources(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& rows, Unit unit,
                   const tz::Zone* chosen, MergedSources& out, const std::vector<tz::OffsetObservation>& seen = {});

// Real UTC offsets run from −12:00 to +14:00.
inline constexpr int32_t kMinRealOffset = -12 * 3600, kMaxRealOffset = 14 * 3600;

}  // namespace ts::weight
