// Per-minute and daily activity files -> Fitbit-style Activities CSVs (csv/activities-….csv),
// summed into the account's local days.
#pragma once
#include "core/convert/health_outputs.h"

namespace ts::convert {

Error convert_daily(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, HealthOutputs& out);

}  // namespace ts::convert
