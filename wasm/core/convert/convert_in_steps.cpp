// The whole conversion in one call, made of the same plan, steps and assembly every other
// caller runs: so the one-call path and the stepped paths cannot drift apart.
#include "core/convert/options.h"
#include "core/convert/planned_conversion.h"
#include "core/convert/step_input.h"
#include "core/convert/steps.h"

namespace ts::convert {

std::string step_options(std::string_view options, std::string_view step_json, std::string_view step_zone_json) {
  std::string members = "\"step\":" + std::string(step_json);
  if (!step_zone_json.empty()) members += ",\"stepZone\":" + std::string(step_zone_json);
  const size_t close = options.find_last_of('}');
  if (close == std::string_view::npos) return "{" + members + "}";
  std::string out(options.substr(0, close));
  const size_t open = out.find('{');
  const bool empty = out.find_first_not_of(" \t\r\n", open + 1) == std::string::npos;
  out += empty ? "" : ",";
  out += members;
  out += "}";
  return out;
}

Error convert_in_steps(const BundleView& in, std::string& out_bundle) {
  // The plan kept apart (planned_conversion.h), not printed and parsed back. Every other step
  // runs from its JSON as ts_step does; a weight step with rows writes the plan's own rows
  // through the same function ts_step ends in.
  PlannedConversion plan;
  if (Error e = plan_conversion(in, plan)) return e;
  Options options;
  if (Error e = parse_options(in.options, options)) return e;
  std::vector<std::string> parts{plan.part};
  std::vector<std::string> outputs;  // each step's output bundle, kept for its file views
  for (const PlannedStep& step : plan.steps) {
    std::string result;
    if (step.cut) {
      const WeightStepCut& c = plan.cuts[*step.cut];
      BundleWriter one;
      if (Error e = weight_rows_step(plan.rows.data() + c.first_row, c.rows, options.weight_per_file, c.first_file,
                                     plan.weight_files, one))
        return e;
      result = one.finish();
    } else {
      BundleView view;
      const std::string step_opts = step_options(in.options, step.json, plan.step_zone);
      view.options = step_opts;
      view.padded = in.padded;
      for (size_t f : step.files) view.files.push_back(in.files[f]);
      if (Error e = run_step(view, result)) return e;
    }
    outputs.push_back(std::move(result));
  }
  BundleWriter out;
  std::vector<BundleView> decoded(outputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (Error e = decode_bundle(reinterpret_cast<const uint8_t*>(outputs[i].data()), outputs[i].size(), 0, decoded[i])) return e;
    parts.emplace_back(decoded[i].files.at(0).data);
    for (size_t j = 1; j < decoded[i].files.size(); ++j) out.add(decoded[i].files[j].name, decoded[i].files[j].data);
  }
  BundleWriter assembly_in(in.options);
  for (const std::string& p : parts) assembly_in.add("part.json", p);
  const std::string assembly_bytes = assembly_in.finish();
  BundleView assembly;
  if (Error e = decode_bundle(reinterpret_cast<const uint8_t*>(assembly_bytes.data()), assembly_bytes.size(), 0, assembly)) return e;
  std::string assembled;
  if (Error e = assemble_parts(assembly, assembled)) return e;
  BundleView made;
  if (Error e = decode_bundle(reinterpret_cast<const uint8_t*>(assembled.data()), assembled.size(), 0, made)) return e;
  for (const BundleFile& f : made.files) out.add(f.name, f.data);
  out_bundle = out.finish();
  return {};
}

}  // namespace ts::convert
