#include "core/convert/weight_plan.h"

#include <string_view>

#include "core/common/same_bytes.h"

namespace ts::convert {

namespace {
// The unit the evidence points to, whatever the caller chose: what the two sources' values
// are compared in (an override that contradicts the evidence must not unmatch them).
weight::Unit evidence_unit(const weight::UnitDecision& d) {
  for (const weight::Evidence& e : d.evidence)
    if (e.verdict) return *e.verdict;
  return weight::Unit::lb;
}
}  // namespace

Error analyse_weight(const ExportData& data, const Options& options, WeightPlan& out) {
  const bool logs = !data.weight_logs.empty(), grams = !data.grams.empty();
  out.source = logs && grams ? "weight-*.json + weight.csv" : logs ? "weight-*.json" : grams ? "weight.csv" : "";
  weight::Heights heights{data.heights, data.heights_from, data.profile.height_cm, data.profile.weight_kg};
  out.unit = weight::detect_unit(data.weight_logs, data.grams, heights, options.weight_unit);
  if (!logs && grams) {
    // Grams need no guess: say so rather than report a default.
    out.unit.unit = weight::Unit::kg;
    out.unit.decided_by = "weight.csv";
  }
  const tz::Zone* chosen = options.zone ? &*options.zone : nullptr;
  weight::merge_sources(data.weight_logs, data.grams, evidence_unit(out.unit), chosen, out.merged, data.workout_offsets);
  // The export's own offsets: its matched weigh-ins', and its listed workouts'.
  std::vector<tz::OffsetObservation> seen = out.merged.offsets;
  seen.insert(seen.end(), data.workout_offsets.begin(), data.workout_offsets.end());
  out.periods = tz::offset_periods(seen, chosen);
  if (chosen) {
    if (options.zone_explicit) {
      out.zone_in_effect = *chosen;
    } else {
      tz::Zone z;
      if (Error e = tz::learned_zone(std::move(seen), *chosen, z)) return e;
      out.zone_in_effect = std::move(z);
    }
  }
  return {};
}

Error plan_weight(const ExportData& data, const Options& options, WeightPlan& out, fitbit::Problems& problems) {
  if (Error e = analyse_weight(data, options, out)) return e;
  return weigh_ins_of(data, out, problems);
}

namespace {
// Whether a source name says Garmin ("Garmin Connect Health Connect", "Garmin Index S2"), in
// any letter case.
bool names_garmin(const std::string& source) {
  for (size_t i = 0; i + 6 <= source.size(); ++i)
    if (same_ignoring_ascii_case(std::string_view(source).substr(i, 6), "garmin")) return true;
  return false;
}

// The merged weigh-ins either of whose records names Garmin as its source (helper finding: a
// scale's weigh-ins that came from Garmin Connect through Health Connect went back into it
// unsaid).
int from_garmin(const ExportData& data, const weight::MergedSources& m) {
  std::vector<bool> garmin(data.sources.size());
  for (size_t i = 0; i < garmin.size(); ++i) garmin[i] = names_garmin(data.sources.name(static_cast<uint8_t>(i)));
  const auto log = [&](uint32_t i) { return garmin[data.weight_logs[i].source]; };
  const auto row = [&](uint32_t i) { return garmin[data.grams[i].source]; };
  int n = 0;
  for (const weight::WeighInPair& p : m.pairs) n += log(p.log) || row(p.row);
  for (uint32_t i : m.json_only) n += log(i);
  for (uint32_t i : m.csv_only) n += row(i);
  return n;
}
}  // namespace

Error weigh_ins_of(const ExportData& data, WeightPlan& out, fitbit::Problems& problems) {
  const weight::MergedSources& m = out.merged;
  if (!m.json_only.empty() && !out.zone_in_effect)
    return fail(Status::invalid_argument,
                "option 'timeZone' is required: the weight logs are local wall-clock times (validation reports the "
                "zone in Profile.csv and the range to cover)");
  std::vector<weight::MatchedWeighIn> pairs;
  pairs.reserve(m.pairs.size());
  for (const weight::WeighInPair& p : m.pairs) pairs.push_back({&data.weight_logs[p.log], &data.grams[p.row]});
  weight::from_matched(pairs, data.weight_files, data.grams_files, out.weighins, problems);
  if (m.json_only.size() == data.weight_logs.size() && !data.weight_logs.empty()) {
    // No weight.csv to match (the common export without Google's CSV): every log as read.
    weight::from_logs(data.weight_logs, data.weight_files, out.unit.unit, *out.zone_in_effect, out.weighins, problems);
  } else if (!m.json_only.empty()) {
    std::vector<fitbit::WeightLog> only;
    only.reserve(m.json_only.size());
    for (uint32_t i : m.json_only) only.push_back(data.weight_logs[i]);
    weight::from_logs(only, data.weight_files, out.unit.unit, *out.zone_in_effect, out.weighins, problems);
  }
  if (!m.csv_only.empty()) {
    std::vector<fitbit::WeightGrams> only;
    only.reserve(m.csv_only.size());
    for (uint32_t i : m.csv_only) only.push_back(data.grams[i]);
    weight::from_grams(only, data.grams_files, out.weighins, problems);
  }
  if (!data.body_fat.empty()) weight::add_body_fat(data.body_fat, out.weighins);
  out.weighins.from_garmin = from_garmin(data, m);
  out.weighins.duplicates += m.duplicate_logs + m.duplicate_rows;
  out.weighins.same_instant = weight::same_instant(out.weighins);
  return {};
}

}  // namespace ts::convert
