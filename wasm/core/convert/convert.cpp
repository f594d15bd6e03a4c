#include "core/convert/convert.h"

#include <cstdio>

#include "core/common/civil_time.h"
#include "core/common/json_text.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/convert/report_json.h"
#include "core/convert/weight_plan.h"
#include "core/weight/weight_fit.h"

namespace ts::convert {

namespace {
struct OutFile {
  std::string path;
  std::string kind;
  size_t records;
  int64_t first, last;
  std::string bytes;
};

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

std::string import_text(size_t weight_files) {
  std::string t =
      "How to import these files into Garmin Connect\n"
      "=============================================\n\n"
      "1. Sign in at https://connect.garmin.com on a computer.\n"
      "2. Open Import Data (the cloud icon with an arrow, or https://connect.garmin.com/modern/import-data).\n"
      "3. Choose files: select up to 100 files at a time, then press Import Data.\n"
      "   Wait for each batch to finish before starting the next.\n\n";
  if (weight_files > 0) {
    t += "Weight (folder weight/): " + std::to_string(weight_files) +
         " FIT weight file(s). They appear under Health Stats > Weight.\n"
         "Times are UTC inside the files; Garmin shows them in your own time zone.\n"
         "Importing a file twice is harmless: Garmin refuses the copy as a duplicate.\n\n";
  } else {
    t += "This conversion produced no files to import.\n\n";
  }
  t += "manifest.json lists every file with its number of entries and first and last time,\n"
       "the time zone and weight unit used (with the evidence for the unit), and what was skipped and why.\n";
  return t;
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
      f.first = entries[begin].utc_sec;
      f.last = entries[begin + n - 1].utc_sec;
      if (Error e = weight::write_weight_fit(entries.data() + begin, n, f.bytes)) return e;
      files.push_back(std::move(f));
    }
    if (plan.source.empty()) warnings.push_back("the export has no weight records");
    else weight_warnings(plan.unit, plan.weighins, warnings);  // no unit to warn about without weights
  }
  if (options.zone_name && !data.profile.time_zone.empty() && *options.zone_name != data.profile.time_zone)
    warnings.push_back("time zone " + *options.zone_name + " was used instead of the profile's " + data.profile.time_zone);
  for (const std::string& k : options.kinds)
    if (k != "weight") warnings.push_back("kind '" + k + "' is not converted by this version");

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
    manifest += ",\"records\":" + std::to_string(f.records) + ",\"first\":";
    json::append_string(manifest, civil::iso_utc(f.first));
    manifest += ",\"last\":";
    json::append_string(manifest, civil::iso_utc(f.last));
    manifest += "}";
  }
  manifest += "],\"skipped\":";
  append_skipped_json(manifest, problems, data.unknown);
  manifest += ",\"warnings\":";
  append_string_array(manifest, warnings);
  manifest += "}\n";

  BundleWriter out;
  out.add("manifest.json", manifest);
  out.add("IMPORT.txt", import_text(files.size()));
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
        ",\"recognized\":" + std::to_string(data.total_files - data.unknown.size()) + "},\"kinds\":[";
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
  const SecRange r = transitions_range(data);
  out += ",\"transitionsRange\":";
  if (r.empty) out += "null";
  else out += "{\"from\":" + std::to_string(r.from) + ",\"to\":" + std::to_string(r.to) + "}";
  out += ",\"problems\":";
  append_skipped_json(out, data.problems, {});
  out += ",\"notImported\":";
  append_skipped_json(out, {}, data.unknown);
  std::vector<std::string> warnings;
  if (any) weight_warnings(plan.unit, weight::WeighIns{}, warnings);
  out += ",\"warnings\":";
  append_string_array(out, warnings);
  out += "}";
  return {};
}

}  // namespace ts::convert
