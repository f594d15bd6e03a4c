#include "core/weight/unit_detect.h"

#include <algorithm>
#include <cmath>

namespace ts::weight {

namespace {
// Fitbit logs to 0.1 of the display unit; 0.06 kg covers that rounding for either unit.
constexpr double kMatchKg = 0.06;
// BMI is rounded to 0.01 and heights to 0.1 cm: ±3 % is ample and still far from 2.2×.
constexpr double kBmiTolerance = 0.03;

std::optional<Unit> verdict(int kg, int lb, int of) {
  // A verdict needs a clear majority of what was examined, and at least one agreeing log.
  if (kg > 0 && kg * 2 > of && lb * 4 <= kg) return Unit::kg;
  if (lb > 0 && lb * 2 > of && kg * 4 <= lb) return Unit::lb;
  return std::nullopt;
}

// Matches logs with weight.csv rows of the same weigh-in: a row whose UTC instant lies within
// 26 hours of the log's local time (no zone is needed: no offset exceeds that) and whose
// grams equal the log's value read as kg, or as lb. Both lists are walked in time order.
Evidence from_grams(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& grams) {
  Evidence e;
  e.source = "weight.csv";
  std::vector<std::pair<int64_t, double>> rows;  // (utc, kg)
  rows.reserve(grams.size());
  for (const auto& g : grams) rows.emplace_back(g.utc_sec, g.grams / 1000.0);
  if (!std::is_sorted(rows.begin(), rows.end())) std::sort(rows.begin(), rows.end());
  std::vector<std::pair<int64_t, double>> local;  // (local, value)
  local.reserve(logs.size());
  for (const auto& l : logs) local.emplace_back(l.local_sec, l.weight);
  if (!std::is_sorted(local.begin(), local.end())) std::sort(local.begin(), local.end());
  constexpr int64_t kWindow = 26 * 3600;
  size_t lo = 0;
  for (const auto& [t, w] : local) {
    ++e.of;
    while (lo < rows.size() && rows[lo].first < t - kWindow) ++lo;
    bool kg = false, lb = false;
    for (size_t i = lo; i < rows.size() && rows[i].first <= t + kWindow; ++i) {
      kg = kg || std::fabs(rows[i].second - w) <= kMatchKg;
      lb = lb || std::fabs(rows[i].second - w * kKgPerLb) <= kMatchKg;
    }
    e.kg += kg;
    e.lb += lb;
  }
  e.verdict = verdict(e.kg, e.lb, e.of);
  return e;
}

Evidence from_bmi(const std::vector<fitbit::WeightLog>& logs, double height_cm) {
  Evidence e;
  e.source = "bmi";
  const double m2 = (height_cm / 100.0) * (height_cm / 100.0);
  for (const auto& l : logs) {
    if (!l.bmi) continue;
    ++e.of;
    const double ratio = l.weight / (*l.bmi * m2);
    e.kg += std::fabs(ratio - 1.0) <= kBmiTolerance;
    e.lb += std::fabs(ratio * kKgPerLb - 1.0) <= kBmiTolerance;
  }
  e.verdict = verdict(e.kg, e.lb, e.of);
  return e;
}

Evidence from_plausibility(const std::vector<fitbit::WeightLog>& logs) {
  Evidence e;
  e.source = "plausibility";
  std::vector<double> w;
  w.reserve(logs.size());
  for (const auto& l : logs) w.push_back(l.weight);
  e.of = static_cast<int>(w.size());
  if (w.empty()) return e;
  std::nth_element(w.begin(), w.begin() + w.size() / 2, w.end());
  const double median = w[w.size() / 2];
  if (median > 160) e.verdict = Unit::lb;
  else if (median < 70) e.verdict = Unit::kg;
  // Counts say how many single logs fall in each unambiguous band.
  for (double v : w) {
    e.lb += v > 160;
    e.kg += v < 70;
  }
  return e;
}
}  // namespace

const char* unit_name(Unit u) { return u == Unit::kg ? "kg" : "lb"; }

UnitDecision detect_unit(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& grams,
                         std::optional<double> height_cm, std::optional<Unit> override_unit) {
  UnitDecision d;
  if (!logs.empty() && !grams.empty()) d.evidence.push_back(from_grams(logs, grams));
  if (!logs.empty() && height_cm) {
    Evidence b = from_bmi(logs, *height_cm);
    if (b.of > 0) d.evidence.push_back(b);
  }
  if (!logs.empty()) d.evidence.push_back(from_plausibility(logs));

  const Evidence* strongest = nullptr;
  for (const Evidence& e : d.evidence)
    if (e.verdict) {
      strongest = &e;
      break;
    }
  if (override_unit) {
    d.unit = *override_unit;
    d.decided_by = "option";
    d.evidence_disagrees = strongest != nullptr && *strongest->verdict != *override_unit;
  } else if (strongest != nullptr) {
    d.unit = *strongest->verdict;
    d.decided_by = strongest->source;
  } else {
    d.unit = Unit::lb;
    d.decided_by = "default";
  }
  return d;
}

}  // namespace ts::weight
