// The plan's report (ts_validate): every kind with its counts and dates, read from the light
// files; heavy kinds (per-minute data, sleep, heart-rate days, tracks) are described by their
// file names and sizes, so the report is the same whether or not their bytes were sent.
#include <algorithm>

#include "core/common/civil_time.h"
#include "core/common/json_text.h"
#include "core/convert/plan_inputs.h"
#include "core/convert/report_json.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"

namespace ts::convert {

namespace {

std::string iso_day(int64_t day) { return fitbit::format_day(day); }

void widen(SecRange& range, int64_t from, int64_t to) {
  if (range.empty || from - 2 * 86400 < range.from) range.from = from - 2 * 86400;
  if (range.empty || to + 2 * 86400 > range.to) range.to = to + 2 * 86400;
  range.empty = false;
}

// The civil days in the names of these files: [first, last]; false when none is dated.
bool name_days(const BundleView& in, const std::vector<size_t>& files, int64_t& first, int64_t& last) {
  bool any = false;
  for (size_t fi : files) {
    int64_t d;
    if (!day_in_name(in.files[fi].name, d)) continue;
    if (!any || d < first) first = d;
    if (!any || d > last) last = d;
    any = true;
  }
  return any;
}

// A dated export file holds at most about a month from the day in its name (Fitbit writes
// 30-day files); the zone's transitions are asked for that far past the last one.
constexpr int64_t kDaysPerFile = 32;

void append_weight_kind(const PlanInputs& p, std::string& out) {
  const ExportData& data = p.data;
  out += "{\"kind\":\"weight\",\"source\":";
  json::append_string(out, p.weight.source);
  if (!data.weight_logs.empty()) {
    const SecRange r = transitions_range(data);
    out += ",\"files\":" + std::to_string(data.weight_files.size()) + ",\"records\":" + std::to_string(data.weight_logs.size()) +
           ",\"firstLocal\":";
    json::append_string(out, civil::iso_local(r.from + 2 * 86400));
    out += ",\"lastLocal\":";
    json::append_string(out, civil::iso_local(r.to - 2 * 86400));
  } else {
    int64_t first = data.grams.front().utc_sec, last = first;
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

void append_workouts_kind(const BundleView& in, const PlanInputs& p, SecRange& range, std::string& out) {
  size_t auto_n = 0, gps = 0, with_tcx = 0, empty_tcx = 0;
  for (const Workout& w : p.workouts) {
    auto_n += w.ex.auto_detected();
    gps += w.ex.has_gps;
    auto t = p.index.tcx.find(w.ex.log_id);
    if (t == p.index.tcx.end()) continue;
    ++with_tcx;
    const BundleFile& f = in.files[t->second];
    // A track sent without its bytes is empty when its size says so.
    if (f.data.empty() ? p.sizes.of(f) == 0 : f.data.find_first_not_of(" \t\r\n") == std::string_view::npos) ++empty_tcx;
  }
  out += ",{\"kind\":\"workouts\",\"files\":" + std::to_string(p.index.exercise.size()) +
         ",\"records\":" + std::to_string(p.workouts.size()) + ",\"autoDetected\":" + std::to_string(auto_n) +
         ",\"withGps\":" + std::to_string(gps) + ",\"tcxFiles\":" + std::to_string(p.index.tcx.size()) +
         ",\"tcxMatched\":" + std::to_string(with_tcx) + ",\"emptyTcx\":" + std::to_string(empty_tcx);
  if (!p.workouts.empty()) {
    const int64_t first = p.workouts.front().ex.start_utc_ms / 1000, last = p.workouts.back().ex.start_utc_ms / 1000;
    out += ",\"firstUtc\":\"" + civil::iso_utc(first) + "\",\"lastUtc\":\"" + civil::iso_utc(last) + "\"";
    widen(range, first, last + 7 * 86400);
  }
  out += std::string(",\"importable\":") + (p.workouts.empty() ? "false" : "true") +
         ",\"how\":\"one activity FIT file per workout (Garmin Connect > Import Data)\"}";
}

// A kind described by its file names: how many, and the days the names span.
void append_named_kind(const BundleView& in, const char* kind, const std::vector<size_t>& files, bool importable,
                       const char* how, const std::string& more, SecRange& range, std::string& out) {
  out += std::string(",{\"kind\":\"") + kind + "\",\"files\":" + std::to_string(files.size()) + more;
  int64_t first = 0, last = 0;
  if (name_days(in, files, first, last)) {
    out += ",\"firstDay\":\"" + iso_day(first) + "\",\"lastDay\":\"" + iso_day(last) + "\"";
    widen(range, first * 86400, (last + kDaysPerFile) * 86400);
  }
  out += std::string(",\"importable\":") + (importable ? "true" : "false") + ",\"how\":\"" + how + "\"}";
}

}  // namespace

void append_plan_report(const BundleView& in, const PlanInputs& p, std::string& out) {
  const ExportData& data = p.data;
  const std::vector<std::string> unclaimed = unclaimed_files(data);
  out += "{\"files\":{\"total\":" + std::to_string(data.total_files) +
         ",\"recognized\":" + std::to_string(data.total_files - unclaimed.size()) + "},\"kinds\":[";
  const bool weight = !data.weight_logs.empty() || !data.grams.empty();
  SecRange range = transitions_range(data);
  std::string kinds;
  if (weight) append_weight_kind(p, kinds);
  if (!p.index.exercise.empty() || !p.index.tcx.empty()) append_workouts_kind(in, p, range, kinds);
  fitbit::Problems problems = data.problems;
  problems.insert(problems.end(), p.exercise_problems.begin(), p.exercise_problems.end());
  if (!p.index.daily.empty()) {
    std::string metrics;
    bool seen[daily::kMetricCount] = {};
    for (size_t fi : p.index.daily) {
      daily::Metric m;
      if (daily::metric_of_file(in.files[fi].name, m)) seen[static_cast<int>(m)] = true;
    }
    for (int i = 0; i < daily::kMetricCount; ++i)
      if (seen[i]) metrics += std::string(metrics.empty() ? "" : ",") + "\"" + daily::metric_name(static_cast<daily::Metric>(i)) + "\"";
    append_named_kind(in, "daily", p.index.daily, true,
                      "Fitbit-style Activities CSV, 75 days per file (Import Data; choose metric units)",
                      ",\"metrics\":[" + metrics + "]", range, kinds);
  }
  if (!p.index.sleep.empty())
    append_named_kind(in, "sleep", p.index.sleep, false, "not importable; written to reference/sleep.csv", "", range, kinds);
  if (!p.index.resting_hr.empty()) {
    // Light: read, so counted and dated by their records.
    auto table = reference::make_resting_hr_table();
    for (size_t fi : p.index.resting_hr) {
      const BundleFile& f = in.files[fi];
      int64_t skipped = 0;
      if (Error e = reference::add_resting_hr_file(f.data, false, table, skipped)) problems.push_back({std::string(f.name), -1, e.message});
      else if (skipped) problems.push_back({std::string(f.name), -1, std::to_string(skipped) + " record(s) not readable"});
    }
    kinds += ",{\"kind\":\"resting_heart_rate\",\"files\":" + std::to_string(p.index.resting_hr.size()) +
             ",\"records\":" + std::to_string(table.rows.size());
    if (!table.empty())
      kinds += ",\"firstDay\":\"" + iso_day(table.first_day) + "\",\"lastDay\":\"" + iso_day(table.last_day) + "\"";
    kinds += ",\"importable\":false,\"how\":\"not importable; written to reference/resting_heart_rate.csv\"}";
  }
  if (!p.index.heart_rate.empty()) {
    std::vector<size_t> files;
    for (const auto& kv : p.index.heart_rate) files.push_back(kv.second);
    append_named_kind(in, "heart_rate", files, false,
                      "not importable as history; used for workouts without their own heart rate, and summarised per day "
                      "in reference/heart_rate_daily.csv",
                      "", range, kinds);
  }
  if (!p.index.not_importable.empty())
    kinds += ",{\"kind\":\"other_health_data\",\"files\":" + std::to_string(p.index.not_importable.size()) +
             ",\"importable\":false,\"how\":\"not importable; CSVs copied to reference/other/\"}";
  if (!weight && !kinds.empty()) kinds.erase(0, 1);  // no weight entry before it: drop the comma
  out += kinds;
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
  if (weight) append_unit_json(out, p.weight.unit);
  else out += "null";
  // The UTC range whose offset transitions the conversion needs (local-time records only).
  out += ",\"transitionsRange\":";
  if (range.empty) out += "null";
  else out += "{\"from\":" + std::to_string(range.from) + ",\"to\":" + std::to_string(range.to) + "}";
  out += ",\"problems\":";
  append_skipped_json(out, problems, {});
  out += ",\"notImported\":";
  append_skipped_json(out, {}, unclaimed);
  std::vector<std::string> warnings;
  if (weight) weight_warnings(p.weight.unit, weight::WeighIns{}, warnings);
  out += ",\"warnings\":";
  append_string_array(out, warnings);
  out += "}";
}

}  // namespace ts::convert
