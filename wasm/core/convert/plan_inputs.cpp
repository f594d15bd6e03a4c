#include "core/convert/plan_inputs.h"

namespace ts::convert {

Error read_plan_inputs(const BundleView& in, PlanInputs& out) {
  if (Error e = parse_options(in.options, out.options)) return e;
  if (Error e = FileSizes::parse(in.options, out.sizes)) return e;
  read_export(in, out.data);
  if (Error e = analyse_weight(out.data, out.options, out.weight)) return e;
  index_health_files(in, out.index);
  read_workouts(in, out.index, out.workouts, out.exercise_problems);
  return {};
}

tz::Zone zone_for_steps(const PlanInputs& p) {
  if (p.weight.zone_in_effect) return *p.weight.zone_in_effect;
  if (p.options.zone) return *p.options.zone;
  tz::Zone utc;
  (void)tz::Zone::make({{0, 0}}, utc);
  return utc;
}

}  // namespace ts::convert
