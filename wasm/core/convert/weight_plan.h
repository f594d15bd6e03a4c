// The weight part of a conversion, short of writing FIT: which source, which unit (with
// evidence), and the weigh-ins in UTC. Shared by ts_convert, ts_validate and ts_weight_preview
// so that all three say the same thing about the same export.
#pragma once
#include <string>

#include "core/common/status.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/weight/unit_detect.h"
#include "core/weight/weight_entries.h"

namespace ts::convert {

struct WeightPlan {
  std::string source;  // "weight-*.json" | "weight.csv" | "" (no weight in the export)
  weight::UnitDecision unit;
  weight::WeighIns weighins;
};

// Decides the unit only (no time zone needed): what validation reports.
void decide_weight_unit(const ExportData& data, const Options& options, WeightPlan& out);

// The full plan. invalid_argument when the export has local-time weight logs and the
// options carry no timeZone.
Error plan_weight(const ExportData& data, const Options& options, WeightPlan& out, fitbit::Problems& problems);

}  // namespace ts::convert
