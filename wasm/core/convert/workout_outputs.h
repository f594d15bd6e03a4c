// Workouts -> one activity FIT per exercise record (activities/<local date>-<logId>.fit), with
// its TCX track when there is one and, for a track without heart rate, the heart-rate day files.
#pragma once
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/convert/health_outputs.h"
#include "core/convert/options.h"
#include "core/convert/output_budget.h"
#include "core/convert/workout_inputs.h"
#include "core/tz/transitions.h"

namespace ts::convert {

// The activity FIT of each of `workouts` (a workouts step's, read from `in`), in order.
// Workouts impossible for their sport are left out unless the options keep them (each named
// with why, counted in out.implausible_left_out); one that recorded GPS but gets no map is
// listed in out.missing_maps. Each takes its room from `budget` before it is made (capacity
// error saying what to leave out); `auto_detected` counts the auto-detected ones written.
// Heart-rate readings before `hr_from` (UTC seconds) belong to an earlier workout's window
// (the plan's "hrFrom"; INT64_MIN: none).
Error convert_workouts(const BundleView& in, const HealthIndex& index, std::vector<Workout> workouts, const Options& options,
                       const tz::Zone& zone, int64_t hr_from, OutputBudget& budget, HealthOutputs& out, size_t& auto_detected);

}  // namespace ts::convert
