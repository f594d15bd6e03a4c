#include "core/convert/weight_plan.h"

namespace ts::convert {

void decide_weight_unit(const ExportData& data, const Options& options, WeightPlan& out) {
  if (!data.weight_logs.empty()) out.source = "weight-*.json";
  else if (!data.grams.empty()) out.source = "weight.csv";
  out.unit = weight::detect_unit(data.weight_logs, data.grams, data.profile.height_cm, options.weight_unit);
  if (out.source == "weight.csv") {
    // Grams need no guess: say so rather than report a default.
    out.unit.unit = weight::Unit::kg;
    out.unit.decided_by = "weight.csv";
  }
}

Error plan_weight(const ExportData& data, const Options& options, WeightPlan& out, fitbit::Problems& problems) {
  decide_weight_unit(data, options, out);
  if (!data.weight_logs.empty()) {
    if (!options.zone)
      return fail(Status::invalid_argument,
                  "option 'timeZone' is required: the weight logs are local wall-clock times (validation reports the "
                  "zone in Profile.csv and the range to cover)");
    weight::from_logs(data.weight_logs, data.weight_files, out.unit.unit, *options.zone, out.weighins, problems);
  } else if (!data.grams.empty()) {
    weight::from_grams(data.grams, data.grams_file, out.weighins, problems);
  }
  return {};
}

}  // namespace ts::convert
