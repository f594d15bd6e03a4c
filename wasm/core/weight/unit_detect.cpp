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
// A log is examined only when weight.csv has a row in its window: an export's weight.csv may
// cover only its later years, and the logs it does not reach say nothing either way (counted,
// they outvoted every row that agreed: a metric account with weight.csv for two of six logs
// was written in pounds, at 45 % of its weight).
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
    while (lo < rows.size() && rows[lo].first < t - kWindow) ++lo;
    bool kg = false, lb = false, covered = false;
    for (size_t i = lo; i < rows.size() && rows[i].first <= t + kWindow; ++i) {
      covered = true;
      kg = kg || std::fabs(rows[i].second - w) <= kMatchKg;
      lb = lb || std::fabs(rows[i].second - w * kKgPerLb) <= kMatchKg;
    }
    e.of += covered;
    e.kg += kg;
    e.lb += lb;
    e.kg_only += kg && !lb;
    e.lb_only += lb && !kg;
  }
  e.verdict = verdict(e.kg, e.lb, e.of);
  return e;
}

// The height in effect for each log: the dated record nearest in time, else Profile.csv's.
Evidence from_bmi(const std::vector<fitbit::WeightLog>& logs, const Heights& heights) {
  Evidence e;
  e.source = "bmi";
  std::vector<fitbit::HeightRecord> dated = heights.dated;
  std::sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return a.sec < b.sec; });
  bool used_dated = false, used_profile = false;
  for (const auto& l : logs) {
    if (!l.bmi) continue;
    double cm = 0;
    if (!dated.empty()) {
      auto it = std::lower_bound(dated.begin(), dated.end(), l.local_sec, [](const auto& h, int64_t t) { return h.sec < t; });
      if (it == dated.end() || (it != dated.begin() && l.local_sec - std::prev(it)->sec <= it->sec - l.local_sec)) --it;
      cm = it->cm;
      used_dated = true;
    } else if (heights.profile_cm) {
      cm = *heights.profile_cm;
      used_profile = true;
    } else {
      continue;
    }
    ++e.of;
    const double ratio = l.weight / (*l.bmi * (cm / 100.0) * (cm / 100.0));
    const bool kg = std::fabs(ratio - 1.0) <= kBmiTolerance, lb = std::fabs(ratio * kKgPerLb - 1.0) <= kBmiTolerance;
    e.kg += kg;
    e.lb += lb;
    e.kg_only += kg && !lb;
    e.lb_only += lb && !kg;
  }
  e.height = used_dated ? heights.dated_from : used_profile ? "Profile.csv" : "";
  e.verdict = verdict(e.kg, e.lb, e.of);
  return e;
}

// An adult's height, in metres: what a BMI and a weight must imply in the right unit. Wide
// enough for nearly every adult; the two readings differ by a factor of 1.49 (the square root
// of 2.2), so at most a sliver (1.40-1.41 m read as pounds) is plausible both ways.
constexpr double kAdultMinM = 1.40, kAdultMaxM = 2.10;

Evidence from_implied_height(const std::vector<fitbit::WeightLog>& logs) {
  Evidence e;
  e.source = "implied-height";
  auto adult = [](double m) { return m >= kAdultMinM && m <= kAdultMaxM; };
  for (const auto& l : logs) {
    if (!l.bmi) continue;
    ++e.of;
    const bool as_kg = adult(std::sqrt(l.weight / *l.bmi));
    const bool as_lb = adult(std::sqrt(l.weight * kKgPerLb / *l.bmi));
    e.kg += as_kg && !as_lb;
    e.lb += as_lb && !as_kg;
  }
  e.verdict = verdict(e.kg, e.lb, e.of);
  return e;
}

Evidence from_profile_weight(const std::vector<fitbit::WeightLog>& logs, double profile_kg) {
  Evidence e;
  e.source = "profile-weight";
  int64_t last = logs.front().local_sec;
  for (const auto& l : logs) last = std::max(last, l.local_sec);
  auto near = [&](double kg) { return std::abs(kg - profile_kg) <= 0.15 * profile_kg; };
  for (const auto& l : logs) {
    if (l.local_sec < last - 30 * 86400) continue;
    ++e.of;
    const bool as_kg = near(l.weight), as_lb = near(l.weight * kKgPerLb);
    e.kg += as_kg && !as_lb;
    e.lb += as_lb && !as_kg;
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
  e.below_person = median < kPersonMinKg;
  // Counts say how many single logs fall in each unambiguous band (below a person's weight,
  // only the person's band of each: kPersonMinKg).
  const double kg_from = e.below_person ? kPersonMinKg : 0;
  for (double v : w) {
    e.lb += v > 160;
    e.kg += v >= kg_from && v < 70;
  }
  return e;
}
}  // namespace

const char* unit_name(Unit u) { return u == Unit::kg ? "kg" : "lb"; }

namespace {
bool neither_source(std::string_view source) { return source == "weight.csv" || source == "bmi"; }
}  // namespace

bool says_mixed(const Evidence& e) { return neither_source(e.source) && e.kg_only > 0 && e.lb_only > 0; }

bool says_neither(const Evidence& e) {
  if (e.below_person) return e.of >= kNeitherMinLogs;
  return neither_source(e.source) && e.of >= kNeitherMinLogs && (e.kg + e.lb) * 4 <= e.of;
}

UnitDecision detect_unit(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& grams,
                         const Heights& heights, std::optional<Unit> override_unit) {
  UnitDecision d;
  if (!logs.empty() && !grams.empty()) {
    Evidence g = from_grams(logs, grams);
    if (g.of > 0) d.evidence.push_back(g);  // a weight.csv near none of the logs says nothing
  }
  if (!logs.empty() && (!heights.dated.empty() || heights.profile_cm)) {
    Evidence b = from_bmi(logs, heights);
    if (b.of > 0) d.evidence.push_back(b);
  }
  if (!logs.empty()) {
    Evidence i = from_implied_height(logs);
    if (i.of > 0) d.evidence.push_back(i);
    if (heights.profile_kg) d.evidence.push_back(from_profile_weight(logs, *heights.profile_kg));
    d.evidence.push_back(from_plausibility(logs));
  }

  const Evidence* strongest = nullptr;
  for (const Evidence& e : d.evidence) {
    if (!e.verdict) continue;
    if (strongest == nullptr) strongest = &e;
    else if (*e.verdict != *strongest->verdict) d.conflict = true;
  }
  // No verdict, but a source whose logs agree some with kilograms and some with pounds: the
  // evidence points both ways (not "none either way"), and the warning says so.
  if (strongest == nullptr)
    for (const Evidence& e : d.evidence) d.conflict = d.conflict || (e.kg > 0 && e.lb > 0);
  // Only sources that hold each weigh-in against a measure of its own: Profile.csv's weight is
  // one number, perhaps typed by hand or stale (unit-evidence case 14), and an implied height
  // that is no adult's in either unit is a child's or a short person's as often as a third
  // unit's (case 7: a child's 30 kg with BMI 19; review finding).
  bool measured_verdict = false, measured_neither = false;
  for (const Evidence& e : d.evidence) {
    if (e.below_person) measured_neither = measured_neither || says_neither(e);
    if (!neither_source(e.source)) continue;
    measured_verdict = measured_verdict || e.verdict.has_value();
    measured_neither = measured_neither || says_neither(e);
    d.mixed = d.mixed || says_mixed(e);
  }
  d.conflict = d.conflict || d.mixed;
  d.neither = measured_neither && !measured_verdict;
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
