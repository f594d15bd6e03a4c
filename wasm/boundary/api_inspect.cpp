#include "boundary/api_inspect.h"

#include <algorithm>

#include "boundary/json_args.h"
#include "core/convert/options.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_kinds.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/tcx_reader.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/reference_table.h"
#include "core/reference/sleep_csv.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::api {

namespace {

using reference::format_number;

// One export file can be a whole day of heart rate (~4 MB); the request carries it as a JSON
// string, so allow more than the usual 1 MiB option object.
constexpr size_t kMaxInspectBytes = 24u << 20;

struct Report {
  std::string body;  // kind-specific members, each starting with ','
  int64_t records = 0, skipped = 0;
  int64_t first_day = INT64_MAX, last_day = INT64_MIN;
  bool importable = false;
  const char* output = "none";
  std::vector<std::string> problems;

  void day(int64_t d) {
    first_day = std::min(first_day, d);
    last_day = std::max(last_day, d);
  }
  void member(const char* key, const std::string& raw_json) { body += std::string(",\"") + key + "\":" + raw_json; }
  void member(const char* key, int64_t v) { member(key, std::to_string(v)); }
  void member_bool(const char* key, bool v) { member(key, std::string(v ? "true" : "false")); }
  void member_str(const char* key, std::string_view s) {
    std::string q;
    boundary::append_json_string(q, s);
    member(key, q);
  }
};

void inspect_exercise(std::string_view text, const tz::Zone& zone, Report& r) {
  fitbit::ExerciseFile file;
  if (Error e = fitbit::read_exercises(text, false, file)) {
    r.problems.push_back(e.message);
    return;
  }
  r.problems = file.problems;
  r.records = static_cast<int64_t>(file.records.size());
  r.skipped = static_cast<int64_t>(std::count_if(file.problems.begin(), file.problems.end(), [](const std::string& p) {
    return p.find("skipped") != std::string::npos;
  }));
  r.importable = r.records > 0;
  r.output = "activities";
  std::string list = "[";
  for (const fitbit::Exercise& x : file.records) {
    r.day(fitbit::day_of(x.start_utc_ms / 1000 + zone.offset_at(x.start_utc_ms / 1000)));
    const workout::SportMapping m = workout::map_activity(x.activity_type_id, x.activity_name);
    if (list.size() > 1) list += ",";
    std::string o = "{\"logId\":" + std::to_string(x.log_id);
    o += ",\"activityName\":";
    boundary::append_json_string(o, x.activity_name);
    o += ",\"activityTypeId\":" + std::to_string(x.activity_type_id) + ",\"sport\":" + std::to_string(m.sport) +
         ",\"subSport\":" + std::to_string(m.sub_sport) + ",\"matchedBy\":\"" + m.matched_by + "\"" +
         ",\"startUtcMs\":" + std::to_string(x.start_utc_ms) + ",\"durationMs\":" + std::to_string(x.duration_ms) +
         ",\"timerMs\":" + std::to_string(x.timer_ms());
    if (x.distance_m >= 0) o += ",\"distanceM\":" + format_number(x.distance_m, 3);
    if (x.calories >= 0) o += ",\"calories\":" + std::to_string(x.calories);
    if (x.steps >= 0) o += ",\"steps\":" + std::to_string(x.steps);
    if (x.average_heart_rate >= 0) o += ",\"averageHeartRate\":" + std::to_string(x.average_heart_rate);
    if (x.elevation_gain_m >= 0) o += ",\"elevationGainM\":" + format_number(x.elevation_gain_m, 3);
    o += std::string(",\"hasGps\":") + (x.has_gps ? "true" : "false") + ",\"logType\":";
    boundary::append_json_string(o, x.log_type);
    o += std::string(",\"autoDetected\":") + (x.auto_detected() ? "true" : "false");
    if (!x.source_name.empty()) {
      o += ",\"source\":";
      boundary::append_json_string(o, x.source_name);
    }
    o += ",\"heartRateZones\":" + std::to_string(x.heart_rate_zones.size());
    const std::string odd = workout::implausible(x, m);
    if (!odd.empty()) {
      o += ",\"implausible\":";
      boundary::append_json_string(o, odd);
    }
    o += "}";
    list += o;
  }
  r.member("workouts", list + "]");
}

void inspect_tcx(std::string_view text, const tz::Zone& zone, Report& r) {
  fitbit::TcxActivity act;
  if (Error e = fitbit::read_tcx(text, act)) {
    r.problems.push_back(e.message);
    return;
  }
  r.records = static_cast<int64_t>(act.points.size());
  r.skipped = act.dropped_no_time + act.dropped_duplicate;
  r.importable = true;  // an empty track is normal: the workout becomes a summary activity
  r.output = "activities";
  int64_t segments = act.points.empty() ? 0 : 1, no_alt = 0;
  for (const fitbit::Trackpoint& p : act.points) {
    if (p.segment_start) ++segments;
    if (std::isnan(p.altitude_m)) ++no_alt;
    r.day(fitbit::day_of(p.time_ms / 1000 + zone.offset_at(p.time_ms / 1000)));
  }
  if (act.dropped_no_time) r.problems.push_back(std::to_string(act.dropped_no_time) + " trackpoints without a readable time dropped");
  if (act.dropped_duplicate) r.problems.push_back(std::to_string(act.dropped_duplicate) + " trackpoints repeating a time dropped");
  r.member_bool("empty", act.empty);
  r.member_str("sport", act.sport);
  r.member("laps", static_cast<int64_t>(act.laps.size()));
  r.member("segments", segments);
  r.member_bool("hasGps", act.has_gps());
  r.member_bool("hasHeartRate", act.has_heart_rate());
  if (!act.points.empty()) {
    r.member("firstUtcMs", act.points.front().time_ms);
    r.member("lastUtcMs", act.points.back().time_ms);
  }
  r.member("droppedNoTime", act.dropped_no_time);
  r.member("droppedDuplicate", act.dropped_duplicate);
  r.member_bool("reordered", act.reordered);
  r.member("withoutAltitude", no_alt);
}

void inspect_daily(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  daily::Metric m;
  daily::metric_of_file(path, m);
  daily::DailySeries series;
  if (Error e = series.add_file(m, text, false, r.skipped)) {
    r.problems.push_back(e.message);
    return;
  }
  r.records = series.records(m);
  for (const auto& kv : series.by_local_day(zone)) r.day(kv.first);
  r.importable = r.records > 0;
  r.output = "csv";
  r.member_str("metric", daily::metric_name(m));
}

void inspect_reference(fitbit::HealthFileKind kind, std::string_view text, const tz::Zone& zone, Report& r) {
  reference::ReferenceTable table;
  Error e;
  if (kind == fitbit::HealthFileKind::sleep) {
    table = reference::make_sleep_table();
    e = reference::add_sleep_file(text, false, table, r.skipped);
  } else if (kind == fitbit::HealthFileKind::resting_heart_rate) {
    table = reference::make_resting_hr_table();
    e = reference::add_resting_hr_file(text, false, table, r.skipped);
  } else {
    reference::HeartRateDays days;
    e = reference::add_heart_rate_file(text, false, zone, days, r.skipped);
    int64_t readings = 0;
    for (const auto& kv : days) readings += kv.second.readings;
    table = reference::heart_rate_daily_table(days);
    r.records = readings;
  }
  if (e) {
    r.problems.push_back(e.message);
    return;
  }
  if (kind != fitbit::HealthFileKind::heart_rate) r.records = static_cast<int64_t>(table.rows.size());
  if (!table.empty()) {
    r.day(table.first_day);
    r.day(table.last_day);
  }
  r.output = "reference";
  r.member_str("table", table.path);
  r.member_str("reason", "Garmin Connect's import page does not accept this kind of data");
}

}  // namespace

Error inspect_file(boundary::Input in, std::string& out) {
  if (in.len > kMaxInspectBytes) return fail(Status::capacity, "request is larger than 24 MiB");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object req;
  if (parser.parse(reinterpret_cast<const char*>(in.data), in.len, false).get(doc))
    return fail(Status::format, "request is not valid JSON");
  if (doc.get_object().get(req)) return fail(Status::format, "request must be a JSON object");
  std::string_view path, text;
  if (req["path"].get_string().get(path)) return fail(Status::invalid_argument, "field 'path' is required");
  if (req["text"].get_string().get(text)) return fail(Status::invalid_argument, "field 'text' is required");
  convert::Options zone_option;
  simdjson::dom::element tz_el;
  if (!req["timeZone"].get(tz_el) && !tz_el.is_null())
    if (Error e = convert::parse_zone(tz_el, zone_option)) return e;
  tz::Zone zone;
  if (zone_option.zone) zone = *zone_option.zone;
  else (void)tz::Zone::make({{0, 0}}, zone);  // no zone: UTC

  const fitbit::HealthFileKind kind = fitbit::classify_health_file(path);
  Report r;
  switch (kind) {
    case fitbit::HealthFileKind::exercise: inspect_exercise(text, zone, r); break;
    case fitbit::HealthFileKind::tcx: inspect_tcx(text, zone, r); break;
    case fitbit::HealthFileKind::daily: inspect_daily(path, text, zone, r); break;
    case fitbit::HealthFileKind::sleep:
    case fitbit::HealthFileKind::resting_heart_rate:
    case fitbit::HealthFileKind::heart_rate: inspect_reference(kind, text, zone, r); break;
    case fitbit::HealthFileKind::not_importable:
      r.output = "reference";
      r.member_str("reason", "Garmin Connect's import page does not accept this kind of data");
      break;
    case fitbit::HealthFileKind::unknown: break;
  }
  out = "{\"path\":";
  boundary::append_json_string(out, path);
  out += std::string(",\"kind\":\"") + fitbit::health_file_kind_name(kind) + "\",\"records\":" + std::to_string(r.records) +
         ",\"skipped\":" + std::to_string(r.skipped);
  if (r.first_day <= r.last_day)
    out += ",\"first\":\"" + fitbit::format_day(r.first_day) + "\",\"last\":\"" + fitbit::format_day(r.last_day) + "\"";
  out += std::string(",\"importable\":") + (r.importable ? "true" : "false") + ",\"output\":\"" + r.output +
         "\",\"problems\":[";
  for (size_t i = 0; i < r.problems.size(); ++i) {
    if (i) out += ",";
    boundary::append_json_string(out, r.problems[i]);
  }
  out += "]" + r.body + "}";
  return {};
}

}  // namespace ts::api
