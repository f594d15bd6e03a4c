// Workouts -> one activity FIT per exercise record (activities/<local date>-<logId>.fit), with
// its TCX track when there is one and, for a track without heart rate, the heart-rate day files.
#pragma once
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/convert/health_outputs.h"
<<<<<<< ours
#include "core/convert/output_budget.h"

namespace ts::convert {

Error convert_workouts(const BundleView& in, const HealthIndex& index, const Options& options, const tz::Zone& zone,
                       OutputBudget& budget, HealthOutputs& out);
=======
#include "core/convert/workout_inputs.h"
#include "core/tz/transitions.h"

namespace ts::convert {

// The activity FIT of each of `workouts` (a workouts step's, read from `in`), in order; counts
// the auto-detected ones written.
void convert_workouts(const BundleView& in, const HealthIndex& index, const std::vector<Workout>& workouts, const tz::Zone& zone,
                      HealthOutputs& out, size_t& auto_detected);
>>>>>>> theirs

}  // namespace ts::convert
