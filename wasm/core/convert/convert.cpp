#include "core/convert/convert.h"

<<<<<<< ours
#include <algorithm>
#include <cstdio>

#include "core/common/civil_time.h"
#include "core/common/json_writer.h"
#include "core/convert/export_data.h"
#include "core/convert/health_outputs.h"
#include "core/convert/health_report.h"
#include "core/convert/import_steps.h"
#include "core/convert/options.h"
#include "core/convert/output_budget.h"
#include "core/convert/output_paths.h"
#include "core/convert/report_json.h"
#include "core/convert/weight_plan.h"
#include "core/fitbit/file_kinds.h"
#include "core/weight/weight_fit.h"

namespace ts::convert {

namespace {
using OutFile = ProducedFile;

// Without a zone from the caller, local days and local_timestamp fall back to UTC (warned).
tz::Zone zone_or_utc(const Options& o) {
  if (o.zone) return *o.zone;
  tz::Zone utc;
  (void)tz::Zone::make({{0, 0}}, utc);
  return utc;
}

std::string numbered(const char* prefix, size_t n, size_t total, const char* ext) {
  const int width = total >= 1000 ? (total >= 10000 ? 5 : 4) : 3;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%0*zu%s", prefix, width, n, ext);
  return buf;
}

void write_zone(json::Writer& w, const Options& o, const ExportData& data, const WeightPlan& plan) {
  w.object().key("name");
  if (o.zone_name) w.value(*o.zone_name);
  else w.null();
  // The zone used: chosen by the person ("option"), named by Profile.csv, or a fallback the
  // caller filled in (the device's zone, UTC); null when none was given.
  w.key("source");
  if (!o.zone_name) w.null();
  else if (o.zone_explicit) w.value("option");
  else w.value(*o.zone_name == data.profile.time_zone ? "Profile.csv" : "fallback");
  w.key("profile");
  if (data.profile.time_zone.empty()) w.null();
  else w.value(data.profile.time_zone);
  w.key("evidence");
  write_zone_evidence(w, plan, o);
  w.end();
}

void write_file_entry(json::Writer& w, const OutFile& f) {
  w.object().member("path", f.path).member("kind", f.kind).member("records", f.records);
  if (!f.first.empty()) w.member("first", f.first).member("last", f.last);
  w.members(f.extra).end();
}

// The validation report's weight entry: the weigh-ins of both sources (merged), their range
// from the JSON logs (local times), else from weight.csv.
void write_weight_kind(json::Writer& w, const ExportData& data, const WeightPlan& plan) {
  w.object().member("kind", "weight").member("source", plan.source).key("weighIns");
  write_weigh_in_sources(w, plan);
  if (!data.weight_logs.empty()) {
    const weight::MergedSources& m = plan.merged;
    const SecRange r = transitions_range(data);
    w.member("files", data.weight_files.size() + (data.grams.empty() ? 0 : 1))
        .member("records", m.pairs.size() + m.json_only.size() + m.csv_only.size())
        .member("firstLocal", civil::iso_local(r.from + 2 * 86400))
        .member("lastLocal", civil::iso_local(r.to - 2 * 86400));
  } else {
    int64_t first = data.grams.front().utc_sec, last = first;
    for (const auto& g : data.grams) {
      first = std::min(first, g.utc_sec);
      last = std::max(last, g.utc_sec);
    }
    w.member("files", 1)
        .member("records", data.grams.size())
        .member("firstUtc", civil::iso_utc(first))
        .member("lastUtc", civil::iso_utc(last));
  }
  w.member("importable", true).member("how", "FIT weight files (Garmin Connect > Import Data)").end();
}

}  // namespace

Error convert_export(const BundleView& in, std::string& out_bundle) {
  Options options;
  if (Error e = parse_options(in.options, options)) return e;
  ExportData data;
  read_export(in, data);
  fitbit::Problems problems = data.problems;
  std::vector<std::string> warnings;
  std::vector<OutFile> files;
  // What may be written, from what was given (output_budget.h). Workouts reserve before each
  // is made; every other output is at most its input's size and is charged once made.
  OutputBudget budget = OutputBudget::for_bundle(in);
  WeightPlan plan;
  const bool weight_wanted = options.wants("weight");
  // The zone in effect comes from the weigh-ins whatever kinds are converted: days and
  // workouts' local times follow it too.
  if (Error e = weight_wanted ? plan_weight(data, options, plan, problems) : analyse_weight(data, options, plan)) return e;
  if (weight_wanted) {
    const auto& entries = plan.weighins.entries;
    const size_t per = options.weight_per_file;
    const size_t count = (entries.size() + per - 1) / per;
    for (size_t i = 0; i < count; ++i) {
      OutFile f;
      f.path = numbered("weight/weight-", i + 1, count, ".fit");
      f.kind = "weight";
      const size_t begin = i * per, n = std::min(per, entries.size() - begin);
      f.records = n;
      f.first = civil::iso_utc(entries[begin].utc_sec);
      f.last = civil::iso_utc(entries[begin + n - 1].utc_sec);
      if (Error e = weight::write_weight_fit(entries.data() + begin, n, f.bytes)) return e;
      if (Error e = budget.reserve(1, f.bytes.size() + kManifestEntryBytes, "the weight files",
                                   "leave out weight (convert without the \"weight\" kind)"))
        return e;
      files.push_back(std::move(f));
    }
    if (plan.source.empty()) warnings.push_back("the export has no weight records");
    else weight_warnings(plan.unit, plan.weighins, warnings);  // no unit to warn about without weights
  }
  if (options.zone_name && !data.profile.time_zone.empty() && *options.zone_name != data.profile.time_zone)
    warnings.push_back("time zone " + *options.zone_name + " was used instead of the profile's " + data.profile.time_zone);
  zone_warnings(plan, options, data.profile.time_zone, warnings);
  for (const std::string& k : options.kinds)
    if (!fitbit::is_convert_option(k)) warnings.push_back("kind '" + k + "' is not known (weight, workouts, daily, reference)");

  HealthIndex health_index;
  index_health_files(in, health_index);
  HealthOutputs health;
  const tz::Zone zone = plan.zone_in_effect ? *plan.zone_in_effect : zone_or_utc(options);
  if (!health_index.empty()) {
    if (Error e = convert_health(in, health_index, options, zone, budget, health)) return e;
    if (!options.zone && !health.files.empty())
      warnings.push_back("no time zone given: local days and activity local times are in UTC");
    for (auto& f : health.files) {
      if (f.kind != "activity")  // workouts took their room before they were made
        if (Error e = budget.reserve(1, f.bytes.size() + f.path.size() + kManifestEntryBytes, "the " + f.kind + " files",
                                     "leave out daily activity or reference files (kinds), or upload fewer files at a time"))
          return e;
      files.push_back(std::move(f));
    }
    warnings.insert(warnings.end(), health.warnings.begin(), health.warnings.end());
    problems.insert(problems.end(), health.skipped.begin(), health.skipped.end());
  }

  // Producers give safe paths of their own (output_paths.h); checked before anything leaves.
  if (Error e = check_output_paths(files)) return e;

  std::string manifest;
  json::Writer w(manifest);
  w.object().member("generator", kGenerator).key("timeZone");
  write_zone(w, options, data, plan);
  w.key("weightUnit");
  if (weight_wanted && !plan.source.empty()) write_unit(w, plan.unit);
  else w.null();
  w.key("weighIns");
  if (weight_wanted && !plan.source.empty()) write_weigh_in_sources(w, plan);
  else w.null();
  w.key("files").array();
  for (const OutFile& f : files) write_file_entry(w, f);
  w.end().key("skipped");
  write_skipped(w, problems);
  w.key("skippedFiles");
  write_skipped_files(w, data.skipped);
  w.key("warnings");
  write_strings(w, warnings);
  ImportCounts counts;
  counts.weight = static_cast<size_t>(
      std::count_if(files.begin(), files.end(), [](const OutFile& f) { return f.kind == "weight"; }));
  counts.activities = health.activities;
  counts.daily = health.daily_files;
  counts.reference = health.reference_files;
  for (const MissingMap& m : health.missing_maps)
    counts.missing_maps.push_back(m.local_date + " " + m.activity_name + " (logId " + std::to_string(m.log_id) + "): " + m.reason);
  counts.implausible_left_out = health.implausible_left_out;
  const std::vector<ImportStep> steps = import_steps(counts);
  w.key("importSteps");
  write_import_steps(w, steps);
  w.end();
  manifest += "\n";

  BundleWriter out;
  out.add("manifest.json", manifest);
  out.add("IMPORT.txt", import_text(steps));
  for (const OutFile& f : files) out.add(f.path, f.bytes);
  out_bundle = out.finish();
  return {};
}

Error validate_export(const BundleView& in, std::string& out) {
  Options options;
  if (Error e = parse_options(in.options, options)) return e;
  ExportData data;
  read_export(in, data);
  WeightPlan plan;
  if (Error e = analyse_weight(data, options, plan)) return e;

  out.clear();
  json::Writer w(out);
  w.object()
      .key("files")
      .object()
      .member("total", data.total_files)
      .member("recognized", data.total_files - data.skipped.total())
      .member("skipped", data.skipped.total())
      .end()
      .key("kinds")
      .array();
  const bool any = !data.weight_logs.empty() || !data.grams.empty();
  if (any) write_weight_kind(w, data, plan);
  HealthIndex health_index;
  index_health_files(in, health_index);
  SecRange health_range;
  fitbit::Problems health_problems;
  validate_health(in, health_index, zone_or_utc(options), w, health_range, health_problems);
  w.end().key("timeZone");
  if (data.profile.time_zone.empty()) w.null();
  else w.object().member("name", data.profile.time_zone).member("source", "Profile.csv").end();
  w.key("zoneEvidence");
  write_zone_evidence(w, plan, options);
  w.member("heightFound", data.profile.height_cm.has_value() || !data.heights.empty()).key("weightUnit");
  if (any) write_unit(w, plan.unit);
  else w.null();
  // The UTC range whose offset transitions ts_convert needs (local-time records only).
  SecRange r = transitions_range(data);
  if (!health_range.empty) {
    if (r.empty || health_range.from < r.from) r.from = health_range.from;
    if (r.empty || health_range.to > r.to) r.to = health_range.to;
    r.empty = false;
  }
  w.key("transitionsRange");
  if (r.empty) w.null();
  else w.object().member("from", r.from).member("to", r.to).end();
  fitbit::Problems all_problems = data.problems;
  all_problems.insert(all_problems.end(), health_problems.begin(), health_problems.end());
  w.key("problems");
  write_skipped(w, all_problems);
  w.key("skippedFiles");
  write_skipped_files(w, data.skipped);
  std::vector<std::string> warnings;
  if (any) weight_warnings(plan.unit, weight::WeighIns{}, warnings);
  zone_warnings(plan, options, data.profile.time_zone, warnings);
  w.key("warnings");
  write_strings(w, warnings);
  w.end();
  return {};
}
=======
#include "core/convert/steps.h"

namespace ts::convert {

Error convert_export(const BundleView& in, std::string& out_bundle) { return convert_in_steps(in, out_bundle); }

Error validate_export(const BundleView& in, std::string& out) { return report_export(in, out); }
>>>>>>> theirs

}  // namespace ts::convert
