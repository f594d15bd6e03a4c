// Workouts -> one activity FIT per exercise record (activities/<local date>-<logId>.fit), with
// its TCX track when there is one and, for a track without heart rate, the heart-rate day files.
#pragma once
#include "core/convert/health_outputs.h"

namespace ts::convert {

Error convert_workouts(const BundleView& in, const HealthIndex& index, const Options& options, const tz::Zone& zone,
                       HealthOutputs& out);

}  // namespace ts::convert
