#include "core/convert/health_report.h"

#include "core/common/civil_time.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/workout_inputs.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::convert {

namespace {

using fitbit::format_day;

// Widens `range` by [from, to] and two days either side (offsets never exceed 26 h).
void widen(SecRange& range, int64_t from, int64_t to) {
  if (range.empty || from - 2 * 86400 < range.from) range.from = from - 2 * 86400;
  if (range.empty || to + 2 * 86400 > range.to) range.to = to + 2 * 86400;
  range.empty = false;
}

// The workouts, each that says GPS but has no track and each impossible for its sport named in
// `problems` (which and why), counted in the kind's entry.
void workouts_kind(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, json::Writer& w,
                   SecRange& range, fitbit::Problems& problems) {
  std::vector<Workout> workouts;
  read_workouts(in, index, workouts, problems);
  size_t auto_n = 0, gps = 0, with_tcx = 0, empty_tcx = 0, implausible = 0, gps_without_track = 0;
  for (const Workout& wk : workouts) {
    auto_n += wk.ex.auto_detected();
    gps += wk.ex.has_gps;
    bool track = false;
    auto t = index.tcx.find(wk.ex.log_id);
    if (t != index.tcx.end()) {
      ++with_tcx;
      const std::string_view d = in.files[t->second].data;
      if (d.find_first_not_of(" \t\r\n") == std::string_view::npos) ++empty_tcx;
      else track = true;
    }
    const std::string_view file = in.files[wk.file].name;
    if (wk.ex.has_gps && !track) {
      ++gps_without_track;
      problems.push_back(fitbit::not_converted(
          file, workout_name(wk.ex, zone) + ": Fitbit recorded GPS but the export has no track for it; it is converted without a map"));
    }
    const std::string why = workout::implausible(wk.ex, workout::map_activity(wk.ex.activity_type_id, wk.ex.activity_name));
    if (!why.empty()) {
      ++implausible;
      problems.push_back(fitbit::not_converted(file, workout_name(wk.ex, zone) + ": " + why + "; left out unless kept (includeImplausible)"));
    }
  }
  w.object()
      .member("kind", "workouts")
      .member("files", index.exercise.size())
      .member("records", workouts.size())
      .member("autoDetected", auto_n)
      .member("withGps", gps)
      .member("tcxFiles", index.tcx.size())
      .member("tcxMatched", with_tcx)
      .member("emptyTcx", empty_tcx)
      .member("gpsWithoutTrack", gps_without_track)
      .member("implausible", implausible);
  if (!workouts.empty()) {
    const int64_t first = workouts.front().ex.start_utc_ms / 1000, last = workouts.back().ex.start_utc_ms / 1000;
    w.member("firstUtc", civil::iso_utc(first)).member("lastUtc", civil::iso_utc(last));
    widen(range, first, last + 7 * 86400);
  }
  w.member("importable", !workouts.empty())
      .member("how", "one activity FIT file per workout (Garmin Connect > Import Data)")
      .end();
}

void daily_kind(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, json::Writer& w, SecRange& range,
                fitbit::Problems& problems) {
  daily::DailySeries series;
  for (size_t fi : index.daily) {
    const BundleFile& f = in.files[fi];
    daily::Metric m;
    if (!daily::metric_of_file(f.name, m)) continue;
    if (Error e = series.add_file(m, f.name, f.data, false, problems)) problems.push_back(fitbit::file_unread(f.name, e.message));
  }
  int64_t records = 0;
  for (int i = 0; i < daily::kMetricCount; ++i) records += series.records(static_cast<daily::Metric>(i));
  const auto days = series.by_local_day(zone);
  w.object().member("kind", "daily").member("files", index.daily.size()).member("records", records).key("metrics").array();
  for (int i = 0; i < daily::kMetricCount; ++i)
    if (series.records(static_cast<daily::Metric>(i)) > 0) w.value(daily::metric_name(static_cast<daily::Metric>(i)));
  w.end().member("days", days.size());
  if (!days.empty()) {
    w.member("firstLocal", format_day(days.begin()->first)).member("lastLocal", format_day(days.rbegin()->first));
    widen(range, days.begin()->first * 86400, days.rbegin()->first * 86400 + 86400);
  }
  w.member("importable", !days.empty())
      .member("how", "Fitbit-style Activities CSV, 75 days per file (Import Data; choose metric units)")
      .end();
}

// Sleep and resting heart rate are small: counted and dated.
void table_kind(const BundleView& in, const char* kind, const std::vector<size_t>& files, reference::ReferenceTable table,
                AddTableFile add, const char* how, json::Writer& w, fitbit::Problems& problems) {
  if (files.empty()) return;
  read_table(in, files, add, table, problems);
  w.object().member("kind", kind).member("files", files.size()).member("records", table.rows.size());
  if (!table.empty()) w.member("firstDay", format_day(table.first_day)).member("lastDay", format_day(table.last_day));
  w.member("importable", false).member("how", how).end();
}

}  // namespace

void validate_health(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, json::Writer& w, SecRange& range,
                     fitbit::Problems& problems) {
  if (!index.exercise.empty() || !index.tcx.empty()) workouts_kind(in, index, zone, w, range, problems);
  if (!index.daily.empty()) daily_kind(in, index, zone, w, range, problems);
  table_kind(in, "sleep", index.sleep, reference::make_sleep_table(), reference::add_sleep_file,
             "not importable; written to reference/sleep.csv", w, problems);
  table_kind(in, "resting_heart_rate", index.resting_hr, reference::make_resting_hr_table(), reference::add_resting_hr_file,
             "not importable; written to reference/resting_heart_rate.csv", w, problems);
  // Heart-rate days are large and only counted by file (their dates come from the names);
  // other health data likewise.
  if (!index.heart_rate.empty())
    w.object()
        .member("kind", "heart_rate")
        .member("files", index.heart_rate.size())
        .member("firstDay", format_day(index.heart_rate.begin()->first))
        .member("lastDay", format_day(index.heart_rate.rbegin()->first))
        .member("importable", false)
        .member("how",
                "not importable as history; used for workouts without their own heart rate, "
                "and summarised per day in reference/heart_rate_daily.csv")
        .end();
  if (!index.not_importable.empty())
    w.object()
        .member("kind", "other_health_data")
        .member("files", index.not_importable.size())
        .member("importable", false)
        .member("how", "not importable; CSVs copied to reference/other/")
        .end();
}

}  // namespace ts::convert
