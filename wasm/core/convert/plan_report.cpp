// The plan's report (ts_validate): every kind with its counts and dates, read from the light
// files; heavy kinds (per-minute data, sleep, heart-rate days, tracks) are described by their
// file names and sizes, so the report is the same whether or not their bytes were sent.
#include <algorithm>
#include <cstdint>
#include <set>

#include "core/common/blank_text.h"
#include "core/common/civil_time.h"
#include "core/convert/daily_gaps.h"
#include "core/convert/gps_tracks.h"
#include "core/convert/plan_inputs.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/report_json.h"
#include "core/convert/workout_overlaps.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
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

// A dated export file holds at most about a month from the day in its name (Fitbit writes
// 30-day files): the zone's transitions are asked for that far past the last one.
constexpr int64_t kDaysPerFile = 32;
// ...and a year beyond that: the last file of a metric counts every record past its name day
// (its window has no next file to end it), and a file written by another tool may hold more
// than a month. A local time past the transitions given is read with the last offset, so a
// daylight-saving change past them moved an hour of each day to the next (helper finding: a
// steps file named for January holding minutes to November) — and the server, which asked for
// transitions to the end of next year whatever the range (convert-steps.js guessFor), wrote
// other totals than the page and the CLI. A year covers every change of the year's rules (the
// server's guess now runs to the end of the year after next, so it still covers this range).
constexpr int64_t kOpenEndDays = 366;

// A weigh-in only weight.csv holds has an instant but no wall-clock time: its local time is
// that instant in the zone in effect, else at the offset the export's own matched weigh-ins
// show nearest to it (the learned periods), else UTC's.
int64_t local_of_row(const WeightPlan& plan, int64_t utc_sec) {
  if (plan.zone_in_effect) return utc_sec + plan.zone_in_effect->offset_at(utc_sec);
  int32_t offset = 0;
  int64_t gap = INT64_MAX;
  for (const tz::OffsetPeriod& period : plan.periods) {
    const int64_t g = utc_sec < period.first_utc ? period.first_utc - utc_sec : utc_sec > period.last_utc ? utc_sec - period.last_utc : 0;
    if (g < gap) gap = g, offset = period.offset_sec;
  }
  return utc_sec + offset;
}

// The report's weight entry: the weigh-ins of both sources (merged) and their range in local
// time: the JSON logs' wall-clock times and the local times of weigh-ins only weight.csv holds
// (a row logged after the last monthly file, or before the first, is converted too: the range
// says so). With no JSON logs, the range of weight.csv in UTC.
void weight_kind(const PlanInputs& p, json::Writer& w) {
  const ExportData& data = p.data;
  w.object().member("kind", "weight").member("source", p.weight.source).key("weighIns");
  write_weigh_in_sources(w, p.weight);
  if (!data.weight_logs.empty()) {
    const weight::MergedSources& m = p.weight.merged;
    const SecRange r = transitions_range(data);
    int64_t first = r.from + 2 * 86400, last = r.to - 2 * 86400;
    for (uint32_t row : m.csv_only) {
      const int64_t local = local_of_row(p.weight, data.grams[row].utc_sec);
      first = std::min(first, local);
      last = std::max(last, local);
    }
    w.member("files", data.weight_files.size() + (data.grams.empty() ? 0 : 1))
        .member("records", m.pairs.size() + m.json_only.size() + m.csv_only.size())
        .member("firstLocal", civil::iso_local(first))
        .member("lastLocal", civil::iso_local(last));
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

// The workouts, each that says GPS but has no track and each impossible for its sport named in
// `problems` (which and why), counted in the kind's entry. Exercise records are light: the
// verdicts are the ones the workout steps reach.
void workouts_kind(const BundleView& in, const PlanInputs& p, json::Writer& w, SecRange& range, fitbit::Problems& problems) {
  const tz::Zone* zone = known_zone(p);
  size_t auto_n = 0, gps = 0, with_tcx = 0, empty_tcx = 0, implausible = 0, gps_without_track = 0;
  for (const Workout& wk : p.workouts) {
    auto_n += wk.ex.auto_detected();
    gps += wk.ex.has_gps;
    bool track = false, empty = false;
    auto t = p.index.tcx.find(wk.ex.log_id);
    if (t != p.index.tcx.end()) {
      ++with_tcx;
      const BundleFile& f = in.files[t->second];
      // A track sent without its bytes is empty when its size says so.
      empty = f.data.empty() ? p.sizes.of(t->second, f) == 0 : blank_text(f.data);
      if (empty) ++empty_tcx;
      else track = true;
    }
    const std::string_view file = in.files[wk.file].name;
    // Google's position files near its time may hold its map (gps_tracks.h): only its step,
    // reading them, can tell, and the manifest says.
    std::vector<size_t> positions;
    if (!track) google_day_files(p.index.gps, p.index.folder, wk.ex.start_utc_ms / 1000, wk.ex.end_utc_ms() / 1000 + 1, positions);
    // Said of a workout that is converted: one left out (impossible, or auto-detected and not
    // asked for) is not converted without a map (helper finding: the report counted 14 where
    // the conversion said 13).
    if (wk.ex.has_gps && !track && positions.empty() && workout_converted(p, wk)) {
      ++gps_without_track;
      // An empty track file is said as the conversion says it (helper finding: "no track" here,
      // "its track file is empty" in the import steps).
      problems.push_back(fitbit::not_converted(
          file, workout_name(wk.ex, zone) + ": Fitbit recorded GPS but " +
                    (empty ? "its track file is empty" : "the export has no track for it") + "; it is converted without a map"));
    }
    const std::string why = workout::implausible(wk.ex, workout::map_activity(wk.ex.activity_type_id, wk.ex.activity_name));
    if (!why.empty()) {
      ++implausible;
      problems.push_back(fitbit::not_converted(file, workout_name(wk.ex, zone) + ": " + why + "; " +
                                                         (p.options.include_implausible ? workout::kKeptImplausible
                                                                                        : workout::kLeftOutImplausible)));
    }
  }
  w.object()
      .member("kind", "workouts")
      .member("files", p.index.exercise.size() + p.index.google_exercises.size())
      .member("records", p.workouts.size());
  // Google's list: its rows, and the workouts only it holds (google_workouts.h), among "records".
  if (!p.index.google_exercises.empty())
    w.member("googleListRows", p.google_rows).member("googleListOnly", p.google_only).member("googleListWithin", p.google_within.size());
  w
      .member("autoDetected", auto_n)
      .member("withGps", gps)
      .member("tcxFiles", p.index.tcx.size())
      .member("tcxMatched", with_tcx)
      .member("emptyTcx", empty_tcx)
      .member("gpsWithoutTrack", gps_without_track)
      .member("implausible", implausible);
  if (!p.workouts.empty()) {
    const int64_t first = p.workouts.front().ex.start_utc_ms / 1000, last = p.workouts.back().ex.start_utc_ms / 1000;
    w.member("firstUtc", civil::iso_utc(first)).member("lastUtc", civil::iso_utc(last));
    widen(range, first, last + 7 * 86400);
  }
  w.member("importable", !p.workouts.empty())
      .member("how", "one activity FIT file per workout (Garmin Connect > Import Data)")
      .end();
}

// The days the names of these files span, widening `range` a file's length and a year past
// the last. `month_files`: each file holds up to a month from its name day (Fitbit's 30-day
// per-minute, active-minutes and sleep files), so the last name day is where the last file
// begins, not the last day it holds (helper finding: a report said 21 June of data that ran to
// 7 July); "lastDayIsFileStart" says so, and the page shows "within a month after" it. The plan does not read
// these files (they are heavy), so their last record is not known before conversion.
// `named`: how a name gives its day (Google's CSVs end in theirs: csv_day_in_name).
void name_days(const BundleView& in, const std::vector<size_t>& files, bool month_files, json::Writer& w, SecRange& range,
               bool (*named)(std::string_view, int64_t&) = day_in_name) {
  bool any = false;
  int64_t first = 0, last = 0;
  for (size_t fi : files) {
    int64_t d;
    if (!named(in.files[fi].name, d)) continue;
    if (!any || d < first) first = d;
    if (!any || d > last) last = d;
    any = true;
  }
  if (!any) return;
  w.member("firstDay", format_day(first)).member("lastDay", format_day(last));
  if (month_files) w.member("lastDayIsFileStart", true);
  widen(range, first * 86400, (last + kDaysPerFile + kOpenEndDays) * 86400);
}

void daily_kind(const BundleView& in, const PlanInputs& p, json::Writer& w, SecRange& range) {
  bool seen[daily::kMetricCount] = {};
  for (size_t fi : p.index.daily) {
    daily::Metric m;
    if (daily::metric_of_file(in.files[fi].name, m)) seen[static_cast<int>(m)] = true;
  }
  w.object().member("kind", "daily").member("files", p.index.daily.size()).key("metrics").array();
  for (int i = 0; i < daily::kMetricCount; ++i)
    if (seen[i]) w.value(daily::metric_name(static_cast<daily::Metric>(i)));
  w.end();
  name_days(in, p.index.daily, true, w, range);
  w.member("importable", true)
      .member("how", "Fitbit-style Activities CSV, 75 days per file (Import Data; choose metric units)")
      .end();
}

// Resting heart rate is light: read, so counted and dated by its records.
void resting_hr_kind(const BundleView& in, const PlanInputs& p, json::Writer& w, fitbit::Problems& problems) {
  std::set<int64_t> days;  // the rows reference/resting_heart_rate.csv will have, by day
  for (size_t fi : p.index.resting_hr) {
    const BundleFile& f = in.files[fi];
    if (Error e = reference::count_resting_hr_file(f.name, f.data, false, days, problems)) problems.push_back(fitbit::file_unread(f.name, e.message));
  }
  w.object().member("kind", "resting_heart_rate").member("files", p.index.resting_hr.size()).member("records", days.size());
  if (!days.empty()) w.member("firstDay", format_day(*days.begin())).member("lastDay", format_day(*days.rbegin()));
  w.member("importable", false).member("how", "not importable; written to reference/resting_heart_rate.csv").end();
}

void health_kinds(const BundleView& in, const PlanInputs& p, json::Writer& w, SecRange& range, fitbit::Problems& problems) {
  const HealthIndex& index = p.index;
  if (!index.exercise.empty() || !index.google_exercises.empty() || !index.tcx.empty()) workouts_kind(in, p, w, range, problems);
  if (!index.daily.empty()) daily_kind(in, p, w, range);
  if (!index.sleep.empty()) {
    w.object().member("kind", "sleep").member("files", index.sleep.size());
    // Fitbit's monthly JSON, or Google's lists (UserSleeps_YYYY-MM-DD.csv, the day at the end).
    name_days(in, index.sleep, true, w, range, [](std::string_view name, int64_t& d) { return day_in_name(name, d) || csv_day_in_name(name, d); });
    w.member("importable", false).member("how", "not importable; written to reference/sleep.csv").end();
  }
  if (!index.resting_hr.empty()) resting_hr_kind(in, p, w, problems);
  if (!index.heart_rate.empty() || !index.heart_rate_csv.empty()) {
    // Fitbit's day files and Google's CSVs of other days (file_kinds.h apply_export_rules), the
    // last of which holds its month when named for the 1st.
    std::vector<size_t> files;
    for (const auto& kv : index.heart_rate) files.push_back(kv.second);
    for (const auto& kv : index.heart_rate_csv) files.push_back(kv.second);
    w.object().member("kind", "heart_rate").member("files", files.size());
    const bool month_last = !index.heart_rate_csv.empty() &&
                            (index.heart_rate.empty() || index.heart_rate_csv.rbegin()->first > index.heart_rate.rbegin()->first) &&
                            civil::from_seconds(index.heart_rate_csv.rbegin()->first * 86400).day == 1;
    name_days(in, files, month_last, w, range, [](std::string_view name, int64_t& d) { return day_in_name(name, d) || csv_day_in_name(name, d); });
    w.member("importable", false)
        .member("how",
                "not importable as history; used for workouts without their own heart rate, "
                "and summarised per day in reference/heart_rate_daily.csv")
        .end();
  }
  if (!index.not_importable.empty())
    w.object()
        .member("kind", "other_health_data")
        .member("files", index.not_importable.size())
        .member("importable", false)
        .member("how", "not importable; copied as they are to reference/other/")
        .end();
}

}  // namespace

void write_plan_report(const BundleView& in, const PlanInputs& p, json::Writer& w) {
  const ExportData& data = p.data;
  w.object()
      .key("files")
      .object()
      .member("total", data.total_files)
      .member("recognized", data.total_files - data.skipped.total())
      .member("skipped", data.skipped.total())
      .end()
      .key("kinds")
      .array();
  const bool weight = !data.weight_logs.empty() || !data.grams.empty();
  if (weight) weight_kind(p, w);
  SecRange range = transitions_range(data);
  fitbit::Problems problems = data.problems;
  problems.insert(problems.end(), p.exercise_problems.begin(), p.exercise_problems.end());
  health_kinds(in, p, w, range, problems);
  w.end().key("timeZone");
  if (data.profile.time_zone.empty()) w.null();
  else w.object().member("name", data.profile.time_zone).member("source", data.profile.zone_file).end();
  w.key("zoneEvidence");
  write_zone_evidence(w, p.weight, p.options);
  w.member("heightFound", data.profile.height_cm.has_value() || !data.heights.empty()).key("weightUnit");
  if (weight) write_unit(w, p.weight.unit);
  else w.null();
  // The UTC range whose offset transitions the conversion needs (local-time records only).
  w.key("transitionsRange");
  if (range.empty) w.null();
  else w.object().member("from", range.from).member("to", range.to).end();
  w.key("problems");
  write_skipped(w, problems);
  w.key("skippedFiles");
  write_skipped_files(w, data.skipped);
  std::vector<std::string> warnings;
  if (weight) weight_warnings(p.weight.unit, weight::WeighIns{}, warnings);
  zone_warnings(p.weight, p.options, data.profile.time_zone, data.profile.zone_file,
                !p.index.exercise.empty() || !p.index.google_exercises.empty() || !p.index.daily.empty(), warnings);
  daily_gap_warnings(in, p.index.daily, warnings);
  written_clock_warning(p.written_clock_workouts, p.weight, p.options, warnings);
  overlap_warnings(p, workout_overlaps(p), known_zone(p), warnings);
  position_files_warning(p, warnings);
  if (!p.google_within.empty())
    warnings.push_back(std::to_string(p.google_within.size()) +
                       " row(s) of Google's workout list (UserExercises_*.csv) overlap a workout of exercise-*.json without "
                       "starting with it (such as a walk inside a longer workout): each is taken as that workout, not "
                       "converted again; the manifest's skipped list names them");
  w.key("warnings");
  write_strings(w, warnings);
  w.end();
}

}  // namespace ts::convert
