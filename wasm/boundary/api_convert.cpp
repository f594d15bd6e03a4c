#include "boundary/api_convert.h"

#include <cmath>

#include "boundary/json_args.h"
#include "core/common/civil_time.h"
#include "core/common/json_writer.h"
#include "core/convert/convert.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/convert/report_json.h"
#include "core/convert/weight_plan.h"
#include "core/fit/writer.h"
#include "core/fitbit/export_time.h"

namespace ts::api {

namespace {
// A value as the FIT file stores it: rounded to the field's resolution (1/scale) with the
// writer's own rounding (fit/writer.h), so the preview says what the files say.
double at_resolution(double v, double scale) { return static_cast<double>(fit::round_half_away(v * scale)) / scale; }
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

  out.clear();
  json::Writer w(out);
  w.object().member("source", plan.source).key("weightUnit");
  convert::write_unit(w, plan.unit);
  w.key("entries").array();
  for (const weight::WeighIn& e : plan.weighins.entries) {
    w.object().member("utc", civil::iso_utc(e.utc_sec)).member("kg", at_resolution(e.kg, 100));
    if (e.fat_percent) w.member("fat", at_resolution(*e.fat_percent, 100));
    if (e.bmi) w.member("bmi", at_resolution(*e.bmi, 10));
    w.end();
  }
  w.end().key("weighIns");
  convert::write_weigh_in_sources(w, plan);
  w.key("zoneEvidence");
  convert::write_zone_evidence(w, plan, options);
  // The zone local times are read in when the export shows UTC offsets of its own (weigh-ins
  // in both weight sources, workouts in Google's list: tz/learned_zone.h), as the plan hands it
  // to the steps: the page dates its workout list in it, as the conversion dates their files
  // (helper finding: a traveller's workouts were listed a day before their files' dates).
  if (!plan.periods.empty() && plan.zone_in_effect) {
    w.key("zoneInEffect").array();
    for (const tz::Transition& t : plan.zone_in_effect->transitions()) w.array().value(t.utc_sec).value(t.offset_sec).end();
    w.end();
  }
  w.key("skipped");
  convert::write_skipped(w, problems);
  std::vector<std::string> warnings;
  convert::weight_warnings(plan.unit, plan.weighins, warnings);
  convert::zone_warnings(plan, options, data.profile.time_zone, data.profile.zone_file, false, warnings);  // weight alone: local times
  w.key("warnings");
  convert::write_strings(w, warnings);
  w.end();
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
  out.clear();
  json::Writer(out)
      .object()
      .member("utc", civil::iso_utc(r.utc_sec))
      .member("offset", local_sec - r.utc_sec)
      .member("kind", tz::resolution_name(r.kind))
      .end();
  return {};
}

}  // namespace ts::api
