// The weight part of a conversion, short of writing FIT: which sources, which unit (with
// evidence), how the two sources' weigh-ins matched, the UTC offsets the matches show, the
// zone in effect that follows from them, and the weigh-ins in UTC. Shared by ts_convert,
// ts_validate and ts_weight_preview so that all three say the same thing about one export.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/tz/learned_zone.h"
#include "core/weight/unit_detect.h"
#include "core/weight/weigh_in_merge.h"
#include "core/weight/weight_entries.h"

namespace ts::convert {

struct WeightPlan {
  std::string source;  // "weight-*.json + weight.csv" | "weight-*.json" | "weight.csv" | "" (no weight)
  weight::UnitDecision unit;
  weight::MergedSources merged;
  std::vector<tz::OffsetPeriod> periods;  // of merged.offsets, compared with the chosen zone (if any)
  // What every local-time record of the export is read in (weigh-ins, days, workouts' local
  // times): the chosen zone, following the export's own offsets unless the zone was chosen
  // explicitly (tz/learned_zone.h). Empty when no zone was given.
  std::optional<tz::Zone> zone_in_effect;
  weight::WeighIns weighins;
};

// Unit, matching, offset periods and the zone in effect; no zone needed (validation).
Error analyse_weight(const ExportData& data, const Options& options, WeightPlan& out);

// The above and the weigh-ins. invalid_argument when weigh-ins only the JSON holds (local
// wall-clock times) need a zone and the options carry no timeZone.
Error plan_weight(const ExportData& data, const Options& options, WeightPlan& out, fitbit::Problems& problems);

// The weigh-ins of a plan analyse_weight made from `data` (its weighins empty): plan_weight's
// second half, for a caller that has the analysis already (the plan, which makes the weigh-ins
// its weight steps carry: weight_steps.h). The same errors.
Error weigh_ins_of(const ExportData& data, WeightPlan& out, fitbit::Problems& problems);

}  // namespace ts::convert
