#include "core/convert/plan_inputs.h"

#include <algorithm>

namespace ts::convert {

Error read_plan_inputs(const BundleView& in, PlanInputs& out) {
  if (Error e = parse_options(in.options, out.options)) return e;
  if (Error e = FileSizes::parse(in.options, out.sizes)) return e;
  read_export(in, out.data);
  decide_weight_unit(out.data, out.options, out.weight);
  index_health_files(in, out.index);
  read_workouts(in, out.index, out.workouts, out.exercise_problems);
  return {};
}

std::vector<std::string> unclaimed_files(const ExportData& data) {
  std::vector<std::string> out;
  for (const std::string& u : data.unknown)
    if (!is_health_file(u)) out.push_back(u);
  return out;
}

}  // namespace ts::convert
