// The whole conversion in one call, made of the same plan, steps and assembly every other
// caller runs: so the one-call path and the stepped paths cannot drift apart.
#include <unordered_map>

#include "core/convert/steps.h"
#include "simdjson.h"

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
  std::string plan_json;
  if (Error e = plan_export(in, plan_json)) return e;
  simdjson::dom::parser parser;
  simdjson::dom::element plan;
  if (parser.parse(plan_json).get(plan)) return fail(Status::format, "the plan is not JSON");
  std::unordered_map<std::string_view, const BundleFile*> by_name;
  for (const BundleFile& f : in.files) by_name.emplace(f.name, &f);  // the first of a repeated path

  simdjson::dom::element part, step_zone;
  simdjson::dom::array steps;
  if (plan["part"].get(part) || plan["steps"].get_array().get(steps)) return fail(Status::format, "the plan has no steps");
  const std::string zone_json = plan["stepZone"].get(step_zone) ? std::string() : simdjson::minify(step_zone);
  std::vector<std::string> parts{simdjson::minify(part)};
  std::vector<std::string> outputs;  // each step's output bundle, kept for its file views
  for (simdjson::dom::element step : steps) {
    BundleView view;
    const std::string options = step_options(in.options, simdjson::minify(step), zone_json);
    view.options = options;
    view.padded = in.padded;
    simdjson::dom::array names;
    if (step["files"].get_array().get(names)) return fail(Status::format, "a step without files");
    for (simdjson::dom::element name : names) {
      std::string_view n;
      if (name.get_string().get(n) || !by_name.count(n)) return fail(Status::format, "a step names a file the export lacks");
      view.files.push_back(*by_name[n]);
    }
    std::string result;
    if (Error e = run_step(view, result)) return e;
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
