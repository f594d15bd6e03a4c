#include "boundary/api_inspect.h"

#include <algorithm>
#include <set>

#include "boundary/json_args.h"
#include "core/common/json_writer.h"
#include "core/convert/google_workouts.h"
#include "core/convert/options.h"
#include "core/convert/workout_inputs.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_kinds.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/google_cadence_csv.h"
#include "core/fitbit/google_exercises_csv.h"
#include "core/fitbit/google_live_pace_csv.h"
#include "core/fitbit/google_running_dynamics_csv.h"
#include "core/fitbit/gps_location_csv.h"
#include "core/fitbit/tcx_reader.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/reference_table.h"
#include "core/reference/sleep_csv.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::api {

namespace {

// One export file can be a whole day of heart rate (~4 MB); the request carries it as a JSON
// string, so allow more than the usual 1 MiB option object.
constexpr size_t kMaxInspectBytes = 24u << 20;

constexpr const char* kNotAccepted = "Garmin Connect's import page does not accept this kind of data";

struct Report {
  std::string detail;  // kind-specific members, written after the common ones
  int64_t records = 0;
  int64_t first_day = INT64_MAX, last_day = INT64_MIN;
  bool importable = false;
  const char* output = "none";
  fitbit::Problems problems;      // listed by reason, and their skipped records counted
  fitbit::Problems counted_only;  // their skipped records counted, not listed

  int64_t skipped() const { return fitbit::skipped_records(problems) + fitbit::skipped_records(counted_only); }
  void unread(std::string_view path, const Error& e) { problems.push_back(fitbit::file_unread(path, e.message)); }

  void day(int64_t d) {
    first_day = std::min(first_day, d);
    last_day = std::max(last_day, d);
  }
  json::Writer details() { return json::Writer::into_members(detail); }
};

// The workouts of an exercise file or of Google's list, one object each.
void list_workouts(const std::vector<fitbit::Exercise>& records, const tz::Zone& zone, Report& r) {
  r.records = static_cast<int64_t>(records.size());
  r.importable = r.records > 0;
  r.output = "activities";
  json::Writer w = r.details();
  w.key("workouts").array();
  for (const fitbit::Exercise& x : records) {
    r.day(fitbit::day_of(x.start_utc_ms / 1000 + zone.offset_at(x.start_utc_ms / 1000)));
    const workout::SportMapping m = workout::map_activity(x.activity_type_id, x.activity_name);
    w.object()
        .member("logId", x.log_id)
        .member("activityName", x.activity_name)
        .member("activityTypeId", x.activity_type_id)
        .member("sport", m.sport)
        .member("subSport", m.sub_sport)
        .member("matchedBy", m.matched_by)
        .member("startUtcMs", x.start_utc_ms)
        .member("durationMs", x.duration_ms)
        .member("timerMs", x.timer_ms());
    if (x.distance_m >= 0) w.key("distanceM").fixed(x.distance_m, 3);
    if (x.calories >= 0) w.member("calories", x.calories);
    if (x.steps >= 0) w.member("steps", x.steps);
    if (x.average_heart_rate >= 0) w.member("averageHeartRate", x.average_heart_rate);
    if (x.elevation_gain_m >= 0) w.key("elevationGainM").fixed(x.elevation_gain_m, 3);
    w.member("hasGps", x.has_gps).member("logType", x.log_type).member("autoDetected", x.auto_detected());
    if (!x.source_name.empty()) w.member("source", x.source_name);
    // Which copy of a logId in two exports a conversion takes (convert/workout_inputs.h later_copy).
    if (x.last_modified_utc_ms != INT64_MIN) w.member("lastModifiedUtcMs", x.last_modified_utc_ms);
    w.member("heartRateZones", x.heart_rate_zones.size());
    const std::string odd = workout::implausible(x, m);
    if (!odd.empty()) w.member("implausible", odd);
    w.end();
  }
  w.end();
}

void inspect_exercise(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  fitbit::ExerciseFile file;
  if (Error e = fitbit::read_exercises(path, text, false, file)) {
    r.unread(path, e);
    return;
  }
  r.problems = file.problems;
  // Placed as a conversion in this zone places them (convert/workout_inputs.h), so the page's
  // list shows a hand-logged workout where it will be.
  for (fitbit::Exercise& x : file.records) convert::place_written_clock(x, zone);
  list_workouts(file.records, zone, r);
}

// The rows a conversion converts: those no workout of `besides` overlaps, whose logId is not
// `taken`, and that are not auto-detected rows Fitbit did not list (`unlisted`, from the same
// workouts: convert/google_workouts.h); without them, every row.
void inspect_google_exercises(std::string_view path, std::string_view text, const tz::Zone& zone,
                              const convert::WorkoutSpans& besides, std::set<int64_t> taken,
                              const convert::UnlistedAutoRows& unlisted, Report& r) {
  fitbit::GoogleExerciseFile file;
  if (Error e = fitbit::read_google_exercises(path, text, file)) {
    r.unread(path, e);
    return;
  }
  r.problems = file.problems;
  std::vector<fitbit::Exercise> kept;
  for (fitbit::Exercise& x : file.records)
    if (!convert::overlaps_any(besides, x.start_utc_ms, x.end_utc_ms()) && !taken.count(x.log_id) && !unlisted.unlisted(x)) {
      taken.insert(x.log_id);
      kept.push_back(std::move(x));
    }
  list_workouts(kept, zone, r);
  r.details().member("rows", file.records.size());
}

// "besides" and "taken" (api_inspect.h). Errors (invalid_argument): not arrays of integers.
Error read_besides(simdjson::dom::object req, convert::WorkoutSpans& besides, std::set<int64_t>& taken,
                   convert::UnlistedAutoRows& unlisted) {
  const Error shape =
      fail(Status::invalid_argument, "'besides' must be [[startUtcMs, durationMs, autoDetected?], …] and 'taken' [logId, …]");
  simdjson::dom::array list;
  if (!req["besides"].get_array().get(list))
    for (simdjson::dom::element e : list) {
      int64_t start, duration;
      // Within ±10^15 ms (years -29,000 to 33,000): the sums below cannot overflow.
      if (e.at(0).get_int64().get(start) || e.at(1).get_int64().get(duration) || duration < 0 ||
          duration > fitbit::kMaxDurationMs || start < -1'000'000'000'000'000 || start > 1'000'000'000'000'000)
        return shape;
      // The third member, 1 for an auto-detected workout (0 or absent: not), feeds the rule
      // for rows Fitbit did not list.
      int64_t auto_detected = 0;
      if (e.at(2).error() != simdjson::INDEX_OUT_OF_BOUNDS && (e.at(2).get_int64().get(auto_detected) || auto_detected < 0 || auto_detected > 1))
        return shape;
      besides.emplace_back(start, start + duration);
      unlisted.add_json(start, start + duration, auto_detected == 1);
    }
  else if (req["besides"].error() != simdjson::NO_SUCH_FIELD) return shape;
  std::sort(besides.begin(), besides.end());
  if (!req["taken"].get_array().get(list))
    for (simdjson::dom::element e : list) {
      int64_t id;
      if (e.get_int64().get(id)) return shape;
      taken.insert(id);
    }
  else if (req["taken"].error() != simdjson::NO_SUCH_FIELD) return shape;
  return {};
}

void inspect_tcx(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  fitbit::TcxActivity act;
  if (Error e = fitbit::read_tcx(path, text, act, r.problems)) {
    r.unread(path, e);
    return;
  }
  r.records = static_cast<int64_t>(act.points.size());
  r.importable = true;  // an empty track is normal: the workout becomes a summary activity
  r.output = "activities";
  int64_t segments = act.points.empty() ? 0 : 1, no_alt = 0;
  for (const fitbit::Trackpoint& p : act.points) {
    if (p.segment_start) ++segments;
    if (std::isnan(p.altitude_m)) ++no_alt;
    r.day(fitbit::day_of(p.time_ms / 1000 + zone.offset_at(p.time_ms / 1000)));
  }
  json::Writer w = r.details();
  w.member("empty", act.empty)
      .member("sport", act.sport)
      .member("laps", act.laps.size())
      .member("segments", segments)
      .member("hasGps", act.has_gps())
      .member("hasHeartRate", act.has_heart_rate());
  if (!act.points.empty()) w.member("firstUtcMs", act.points.front().time_ms).member("lastUtcMs", act.points.back().time_ms);
  w.member("droppedNoTime", act.dropped_no_time)
      .member("droppedDuplicate", act.dropped_duplicate)
      .member("reordered", act.reordered)
      .member("withoutAltitude", no_alt);
}

// What every inspector of Google's per-second files says of the rows it read (`ms_of(row)`:
// a row's UTC instant in ms): their count, their local days, importable when there are any
// (they feed the records of the workouts in their time), output activities, and the first and
// last instant. The details writer is handed back for a kind's own members.
template <class Row, class MsOf>
json::Writer google_series_report(const std::vector<Row>& rows, MsOf ms_of, const tz::Zone& zone, Report& r) {
  r.records = static_cast<int64_t>(rows.size());
  for (const Row& row : rows) {
    const int64_t sec = ms_of(row) / 1000;
    r.day(fitbit::day_of(sec + zone.offset_at(sec)));
  }
  r.importable = r.records > 0;
  r.output = "activities";
  json::Writer w = r.details();
  if (!rows.empty()) w.member("firstUtcMs", ms_of(rows.front())).member("lastUtcMs", ms_of(rows.back()));
  return w;
}

// Of readings (UTC second, value), a reading's instant in ms.
template <class Value>
int64_t reading_ms(const std::pair<int64_t, Value>& reading) {
  return reading.first * 1000;
}

// Google's positions: every readable row (a conversion takes those in its workouts' windows,
// as their map).
void inspect_gps_location(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  std::vector<fitbit::Trackpoint> points;
  if (Error e = fitbit::read_gps_points(path, text, INT64_MIN, INT64_MAX, points, r.problems)) {
    r.unread(path, e);
    return;
  }
  google_series_report(points, [](const fitbit::Trackpoint& p) { return p.time_ms; }, zone, r);
}

// Google's cadence: every readable row (a conversion puts those of its workouts' windows on
// their positions).
void inspect_cadence(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  std::vector<std::pair<int64_t, double>> readings;
  if (Error e = fitbit::read_google_cadence(path, text, INT64_MIN, INT64_MAX, readings, r.problems)) {
    r.unread(path, e);
    return;
  }
  google_series_report(readings, reading_ms<double>, zone, r);
}

// Google's running dynamics: every readable row of one measure (a conversion puts those of its
// workouts' windows on their records), named by the FIT field it becomes.
void inspect_running_dynamic(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  fitbit::RunningDynamic m;
  if (!fitbit::running_dynamic_of(fitbit::classify_file(path).kind, m)) return;
  std::vector<std::pair<int64_t, int32_t>> readings;
  if (Error e = fitbit::read_google_running_dynamic(m, path, text, INT64_MIN, INT64_MAX, readings, r.problems)) {
    r.unread(path, e);
    return;
  }
  static constexpr const char* kFitField[] = {"step_length", "stance_time", "vertical_oscillation", "vertical_ratio"};
  google_series_report(readings, reading_ms<int32_t>, zone, r).member("measure", kFitField[static_cast<size_t>(m)]);
}

// Google's pace: every readable row (a conversion makes those of its workouts' windows the
// records of the workouts without positions), and the distance they add up to.
void inspect_live_pace(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  std::vector<fitbit::PaceRow> rows;
  if (Error e = fitbit::read_google_live_pace(path, text, INT64_MIN, INT64_MAX, rows, r.problems)) {
    r.unread(path, e);
    return;
  }
  double metres = 0, steps = 0;
  for (const fitbit::PaceRow& p : rows) {
    metres += p.distance_m;
    steps += p.steps;
  }
  google_series_report(rows, [](const fitbit::PaceRow& p) { return p.sec * 1000; }, zone, r)
      .member("steps", steps)
      .member("distanceM", metres);
}

void inspect_daily(std::string_view path, std::string_view text, const tz::Zone& zone, Report& r) {
  daily::Metric m;
  daily::metric_of_file(path, m);
  daily::DailySeries series;
  if (Error e = series.add_file(m, path, text, false, r.counted_only)) {
    r.unread(path, e);
    return;
  }
  r.records = series.records(m);
  for (const auto& kv : series.by_local_day(zone)) r.day(kv.first);
  r.importable = r.records > 0;
  r.output = "csv";
  r.details().member("metric", daily::metric_name(m));
}

void inspect_reference(fitbit::HealthFileKind kind, std::string_view path, std::string_view text, const tz::Zone& zone,
                       Report& r) {
  reference::TableCsv table;
  Error e;
  if (kind == fitbit::HealthFileKind::sleep || kind == fitbit::HealthFileKind::resting_heart_rate) {
    const bool sleep = kind == fitbit::HealthFileKind::sleep;
    reference::ReferenceTable rows = sleep ? reference::make_sleep_table() : reference::make_resting_hr_table();
    e = sleep ? reference::add_sleep_file(path, text, false, rows, r.counted_only)
              : reference::add_resting_hr_file(path, text, false, rows, r.counted_only);
    table = {rows.path, {}, rows.rows.size(), rows.first_day, rows.last_day};  // its rows and days: no text needed here
  } else {
    reference::HeartRateDays days;
    e = reference::add_heart_rate_file(path, text, false, zone, days, r.counted_only);
    int64_t readings = 0;
    for (const auto& kv : days) readings += kv.second.readings;
    table = reference::heart_rate_daily_csv(days);
    r.records = readings;
  }
  if (e) {
    r.unread(path, e);
    return;
  }
  if (kind != fitbit::HealthFileKind::heart_rate && kind != fitbit::HealthFileKind::heart_rate_csv)
    r.records = static_cast<int64_t>(table.rows);
  if (!table.empty()) {
    r.day(table.first_day);
    r.day(table.last_day);
  }
  r.output = "reference";
  r.details().member("table", table.path).member("reason", kNotAccepted);
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
    case fitbit::HealthFileKind::exercise: inspect_exercise(path, text, zone, r); break;
    case fitbit::HealthFileKind::google_exercises: {
      convert::WorkoutSpans besides;
      convert::UnlistedAutoRows unlisted;
      std::set<int64_t> taken;
      if (Error e = read_besides(req, besides, taken, unlisted)) return e;
      inspect_google_exercises(path, text, zone, besides, std::move(taken), unlisted, r);
      break;
    }
    case fitbit::HealthFileKind::tcx: inspect_tcx(path, text, zone, r); break;
    case fitbit::HealthFileKind::gps_location: inspect_gps_location(path, text, zone, r); break;
    case fitbit::HealthFileKind::cadence: inspect_cadence(path, text, zone, r); break;
    case fitbit::HealthFileKind::live_pace: inspect_live_pace(path, text, zone, r); break;
    case fitbit::HealthFileKind::running_dynamics: inspect_running_dynamic(path, text, zone, r); break;
    case fitbit::HealthFileKind::daily: inspect_daily(path, text, zone, r); break;
    case fitbit::HealthFileKind::sleep:
    case fitbit::HealthFileKind::resting_heart_rate:
    case fitbit::HealthFileKind::heart_rate:
    case fitbit::HealthFileKind::heart_rate_csv: inspect_reference(kind, path, text, zone, r); break;
    case fitbit::HealthFileKind::not_importable:
      r.output = "reference";
      r.details().member("reason", kNotAccepted);
      break;
    case fitbit::HealthFileKind::unknown: break;
  }
  out.clear();
  json::Writer w(out);
  w.object()
      .member("path", path)
      .member("kind", fitbit::health_file_kind_name(kind))
      .member("records", r.records)
      .member("skipped", r.skipped());
  if (r.first_day <= r.last_day) w.member("first", fitbit::format_day(r.first_day)).member("last", fitbit::format_day(r.last_day));
  w.member("importable", r.importable).member("output", r.output).key("problems").array();
  for (const fitbit::Problem& p : r.problems) w.value(p.reason);
  w.end().members(r.detail).end();
  return {};
}

}  // namespace ts::api
