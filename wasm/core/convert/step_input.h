// What every step kind starts from: the conversion options, the step object the plan wrote,
// exactly that step's files, and the zone for local days.
#pragma once
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/convert/weight_plan.h"
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

// Each kind's step: appends part.json, then its output files, to `out`.
Error weight_step(StepInput& s, BundleWriter& out);
Error workouts_step(StepInput& s, BundleWriter& out);
Error daily_step(StepInput& s, BundleWriter& out);
Error sleep_step(StepInput& s, BundleWriter& out);
Error resting_hr_step(StepInput& s, BundleWriter& out);
Error heart_rate_step(StepInput& s, BundleWriter& out);
Error other_step(StepInput& s, BundleWriter& out);

}  // namespace ts::convert
