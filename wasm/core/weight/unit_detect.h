// Which unit a Fitbit export's weights are in. The JSON carries no unit; Fitbit wrote the
// account's display unit (pounds in every sample seen, kilograms for metric accounts).
// Writing pounds as kilograms (or the reverse) is the most reported failure of other tools,
// so the decision is made from evidence and reported with it:
//   1. weight.csv  — the same weigh-ins in grams: count logs whose value matches a gram value
//                    read as kg, and as lb;
//   2. bmi         — BMI = kg / m², with height from Profile.csv: which unit makes the
//                    logged BMI agree with the logged weight;
//   3. plausibility — the median: above 160 it can only sensibly be pounds, below 70 only
//                    kilograms; in between it proves nothing;
//   4. default     — pounds (what every sampled export used), said plainly as a default.
// The caller may override ("lb"/"kg"); the evidence is still reported, with a warning when
// it disagrees.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"

namespace ts::weight {

enum class Unit { kg, lb };
inline constexpr double kKgPerLb = 0.45359237;  // exact, by definition

const char* unit_name(Unit u);

struct Evidence {
  std::string source;  // "weight.csv" | "bmi" | "plausibility"
  int kg = 0;          // logs that agree with kilograms
  int lb = 0;          // logs that agree with pounds
  int of = 0;          // logs examined
  std::optional<Unit> verdict;
};

struct UnitDecision {
  Unit unit = Unit::lb;
  std::string decided_by;  // "option" | "weight.csv" | "bmi" | "plausibility" | "default"
  std::vector<Evidence> evidence;
  bool evidence_disagrees = false;  // an override contradicts the strongest evidence
};

UnitDecision detect_unit(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& grams,
                         std::optional<double> height_cm, std::optional<Unit> override_unit);

}  // namespace ts::weight
