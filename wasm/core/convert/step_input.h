// What every step kind starts from: the conversion options, the step object the plan wrote,
// exactly that step's files, and the zone for local days.
#pragma once
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/health_index.h"
#include "core/convert/workout_inputs.h"
#include "core/convert/options.h"
#include "core/convert/weight_plan.h"
#include "core/weight/weight_fit.h"
#include "core/tz/transitions.h"
#include "simdjson.h"

namespace ts::convert {

struct StepInput {
  BundleView files;             // this step's files only (views into the call's input)
  const Options* options = nullptr;
  const tz::Zone* zone = nullptr;  // the options' zone, or UTC when none was given
  simdjson::dom::element step;  // the plan's step object
  std::string kind;
};

// The step's optional integer member (null or absent -> `fallback`).
int64_t step_int_or(const StepInput& s, const char* key, int64_t fallback);

// A weight step's outputs from its rows (weight_steps.h), already read and checked: FIT files
// of `per_file` rows numbered from `first_file` of `total_files`, and a part with their manifest
// entries. ts_step reads the rows from the step object; ts_convert hands the plan's own.
Error weight_rows_step(const weight::WeighInRecord* rows, size_t n, size_t per_file, size_t first_file, size_t total_files,
                       BundleWriter& out);

// The workouts a workouts step names ("logIds"), read from its "records" (or, for a step
// planned before plans wrote them, from its whole exercise files), in start order.
Error workouts_of_step(const BundleView& in, const HealthIndex& index, simdjson::dom::element step, std::vector<Workout>& workouts);

// Each kind's step: appends part.json, then its output files, to `out`.
Error weight_step(StepInput& s, BundleWriter& out);
Error workouts_step(StepInput& s, BundleWriter& out);
Error daily_step(StepInput& s, BundleWriter& out);
Error sleep_step(StepInput& s, BundleWriter& out);
Error resting_hr_step(StepInput& s, BundleWriter& out);
Error heart_rate_step(StepInput& s, BundleWriter& out);
Error other_step(StepInput& s, BundleWriter& out);

}  // namespace ts::convert
