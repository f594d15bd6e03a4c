#include "boundary/api_convert.h"

#include <cmath>

#include "boundary/json_args.h"
#include "core/common/civil_time.h"
#include "core/common/json_text.h"
#include "core/convert/convert.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/convert/report_json.h"
#include "core/convert/weight_plan.h"
#include "core/fitbit/weight_csv.h"

namespace ts::api {

namespace {
// A value as the FIT file stores it: rounded to the field's resolution (1/scale).
double at_resolution(double v, double scale) { return static_cast<double>(std::llround(v * scale)) / scale; }
}  // namespace

Error convert(boundary::Input in, std::string& out) {
  convert::BundleView bundle;
  if (Error e = convert::decode_bundle(in.data, in.len, boundary::kInputPadding, bundle)) return e;
  return convert::convert_export(bundle, out);
}

Error validate(boundary::Input in, std::string& out) {
  convert::BundleView bundle;
  if (Error e = convert::decode_bundle(in.data, in.len, boundary::kInputPadding, bundle)) return e;
  return convert::validate_export(bundle, out);
}

Error weight_preview(boundary::Input in, std::string& out) {
  simdjson::dom::parser parser;
  boundary::JsonArgs args;
  if (Error e = boundary::JsonArgs::parse(parser, in, args)) return e;
  convert::BundleView bundle;
  std::string options_text;
  simdjson::dom::element opt;
  if (!args.object()["options"].get(opt)) options_text = simdjson::minify(opt);
  bundle.options = options_text;
  simdjson::dom::array files;
  if (args.object()["files"].get_array().get(files)) return fail(Status::invalid_argument, "field 'files' must be an array");
  for (simdjson::dom::element f : files) {
    convert::BundleFile bf;
    if (f["name"].get_string().get(bf.name) || f["text"].get_string().get(bf.data))
      return fail(Status::invalid_argument, "each of 'files' must be {name, text}");
    bundle.files.push_back(bf);
  }
  convert::Options options;
  if (Error e = convert::parse_options(bundle.options, options)) return e;
  convert::ExportData data;
  convert::read_export(bundle, data);
  fitbit::Problems problems = data.problems;
  convert::WeightPlan plan;
  if (Error e = convert::plan_weight(data, options, plan, problems)) return e;

  out = "{\"source\":";
  json::append_string(out, plan.source);
  out += ",\"weightUnit\":";
  convert::append_unit_json(out, plan.unit);
  out += ",\"entries\":[";
  const auto& entries = plan.weighins.entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ",";
    out += "{\"utc\":";
    json::append_string(out, civil::iso_utc(entries[i].utc_sec));
    out += ",\"kg\":";
    json::append_number(out, at_resolution(entries[i].kg, 100));
    if (entries[i].fat_percent) {
      out += ",\"fat\":";
      json::append_number(out, at_resolution(*entries[i].fat_percent, 100));
    }
    if (entries[i].bmi) {
      out += ",\"bmi\":";
      json::append_number(out, at_resolution(*entries[i].bmi, 10));
    }
    out += "}";
  }
  out += "],\"weighIns\":";
  convert::append_weigh_in_sources_json(out, plan);
  out += ",\"zoneEvidence\":";
  convert::append_zone_evidence_json(out, plan, options);
  out += ",\"skipped\":";
  convert::append_skipped_json(out, problems);
  std::vector<std::string> warnings;
  convert::weight_warnings(plan.unit, plan.weighins, warnings);
  convert::zone_warnings(plan, options, data.profile.time_zone, warnings);
  out += ",\"warnings\":";
  convert::append_string_array(out, warnings);
  out += "}";
  return {};
}

Error tz_resolve(boundary::Input in, std::string& out) {
  simdjson::dom::parser parser;
  boundary::JsonArgs args;
  if (Error e = boundary::JsonArgs::parse(parser, in, args)) return e;
  convert::Options options;
  if (Error e = convert::parse_options(std::string_view(reinterpret_cast<const char*>(in.data), in.len), options)) return e;
  if (!options.zone) return fail(Status::invalid_argument, "field 'timeZone' is required");
  std::string_view local;
  if (Error e = args.get_string("local", local)) return e;
  int64_t local_sec = 0;
  if (!fitbit::parse_iso_utc(std::string(local) + "Z", local_sec))
    return fail(Status::invalid_argument, "field 'local' must be YYYY-MM-DDTHH:MM:SS");
  const tz::Zone::Resolved r = options.zone->to_utc(local_sec);
  out = "{\"utc\":";
  json::append_string(out, civil::iso_utc(r.utc_sec));
  out += ",\"offset\":" + std::to_string(local_sec - r.utc_sec) + ",\"kind\":";
  json::append_string(out, tz::resolution_name(r.kind));
  out += "}";
  return {};
}

}  // namespace ts::api
