// ts_assemble: the plan's part and every step's part.json, in plan order, into manifest.json,
// IMPORT.txt and the files only the whole can make (the 75-day Activities CSVs and the
// reference tables). Reads only parts: small whatever the export's size.
#include <algorithm>
#include <map>

#include "core/common/json_text.h"
#include "core/convert/convert.h"
#include "core/convert/import_text.h"
#include "core/convert/options.h"
#include "core/convert/part_json.h"
#include "core/convert/report_json.h"
#include "core/convert/steps.h"
#include "core/daily/activities_csv.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"
#include "simdjson.h"

namespace ts::convert {

namespace {

using simdjson::dom::element;

Error bad_part(size_t i, const std::string& what) {
  return fail(Status::format, "part " + std::to_string(i) + " is not one the core wrote (" + what + ")");
}

// JSON text pieces, in order, for one section of the manifest.
struct Section {
  std::vector<std::string> files, skipped, warnings;
};

struct Assembly {
  std::map<std::string, Section> sections;  // by part kind
  std::map<std::string, std::vector<std::string>> plan_skipped;
  std::string profile_zone;
  size_t sleep_files = 0, resting_hr_files = 0, heart_rate_files = 0;
  std::string weight_unit;  // JSON object, or empty
  size_t auto_detected = 0;
  int64_t daily_outside = 0;
  bool metric_read[daily::kMetricCount] = {};
  std::map<int64_t, daily::DayTotals> days;
  reference::ReferenceTable sleep = reference::make_sleep_table();
  reference::ReferenceTable resting_hr = reference::make_resting_hr_table();
  reference::HeartRateDays hr_days;
};

void minified_items(element arr, std::vector<std::string>& out) {
  simdjson::dom::array a;
  if (arr.get_array().get(a)) return;
  for (element e : a) out.push_back(simdjson::minify(e));
}

// The plan's part reaches assembly through its caller (inside the plan JSON, parsed and
// written again), so its entries are rewritten in the manifest's member order rather than
// passed on as they came.
Error skipped_entries(element arr, std::vector<std::string>& out) {
  simdjson::dom::array items;
  if (arr.get_array().get(items)) return bad_part(0, "a 'skipped' list that is not an array");
  for (element e : items) {
    std::string_view source, reason;
    if (e["source"].get_string().get(source) || e["reason"].get_string().get(reason))
      return bad_part(0, "a skipped entry without source and reason");
    std::string entry = "{\"source\":";
    json::append_string(entry, source);
    int64_t n;
    if (!e["index"].get_int64().get(n)) entry += ",\"index\":" + std::to_string(n);
    if (!e["files"].get_int64().get(n)) entry += ",\"files\":" + std::to_string(n);
    entry += ",\"reason\":";
    json::append_string(entry, reason);
    out.push_back(entry + "}");
  }
  return {};
}

Error read_plan_part(element doc, Assembly& a) {
  element skipped;
  if (doc["skipped"].get(skipped)) return bad_part(0, "the plan's part has no 'skipped'");
  for (const char* s : {"weight", "workouts", "daily", "reference", "other", "unknown"}) {
    element arr;
    if (!skipped[s].get(arr))
      if (Error e = skipped_entries(arr, a.plan_skipped[s])) return e;
  }
  std::string_view zone;
  if (!doc["profileZone"].get_string().get(zone)) a.profile_zone = std::string(zone);
  uint64_t n = 0;
  if (!doc["files"]["sleep"].get_uint64().get(n)) a.sleep_files = n;
  if (!doc["files"]["resting_hr"].get_uint64().get(n)) a.resting_hr_files = n;
  if (!doc["files"]["heart_rate"].get_uint64().get(n)) a.heart_rate_files = n;
  return {};
}

void add_rows(element doc, reference::ReferenceTable& t) {
  simdjson::dom::array rows;
  if (doc["rows"].get_array().get(rows)) return;
  for (element r : rows) {
    std::string_view key, row;
    if (r.at(0).get_string().get(key) || r.at(1).get_string().get(row)) continue;
    t.rows.emplace(std::string(key), std::string(row));  // the first of a repeated key wins
  }
  int64_t first, last;
  if (!doc["firstDay"].get_int64().get(first) && first < t.first_day) t.first_day = first;
  if (!doc["lastDay"].get_int64().get(last) && last > t.last_day) t.last_day = last;
}

Error read_step_part(size_t i, element doc, Assembly& a) {
  std::string_view kind;
  if (doc["kind"].get_string().get(kind)) return bad_part(i, "no 'kind'");
  Section& s = a.sections[std::string(kind)];
  element e;
  if (!doc["files"].get(e)) minified_items(e, s.files);
  if (!doc["skipped"].get(e)) minified_items(e, s.skipped);
  simdjson::dom::array warnings;
  if (!doc["warnings"].get_array().get(warnings))
    for (element w : warnings) {
      std::string_view text;
      if (!w.get_string().get(text)) s.warnings.emplace_back(text);
    }
  if (kind == "weight" && !doc["weightUnit"].get(e)) a.weight_unit = simdjson::minify(e);
  uint64_t n = 0;
  if (kind == "workouts" && !doc["autoDetected"].get_uint64().get(n)) a.auto_detected += n;
  if (kind == "daily") {
    std::string_view metric;
    daily::Metric m;
    if (doc["metric"].get_string().get(metric) || !daily::metric_of_file(std::string(metric) + "-0.json", m))
      return bad_part(i, "a daily part without its metric");
    const int mi = static_cast<int>(m);
    bool read = false;
    if (!doc["read"].get_bool().get(read) && read) a.metric_read[mi] = true;
    int64_t outside = 0;
    if (!doc["outside"].get_int64().get(outside)) a.daily_outside += outside;
    simdjson::dom::array days;
    if (!doc["days"].get_array().get(days))
      for (element d : days) {
        int64_t day;
        double v;
        if (d.at(0).get_int64().get(day) || d.at(1).get_double().get(v)) return bad_part(i, "a day that is not [day, value]");
        daily::DayTotals& t = a.days[day];
        t.value[mi] += v;
        t.has[mi] = true;
      }
  }
  if (kind == "sleep") add_rows(doc, a.sleep);
  if (kind == "resting_hr") add_rows(doc, a.resting_hr);
  if (kind == "heart_rate") {
    simdjson::dom::array days;
    if (!doc["hrDays"].get_array().get(days))
      for (element d : days) {
        int64_t day, lo, hi, sum, count;
        if (d.at(0).get_int64().get(day) || d.at(1).get_int64().get(lo) || d.at(2).get_int64().get(hi) ||
            d.at(3).get_int64().get(sum) || d.at(4).get_int64().get(count))
          return bad_part(i, "a heart-rate day that is not [day, min, max, sum, readings]");
        reference::HeartRateDay& h = a.hr_days[day];
        h.min_bpm = std::min<int32_t>(h.min_bpm, static_cast<int32_t>(lo));
        h.max_bpm = std::max<int32_t>(h.max_bpm, static_cast<int32_t>(hi));
        h.sum += sum;
        h.readings += count;
      }
  }
  return {};
}

std::string files_of(const char* pattern, size_t n) { return std::string(pattern) + " (" + std::to_string(n) + " file(s))"; }

// The made files of assembly: entries for the manifest, bytes for the bundle.
struct Made {
  std::vector<ProducedFile> daily, reference;
  std::vector<std::string> daily_warnings;
};

void make_daily(const Assembly& a, Made& made) {
  const auto csvs = daily::write_activities_csv(a.days, daily::kDefaultRowsPerFile);
  if (csvs.empty()) return;
  static const struct { daily::Metric m; const char* column; } kColumns[] = {
      {daily::Metric::calories, "Calories Burned"},          {daily::Metric::steps, "Steps"},
      {daily::Metric::distance_cm, "Distance"},              {daily::Metric::sedentary_minutes, "Minutes Sedentary"},
      {daily::Metric::lightly_active_minutes, "Minutes Lightly Active"},
      {daily::Metric::fairly_active_minutes, "Minutes Fairly Active"},
      {daily::Metric::very_active_minutes, "Minutes Very Active"},
  };
  std::string missing;
  for (const auto& c : kColumns)
    if (!a.metric_read[static_cast<int>(c.m)]) missing += std::string(missing.empty() ? "" : ", ") + c.column;
  if (!a.metric_read[static_cast<int>(daily::Metric::floors)] && !a.metric_read[static_cast<int>(daily::Metric::altitude_ft)])
    missing += std::string(missing.empty() ? "" : ", ") + "Floors";
  if (!missing.empty()) made.daily_warnings.push_back("daily CSV: the export has no data for " + missing + "; written as 0");
  made.daily_warnings.push_back("daily CSV: Activity Calories has no source in a Fitbit export; written as 0");
  for (const auto& c : csvs) {
    ProducedFile pf;
    pf.path = c.path;
    pf.kind = "daily";
    pf.records = static_cast<size_t>(c.rows);
    pf.first = fitbit::format_day(c.first_day);
    pf.last = fitbit::format_day(c.last_day);
    pf.bytes = c.text;
    made.daily.push_back(std::move(pf));
  }
}

void add_table(const reference::ReferenceTable& t, const char* why, const std::string& source, Made& made,
               std::vector<std::string>& skipped) {
  if (t.empty()) return;
  ProducedFile pf;
  pf.path = t.path;
  pf.kind = "reference";
  pf.records = t.rows.size();
  pf.first = fitbit::format_day(t.first_day);
  pf.last = fitbit::format_day(t.last_day);
  pf.bytes = t.csv();
  std::string entry = "{\"source\":";
  json::append_string(entry, source);
  entry += ",\"reason\":";
  json::append_string(entry, std::string(why) + "; your data is in " + t.path);
  skipped.push_back(entry + "}");
  made.reference.push_back(std::move(pf));
}

void append_list(std::string& out, const std::vector<std::string>& items, bool& first) {
  for (const std::string& s : items) {
    if (!first) out += ",";
    first = false;
    out += s;
  }
}

void append_zone_json(std::string& out, const Options& o, const std::string& profile_zone) {
  out += "{\"name\":";
  if (o.zone_name) json::append_string(out, *o.zone_name);
  else out += "null";
  out += ",\"source\":";
  if (!o.zone_name) out += "null";  // no zone given: the export had no local-time records
  else json::append_string(out, *o.zone_name == profile_zone ? "Profile.csv" : "option");
  out += ",\"profile\":";
  if (profile_zone.empty()) out += "null";
  else json::append_string(out, profile_zone);
  out += "}";
}

}  // namespace

Error assemble_parts(const BundleView& in, std::string& out_bundle) {
  Options options;
  if (Error e = parse_options(in.options, options)) return e;
  if (in.files.empty()) return fail(Status::invalid_argument, "assembly needs the plan's part, then every step's part.json");
  Assembly a;
  simdjson::dom::parser parser;
  for (size_t i = 0; i < in.files.size(); ++i) {
    element doc;
    if (parser.parse(in.files[i].data.data(), in.files[i].data.size(), !in.padded).get(doc) || !doc.is_object())
      return bad_part(i, "not a JSON object");
    std::string_view kind;
    if (doc["kind"].get_string().get(kind)) return bad_part(i, "no 'kind'");
    if ((i == 0) != (kind == "plan")) return bad_part(i, i == 0 ? "the first part must be the plan's" : "a second plan part");
    if (Error e = i == 0 ? read_plan_part(doc, a) : read_step_part(i, doc, a)) return e;
  }

  Made made;
  make_daily(a, made);
  std::vector<std::string> reference_skipped;
  add_table(a.sleep, "Garmin Connect cannot import sleep", files_of("sleep-*.json", a.sleep_files), made,
            a.sections["sleep"].skipped);
  add_table(a.resting_hr, "Garmin Connect cannot import resting heart rate",
            files_of("resting_heart_rate-*.json", a.resting_hr_files), made, a.sections["resting_hr"].skipped);
  add_table(reference::heart_rate_daily_table(a.hr_days),
            "Garmin Connect cannot import heart-rate history (a per-day summary is written; workouts carry their own heart rate)",
            files_of("heart_rate-*.json", a.heart_rate_files), made, a.sections["heart_rate"].skipped);

  Section& weight = a.sections["weight"];
  Section& workouts = a.sections["workouts"];
  Section& daily = a.sections["daily"];
  Section& other = a.sections["other"];
  std::vector<std::string> warnings = weight.warnings;
  if (options.zone_name && !a.profile_zone.empty() && *options.zone_name != a.profile_zone)
    warnings.push_back("time zone " + *options.zone_name + " was used instead of the profile's " + a.profile_zone);
  for (const std::string& k : options.kinds)
    if (k != "weight" && k != "workouts" && k != "daily" && k != "reference")
      warnings.push_back("kind '" + k + "' is not known (weight, workouts, daily, reference)");
  const bool health_files = !workouts.files.empty() || !made.daily.empty() || !made.reference.empty() || !other.files.empty();
  if (!options.zone && health_files) warnings.push_back("no time zone given: local days and activity local times are in UTC");
  warnings.insert(warnings.end(), workouts.warnings.begin(), workouts.warnings.end());
  if (a.auto_detected > 0)
    warnings.push_back(std::to_string(a.auto_detected) +
                       " workout(s) were auto-detected by Fitbit (flagged autoDetected in files[]); "
                       "convert with includeAutoDetected=false to leave them out");
  warnings.insert(warnings.end(), made.daily_warnings.begin(), made.daily_warnings.end());
  if (a.daily_outside > 0)
    warnings.push_back("daily: " + std::to_string(a.daily_outside) +
                       " record(s) lie in the span of another file of the same kind (from its date to the next one's) "
                       "and were counted from that file only");

  std::string manifest = "{\"generator\":";
  json::append_string(manifest, kGenerator);
  manifest += ",\"timeZone\":";
  append_zone_json(manifest, options, a.profile_zone);
  manifest += ",\"weightUnit\":";
  manifest += options.wants("weight") && !a.weight_unit.empty() ? a.weight_unit : "null";
  manifest += ",\"files\":[";
  bool first = true;
  append_list(manifest, weight.files, first);
  append_list(manifest, workouts.files, first);
  for (const auto* list : {&made.daily, &made.reference})
    for (const ProducedFile& f : *list) {
      if (!first) manifest += ",";
      first = false;
      append_manifest_entry(manifest, f);
    }
  append_list(manifest, other.files, first);
  manifest += "],\"skipped\":[";
  first = true;
  append_list(manifest, a.plan_skipped["weight"], first);
  append_list(manifest, weight.skipped, first);
  append_list(manifest, a.plan_skipped["workouts"], first);
  append_list(manifest, workouts.skipped, first);
  append_list(manifest, daily.skipped, first);
  append_list(manifest, a.plan_skipped["daily"], first);
  for (const char* k : {"sleep", "resting_hr", "heart_rate", "other"}) append_list(manifest, a.sections[k].skipped, first);
  for (const char* k : {"other", "reference", "unknown"}) append_list(manifest, a.plan_skipped[k], first);
  manifest += "],\"warnings\":";
  append_string_array(manifest, warnings);
  manifest += "}\n";

  OutputCounts counts;
  counts.weight_files = weight.files.size();
  counts.activities = workouts.files.size();
  counts.daily_files = made.daily.size();
  counts.reference_files = made.reference.size() + other.files.size();
  BundleWriter out;
  out.add("manifest.json", manifest);
  out.add("IMPORT.txt", import_text(counts));
  for (const auto* list : {&made.daily, &made.reference})
    for (const ProducedFile& f : *list) out.add(f.path, f.bytes);
  out_bundle = out.finish();
  return {};
}

}  // namespace ts::convert
