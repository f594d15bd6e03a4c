#include "core/convert/convert.h"

#include <algorithm>
#include <cstdio>

#include "core/common/civil_time.h"
#include "core/common/json_text.h"
#include "core/convert/export_data.h"
#include "core/convert/health_outputs.h"
#include "core/convert/import_steps.h"
#include "core/convert/options.h"
#include "core/convert/report_json.h"
#include "core/convert/weight_plan.h"
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

// The files no reader claims, minus those the health outputs read.
std::vector<std::string> still_unknown(const std::vector<std::string>& unknown) {
  std::vector<std::string> out;
  for (const std::string& u : unknown)
    if (!is_health_file(u)) out.push_back(u);
  return out;
}

std::string numbered(const char* prefix, size_t n, size_t total, const char* ext) {
  const int width = total >= 1000 ? (total >= 10000 ? 5 : 4) : 3;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%0*zu%s", prefix, width, n, ext);
  return buf;
}

void append_zone_json(std::string& out, const Options& o, const ExportData& data) {
  out += "{\"name\":";
  if (o.zone_name) json::append_string(out, *o.zone_name);
  else out += "null";
  out += ",\"source\":";
  if (!o.zone_name) out += "null";  // no zone given: the export had no local-time records
  else json::append_string(out, *o.zone_name == data.profile.time_zone ? "Profile.csv" : "option");
  out += ",\"profile\":";
  if (data.profile.time_zone.empty()) out += "null";
  else json::append_string(out, data.profile.time_zone);
  out += "}";
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
  WeightPlan plan;
  const bool weight_wanted = options.wants("weight");
  if (weight_wanted) {
    if (Error e = plan_weight(data, options, plan, problems)) return e;
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
      files.push_back(std::move(f));
    }
    if (plan.source.empty()) warnings.push_back("the export has no weight records");
    else weight_warnings(plan.unit, plan.weighins, warnings);  // no unit to warn about without weights
  }
  if (options.zone_name && !data.profile.time_zone.empty() && *options.zone_name != data.profile.time_zone)
    warnings.push_back("time zone " + *options.zone_name + " was used instead of the profile's " + data.profile.time_zone);
  for (const std::string& k : options.kinds)
    if (k != "weight" && k != "workouts" && k != "daily" && k != "reference")
      warnings.push_back("kind '" + k + "' is not known (weight, workouts, daily, reference)");

  HealthIndex health_index;
  index_health_files(in, health_index);
  HealthOutputs health;
  const tz::Zone zone = zone_or_utc(options);
  if (!health_index.empty()) {
    if (Error e = convert_health(in, health_index, options, zone, health)) return e;
    if (!options.zone && !health.files.empty())
      warnings.push_back("no time zone given: local days and activity local times are in UTC");
    for (auto& f : health.files) files.push_back(std::move(f));
    warnings.insert(warnings.end(), health.warnings.begin(), health.warnings.end());
    problems.insert(problems.end(), health.skipped.begin(), health.skipped.end());
  }

  std::string manifest = "{\"generator\":";
  json::append_string(manifest, kGenerator);
  manifest += ",\"timeZone\":";
  append_zone_json(manifest, options, data);
  manifest += ",\"weightUnit\":";
  if (weight_wanted && !plan.source.empty()) append_unit_json(manifest, plan.unit);
  else manifest += "null";
  manifest += ",\"files\":[";
  for (size_t i = 0; i < files.size(); ++i) {
    const OutFile& f = files[i];
    if (i) manifest += ",";
    manifest += "{\"path\":";
    json::append_string(manifest, f.path);
    manifest += ",\"kind\":";
    json::append_string(manifest, f.kind);
    manifest += ",\"records\":" + std::to_string(f.records);
    if (!f.first.empty()) {
      manifest += ",\"first\":";
      json::append_string(manifest, f.first);
      manifest += ",\"last\":";
      json::append_string(manifest, f.last);
    }
    manifest += f.extra + "}";
  }
  manifest += "],\"skipped\":";
  append_skipped_json(manifest, problems, still_unknown(data.unknown));
  manifest += ",\"warnings\":";
  append_string_array(manifest, warnings);
  ImportCounts counts;
  counts.weight = static_cast<size_t>(
      std::count_if(files.begin(), files.end(), [](const OutFile& f) { return f.kind == "weight"; }));
  counts.activities = health.activities;
  counts.daily = health.daily_files;
  counts.reference = health.reference_files;
  const std::vector<ImportStep> steps = import_steps(counts);
  manifest += ",\"importSteps\":";
  append_import_steps_json(manifest, steps);
  manifest += "}\n";

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
  decide_weight_unit(data, options, plan);

  out = "{\"files\":{\"total\":" + std::to_string(data.total_files) +
        ",\"recognized\":" + std::to_string(data.total_files - still_unknown(data.unknown).size()) + "},\"kinds\":[";
  bool any = false;
  if (!data.weight_logs.empty() || !data.grams.empty()) {
    any = true;
    out += "{\"kind\":\"weight\",\"source\":";
    json::append_string(out, plan.source);
    int64_t first = 0, last = 0;
    size_t n = 0, nfiles = 0;
    if (!data.weight_logs.empty()) {
      n = data.weight_logs.size();
      nfiles = data.weight_files.size();
      const SecRange r = transitions_range(data);
      first = r.from + 2 * 86400;
      last = r.to - 2 * 86400;
      out += ",\"files\":" + std::to_string(nfiles) + ",\"records\":" + std::to_string(n) + ",\"firstLocal\":";
      json::append_string(out, civil::iso_local(first));
      out += ",\"lastLocal\":";
      json::append_string(out, civil::iso_local(last));
    } else {
      first = last = data.grams.front().utc_sec;
      for (const auto& g : data.grams) {
        first = std::min(first, g.utc_sec);
        last = std::max(last, g.utc_sec);
      }
      out += ",\"files\":1,\"records\":" + std::to_string(data.grams.size()) + ",\"firstUtc\":";
      json::append_string(out, civil::iso_utc(first));
      out += ",\"lastUtc\":";
      json::append_string(out, civil::iso_utc(last));
    }
    out += ",\"importable\":true,\"how\":\"FIT weight files (Garmin Connect > Import Data)\"}";
  }
  HealthIndex health_index;
  index_health_files(in, health_index);
  std::string health_kinds;
  SecRange health_range;
  fitbit::Problems health_problems;
  validate_health(in, health_index, zone_or_utc(options), health_kinds, health_range, health_problems);
  if (!any && !health_kinds.empty()) health_kinds.erase(0, 1);  // no weight entry before it: drop the comma
  out += health_kinds;
  out += "],\"timeZone\":";
  if (data.profile.time_zone.empty()) {
    out += "null";
  } else {
    out += "{\"name\":";
    json::append_string(out, data.profile.time_zone);
    out += ",\"source\":\"Profile.csv\"}";
  }
  out += std::string(",\"heightFound\":") + (data.profile.height_cm ? "true" : "false");
  out += ",\"weightUnit\":";
  if (any) append_unit_json(out, plan.unit);
  else out += "null";
  // The UTC range whose offset transitions ts_convert needs (local-time records only).
  SecRange r = transitions_range(data);
  if (!health_range.empty) {
    if (r.empty || health_range.from < r.from) r.from = health_range.from;
    if (r.empty || health_range.to > r.to) r.to = health_range.to;
    r.empty = false;
  }
  out += ",\"transitionsRange\":";
  if (r.empty) out += "null";
  else out += "{\"from\":" + std::to_string(r.from) + ",\"to\":" + std::to_string(r.to) + "}";
  fitbit::Problems all_problems = data.problems;
  all_problems.insert(all_problems.end(), health_problems.begin(), health_problems.end());
  out += ",\"problems\":";
  append_skipped_json(out, all_problems, {});
  out += ",\"notImported\":";
  append_skipped_json(out, {}, still_unknown(data.unknown));
  std::vector<std::string> warnings;
  if (any) weight_warnings(plan.unit, weight::WeighIns{}, warnings);
  out += ",\"warnings\":";
  append_string_array(out, warnings);
  out += "}";
  return {};
}

}  // namespace ts::convert
