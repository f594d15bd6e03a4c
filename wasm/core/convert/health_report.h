// ts_validate's entries for every kind beyond weight: what each holds (counts, dates), and
// whether and how Garmin Connect takes it.
#pragma once
#include "core/common/json_writer.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/health_index.h"
#include "core/fitbit/problem.h"
#include "core/tz/transitions.h"

namespace ts::convert {

// Writes one object per kind present into the open `kinds` array and widens `range` (the UTC
// span whose zone transitions ts_convert needs).
void validate_health(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, json::Writer& kinds,
                     SecRange& range, fitbit::Problems& problems);

}  // namespace ts::convert
