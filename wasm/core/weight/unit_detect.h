// Which unit a Fitbit export's weights are in. The JSON carries no unit; Fitbit wrote the
// account's display unit (pounds in most exports, kilograms for metric accounts), and
// Profile.csv's `weight_unit` is not it (real exports contradict it), so it is not read.
// Writing pounds as kilograms (or the reverse) is the most reported failure of other tools,
// so the decision is made from every evidence the export holds, strongest first, and
// reported with it:
//   1. weight.csv     — the same weigh-ins in grams: count logs whose value matches a gram
//                       value read as kg, and as lb, of the logs it has a row near (it may
//                       cover only some years);
//   2. bmi            — BMI = kg / m², with a measured height: the nearest in time of
//                       height-*.json and height.csv, else Profile.csv's: which unit makes
//                       the logged BMI agree with the logged weight;
//   3. implied-height — BMI with the weight alone: sqrt(kg / BMI) is a height, and a log
//                       counts for the unit in which exactly one reading gives an adult
//                       height (1.40-2.10 m);
//   4. profile-weight — Profile.csv's `weight`, the latest weigh-in in kilograms whatever the
//                       account's unit (fitbit/profile_csv.h): each log of the last 30 days
//                       before the last one counts for the unit that reads it within 15 % of
//                       that (the two readings differ 2.2-fold, so never both). For a metric
//                       account whose weigh-ins carry no BMI (helper finding: 85.1 kg was
//                       written as 38.6, "pounds assumed", beside a profile saying 85.0);
//   5. plausibility   — the median: above 160 it can only sensibly be pounds, below 70 only
//                       kilograms; in between it proves nothing;
//   6. default        — pounds (what most exports use), said plainly as a default.
// Evidence that points both ways is a conflict: reported as one (the strongest still
// decides; when none decides, one source whose logs agree some with each unit is one too),
// never settled silently. Evidence that points NEITHER way is said too: when weight.csv or the
// BMI with a measured height examined a few weigh-ins and hardly any read right in either
// unit, and neither decides, the values are in some other unit (Fitbit's API gives UK
// accounts stones; helper finding: 13.79 st was written as 13.79 kg, "plausibility"
// deciding, without a word) or are not weights as logged, and whatever decides is a guess.
// The caller may override ("lb"/"kg"); the evidence is
// still reported, with a warning when it disagrees.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fitbit/height_reader.h"
#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"

namespace ts::weight {

enum class Unit { kg, lb };
inline constexpr int kNeitherMinLogs = 3;
inline constexpr double kKgPerLb = 0.45359237;  // exact, by definition

const char* unit_name(Unit u);

struct Evidence {
  std::string source;  // "weight.csv" | "bmi" | "implied-height" | "profile-weight" | "plausibility"
  int kg = 0;          // logs that agree with kilograms
  int lb = 0;          // logs that agree with pounds
  int of = 0;          // logs examined
  // weight.csv and bmi: the logs that agree with one unit and not the other (a log may match a
  // row as kilograms and another as pounds: a second person's weigh-in on the scale, 2.2
  // times lighter, within a day). Not reported.
  int kg_only = 0, lb_only = 0;
  std::optional<Unit> verdict;
  std::string height;  // bmi: where the heights came from ("height-*.json", "Profile.csv", …)
  // plausibility: the median is below kPersonMinKg, no account holder's weight in either unit;
  // kg and lb then count the logs that are a person's weight as only that unit can read them
  // (20-70 as kilograms, over 160 as pounds).
  bool below_person = false;
};

// The least an account holder weighs, in kilograms: Fitbit's accounts are for people 13 and
// older, a family's child accounts from 6 (about 16-22 kg). A history whose median is below it
// reads right in neither unit: stones (7-25 st for most adults) are (helper finding: a stone
// history without BMI or weight.csv was written as 12.5-15.1 kg, "plausibility", unsaid).
inline constexpr double kPersonMinKg = 20;

// Whether `e` says "neither unit" (UnitDecision::neither): a source that holds each weigh-in
// against a measure of its own (weight.csv, bmi) examined at least kNeitherMinLogs and found
// at most a quarter agreeing with either unit; or plausibility below_person (of at least
// kNeitherMinLogs), which still decides kilograms (a small child's weight is possible) but
// is said.
bool says_neither(const Evidence& e);

struct UnitDecision {
  Unit unit = Unit::lb;
  std::string decided_by;  // "option" | "weight.csv" | "bmi" | "implied-height" | "profile-weight" | "plausibility" | "default"
  std::vector<Evidence> evidence;
  bool evidence_disagrees = false;  // an override contradicts the strongest evidence
  bool conflict = false;            // two sources give different verdicts, or none gives one and a source's logs agree with both
  // No weigh-in-by-weigh-in source with a measure of its own (weight.csv, bmi) decides, and
  // one of them says neither unit (says_neither).
  bool neither = false;
  // Such a source finds some weigh-ins that read right only in kilograms and some only in
  // pounds (says_mixed), with a verdict or without: files in two units, as when exports made
  // before and after the account's unit changed are given together (one export's weigh-in
  // cannot read right only in the other unit). One unit for all of them writes some wrong,
  // whichever decides, so it is a conflict and said as this (helper finding: 31 weigh-ins in
  // lb beside the same 31 in kg, weight.csv 31/31, were written 62 times, half at 45 % of their
  // weight, plausibility deciding without a word; review findings: a quarter of each was asked
  // at first, and 2 in lb beside 7 in kg went unsaid; then a verdict, 8 kg to 2 lb, hid them).
  bool mixed = false;
};

// Whether `e`, a source with a measure of its own (weight.csv, bmi), says the weigh-ins are in
// both units.
bool says_mixed(const Evidence& e);

// Heights the export records: dated ones (height-*.json, height.csv) and Profile.csv's.
struct Heights {
  std::vector<fitbit::HeightRecord> dated;  // any order
  std::string dated_from;                   // "height-*.json", "height.csv" or both, for the report
  std::optional<double> profile_cm;
  std::optional<double> profile_kg;  // not a height: Profile.csv's weight, read beside its height
};

UnitDecision detect_unit(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& grams,
                         const Heights& heights, std::optional<Unit> override_unit);

}  // namespace ts::weight
