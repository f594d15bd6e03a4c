#include "core/convert/health_outputs.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/common/civil_time.h"
#include "core/common/json_text.h"
#include "core/daily/activities_csv.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/export_kinds.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/heart_rate_reader.h"
#include "core/fitbit/tcx_reader.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::convert {

namespace {

using fitbit::HealthFileKind;

// "heart_rate-2023-01-25.json" -> the civil day of its name.
bool day_in_name(std::string_view path, int64_t& day) {
  std::string_view b = fitbit::base_name(path);
  const size_t dash = b.find('-');
  if (dash == std::string_view::npos || b.size() < dash + 1 + 10) return false;
  return fitbit::parse_iso_date(b.substr(dash + 1, 10), day);
}

std::string iso_day(int64_t day) { return fitbit::format_day(day); }

// Exercise records of every exercise file, each logId once (first file by name wins).
struct Workout {
  fitbit::Exercise ex;
  size_t file;
};

void read_workouts(const BundleView& in, const HealthIndex& index, std::vector<Workout>& out, fitbit::Problems& problems) {
  std::map<int64_t, bool> seen;
  for (size_t fi : index.exercise) {
    const BundleFile& f = in.files[fi];
    fitbit::ExerciseFile file;
    if (Error e = fitbit::read_exercises(f.data, false, file)) {
      problems.push_back({std::string(f.name), -1, e.message});
      continue;
    }
    for (const std::string& p : file.problems) problems.push_back({std::string(f.name), -1, p});
    for (fitbit::Exercise& ex : file.records) {
      if (!seen.emplace(ex.log_id, true).second) continue;
      out.push_back({std::move(ex), fi});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Workout& a, const Workout& b) {
    return a.ex.start_utc_ms != b.ex.start_utc_ms ? a.ex.start_utc_ms < b.ex.start_utc_ms : a.ex.log_id < b.ex.log_id;
  });
}

// Heart-rate samples by UTC day, loaded on first need and dropped once workouts moved past.
class HeartRateDays {
 public:
  HeartRateDays(const BundleView& in, const HealthIndex& index, const std::vector<Workout>& workouts)
      : in_(in), index_(index), workouts_(workouts) {}

  // Samples inside [from, to] (UTC seconds), from the day files that cover it.
  void window(int64_t from, int64_t to, std::vector<workout::HeartRateSample>& out, fitbit::Problems& problems) {
    for (int64_t day = fitbit::day_of(from); day <= fitbit::day_of(to); ++day) {
      load(day, problems);
      for (const auto& s : days_[day])
        if (s.utc_sec >= from && s.utc_sec <= to) out.push_back(s);
    }
    // Stable: two readings of one second keep file order (the first wins later), the same in
    // every standard library, so native and WASM outputs stay byte-identical.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.utc_sec < b.utc_sec; });
    // Days before this window are never asked for again (workouts come in start order).
    days_.erase(days_.begin(), days_.lower_bound(fitbit::day_of(from) - 1));
  }

 private:
  void load(int64_t day, fitbit::Problems& problems) {
    if (days_.count(day)) return;
    std::vector<workout::HeartRateSample>& samples = days_[day];
    auto it = index_.heart_rate.find(day);
    if (it == index_.heart_rate.end()) return;
    // Keep only seconds inside some workout of this day: a day file is ~70,000 readings.
    // One parse per day, whatever the number of workouts on it.
    const int64_t lo = day * 86400, hi = lo + 86399;
    std::vector<std::pair<int64_t, int64_t>> windows;
    for (const Workout& w : workouts_) {
      const int64_t s = w.ex.start_utc_ms / 1000, e = w.ex.end_utc_ms() / 1000 + 1;
      if (e >= lo && s <= hi) windows.emplace_back(std::max(s, lo), std::min(e, hi));
    }
    if (windows.empty()) return;
    const BundleFile& f = in_.files[it->second];
    int64_t skipped = 0;
    const Error err = fitbit::read_heart_rate(
        f.data, false,
        [&](int64_t sec, int32_t bpm) {
          for (const auto& w : windows)
            if (sec >= w.first && sec <= w.second) {
              samples.push_back({sec, static_cast<uint8_t>(bpm)});
              return;
            }
        },
        skipped);
    if (err) problems.push_back({std::string(f.name), -1, err.message});
  }

  const BundleView& in_;
  const HealthIndex& index_;
  const std::vector<Workout>& workouts_;
  std::map<int64_t, std::vector<workout::HeartRateSample>> days_;
};

Error convert_workouts(const BundleView& in, const HealthIndex& index, const Options& options, const tz::Zone& zone,
                       HealthOutputs& out) {
  std::vector<Workout> workouts;
  read_workouts(in, index, workouts, out.skipped);
  if (!options.include_auto_detected) {
    const size_t before = workouts.size();
    workouts.erase(std::remove_if(workouts.begin(), workouts.end(), [](const Workout& w) { return w.ex.auto_detected(); }),
                   workouts.end());
    if (before != workouts.size())
      out.skipped.push_back({"exercise-*.json", -1,
                             std::to_string(before - workouts.size()) +
                                 " auto-detected workout(s) left out (option includeAutoDetected is false)"});
  }
  // Impossible for their sport: left out unless kept, each named with why.
  {
    std::vector<Workout> kept;
    kept.reserve(workouts.size());
    for (Workout& w : workouts) {
      const std::string why = workout::implausible(w.ex, workout::map_activity(w.ex.activity_type_id, w.ex.activity_name));
      if (why.empty()) {
        kept.push_back(std::move(w));
        continue;
      }
      const std::string what = "workout " + std::to_string(w.ex.log_id) + " (" + w.ex.activity_name + ", " +
                               fitbit::format_day(fitbit::day_of(w.ex.start_utc_ms / 1000 + zone.offset_at(w.ex.start_utc_ms / 1000))) +
                               "): " + why;
      if (options.include_implausible) {
        out.warnings.push_back(what + "; converted as the option includeImplausible asks");
        kept.push_back(std::move(w));
      } else {
        out.skipped.push_back({std::string(in.files[w.file].name), -1, what + "; left out (option includeImplausible keeps it)"});
        ++out.implausible_left_out;
      }
    }
    workouts = std::move(kept);
  }
  HeartRateDays hr_days(in, index, workouts);
  size_t auto_detected = 0;
  for (const Workout& w : workouts) {
    fitbit::TcxActivity track;
    bool has_track = false;
    std::string map_missing;  // why a workout Fitbit says had GPS has no map
    auto t = index.tcx.find(w.ex.log_id);
    if (t != index.tcx.end()) {
      const BundleFile& f = in.files[t->second];
      if (Error e = fitbit::read_tcx(f.data, track)) {
        out.skipped.push_back({std::string(f.name), -1, e.message + "; workout written without its track"});
        map_missing = "its track file could not be read (" + e.message + ")";
      } else {
        has_track = true;
        if (!track.has_gps()) map_missing = track.empty ? "its track file is empty" : "its track file has no positions";
      }
    } else {
      map_missing = "the export has no track file for it (<logId>.tcx; Fitbit often leaves them out)";
    }
    if (!w.ex.has_gps) map_missing.clear();
    std::vector<workout::HeartRateSample> hr;
    if (!has_track || !track.has_heart_rate())
      hr_days.window(w.ex.start_utc_ms / 1000, w.ex.end_utc_ms() / 1000 + 1, hr, out.skipped);
    workout::ActivityPlan plan;
    if (Error e = workout::plan_activity(w.ex, has_track ? &track : nullptr, hr, plan)) {
      out.skipped.push_back({std::string(in.files[w.file].name), -1, "workout " + std::to_string(w.ex.log_id) + ": " + e.message});
      continue;
    }
    ProducedFile pf;
    const int64_t local_start = plan.totals.start_sec + zone.offset_at(plan.totals.start_sec);
    pf.path = "activities/" + fitbit::format_day(fitbit::day_of(local_start)) + "-" + std::to_string(w.ex.log_id) + ".fit";
    pf.kind = "activity";
    pf.records = plan.records.size();
    pf.first = civil::iso_utc(plan.totals.start_sec);
    pf.last = civil::iso_utc(plan.totals.end_sec);
    pf.extra = ",\"logId\":" + std::to_string(w.ex.log_id) + ",\"activityName\":";
    json::append_string(pf.extra, w.ex.activity_name);
    pf.extra += ",\"sport\":" + std::to_string(plan.sport.sport) + ",\"subSport\":" + std::to_string(plan.sport.sub_sport) +
                ",\"sportMatchedBy\":\"" + plan.sport.matched_by + "\"" + ",\"autoDetected\":" +
                (plan.auto_detected ? "true" : "false") + ",\"gps\":" + (plan.has_gps ? "true" : "false") +
                ",\"summaryOnly\":" + (plan.summary_only ? "true" : "false");
    if (!map_missing.empty()) {
      pf.extra += ",\"mapMissing\":";
      json::append_string(pf.extra, map_missing);
    }
    if (Error e = workout::write_activity_fit(plan, zone, pf.bytes)) {
      out.skipped.push_back({std::string(in.files[w.file].name), -1, "workout " + std::to_string(w.ex.log_id) + ": " + e.message});
      continue;
    }
    if (plan.auto_detected) ++auto_detected;
    if (!map_missing.empty())
      out.missing_maps.push_back({w.ex.log_id, w.ex.activity_name, pf.path.substr(11, 10), map_missing});
    if (plan.clipped_points > 0)
      out.warnings.push_back("workout " + std::to_string(w.ex.log_id) + ": " + std::to_string(plan.clipped_points) +
                             " track point(s) outside the workout's time were left out");
    out.files.push_back(std::move(pf));
    ++out.activities;
  }
  if (!out.missing_maps.empty())
    out.warnings.push_back(std::to_string(out.missing_maps.size()) +
                           " workout(s) recorded GPS but are converted without a map (files[].mapMissing says why for each)");
  if (auto_detected > 0)
    out.warnings.push_back(std::to_string(auto_detected) +
                           " workout(s) were auto-detected by Fitbit (flagged autoDetected in files[]); "
                           "convert with includeAutoDetected=false to leave them out");
  return {};
}

Error convert_daily(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, HealthOutputs& out) {
  daily::DailySeries series;
  bool seen[daily::kMetricCount] = {};
  for (size_t fi : index.daily) {
    const BundleFile& f = in.files[fi];
    daily::Metric m;
    if (!daily::metric_of_file(f.name, m)) continue;
    int64_t skipped = 0;
    if (Error e = series.add_file(m, f.data, false, skipped)) {
      out.skipped.push_back({std::string(f.name), -1, e.message});
      continue;
    }
    seen[static_cast<int>(m)] = true;
    if (skipped) out.skipped.push_back({std::string(f.name), -1, std::to_string(skipped) + " record(s) without a readable dateTime/value"});
  }
  const auto csvs = daily::write_activities_csv(series.by_local_day(zone), daily::kDefaultRowsPerFile);
  if (csvs.empty()) return {};
  static const struct { daily::Metric m; const char* column; } kColumns[] = {
      {daily::Metric::calories, "Calories Burned"},          {daily::Metric::steps, "Steps"},
      {daily::Metric::distance_cm, "Distance"},              {daily::Metric::sedentary_minutes, "Minutes Sedentary"},
      {daily::Metric::lightly_active_minutes, "Minutes Lightly Active"},
      {daily::Metric::fairly_active_minutes, "Minutes Fairly Active"},
      {daily::Metric::very_active_minutes, "Minutes Very Active"},
  };
  std::string missing;
  for (const auto& c : kColumns)
    if (!seen[static_cast<int>(c.m)]) missing += std::string(missing.empty() ? "" : ", ") + c.column;
  if (!seen[static_cast<int>(daily::Metric::floors)] && !seen[static_cast<int>(daily::Metric::altitude_ft)])
    missing += std::string(missing.empty() ? "" : ", ") + "Floors";
  if (!missing.empty()) out.warnings.push_back("daily CSV: the export has no data for " + missing + "; written as 0");
  out.warnings.push_back("daily CSV: Activity Calories has no source in a Fitbit export; written as 0");
  for (const auto& c : csvs) {
    ProducedFile pf;
    pf.path = c.path;
    pf.kind = "daily";
    pf.records = static_cast<size_t>(c.rows);
    pf.first = iso_day(c.first_day);
    pf.last = iso_day(c.last_day);
    pf.bytes = c.text;
    out.files.push_back(std::move(pf));
    ++out.daily_files;
  }
  return {};
}

void add_table(const reference::ReferenceTable& t, const char* why, HealthOutputs& out, const std::string& source) {
  if (t.empty()) return;
  ProducedFile pf;
  pf.path = t.path;
  pf.kind = "reference";
  pf.records = t.rows.size();
  pf.first = iso_day(t.first_day);
  pf.last = iso_day(t.last_day);
  pf.bytes = t.csv();
  out.skipped.push_back({source, -1, std::string(why) + "; your data is in " + t.path});
  out.files.push_back(std::move(pf));
  ++out.reference_files;
}

std::string files_of(const char* pattern, size_t n) { return std::string(pattern) + " (" + std::to_string(n) + " file(s))"; }

Error convert_reference(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, HealthOutputs& out) {
  auto read_each = [&](const std::vector<size_t>& files, auto&& add) {
    for (size_t fi : files) {
      const BundleFile& f = in.files[fi];
      int64_t skipped = 0;
      if (Error e = add(f, skipped)) out.skipped.push_back({std::string(f.name), -1, e.message});
      else if (skipped) out.skipped.push_back({std::string(f.name), -1, std::to_string(skipped) + " record(s) not readable"});
    }
  };
  auto sleep = reference::make_sleep_table();
  read_each(index.sleep, [&](const BundleFile& f, int64_t& s) { return reference::add_sleep_file(f.data, false, sleep, s); });
  add_table(sleep, "Garmin Connect cannot import sleep", out, files_of("sleep-*.json", index.sleep.size()));

  auto rhr = reference::make_resting_hr_table();
  read_each(index.resting_hr, [&](const BundleFile& f, int64_t& s) { return reference::add_resting_hr_file(f.data, false, rhr, s); });
  add_table(rhr, "Garmin Connect cannot import resting heart rate", out, files_of("resting_heart_rate-*.json", index.resting_hr.size()));

  reference::HeartRateDays hr;
  for (const auto& kv : index.heart_rate) {
    const BundleFile& f = in.files[kv.second];
    int64_t skipped = 0;
    if (Error e = reference::add_heart_rate_file(f.data, false, zone, hr, skipped)) out.skipped.push_back({std::string(f.name), -1, e.message});
  }
  add_table(reference::heart_rate_daily_table(hr),
            "Garmin Connect cannot import heart-rate history (a per-day summary is written; workouts carry their own heart rate)",
            out, files_of("heart_rate-*.json", index.heart_rate.size()));

  // Other health data: CSVs are already readable and are handed back as they are.
  for (size_t fi : index.not_importable) {
    const BundleFile& f = in.files[fi];
    const std::string_view name = f.name;
    const size_t last = name.find_last_of('/');
    const size_t prev = last == std::string_view::npos || last == 0 ? std::string_view::npos : name.find_last_of('/', last - 1);
    const std::string_view tail = prev == std::string_view::npos ? fitbit::base_name(name) : name.substr(prev + 1);
    const bool csv = name.size() > 4 && name.substr(name.size() - 4) == ".csv";
    if (csv) {
      ProducedFile pf;
      pf.path = "reference/other/" + std::string(tail);
      pf.kind = "reference";
      pf.bytes = std::string(f.data);
      pf.records = static_cast<size_t>(std::max<std::ptrdiff_t>(0, std::count(f.data.begin(), f.data.end(), '\n') - 1));
      out.files.push_back(std::move(pf));
      ++out.reference_files;
    }
    out.skipped.push_back({std::string(name), -1,
                           std::string("Garmin Connect's import page does not take this kind of data") +
                               (csv ? "; copied to reference/other/" + std::string(tail) : "")});
  }
  return {};
}

}  // namespace

bool HealthIndex::empty() const {
  return exercise.empty() && daily.empty() && sleep.empty() && resting_hr.empty() && not_importable.empty() && tcx.empty() &&
         heart_rate.empty();
}

bool is_health_file(std::string_view path) { return fitbit::classify_health_file(path) != HealthFileKind::unknown; }

void index_health_files(const BundleView& in, HealthIndex& out) {
  std::vector<size_t> order(in.files.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return in.files[a].name < in.files[b].name; });
  for (size_t i : order) {
    const std::string_view name = in.files[i].name;
    int64_t key;
    switch (fitbit::classify_health_file(name)) {
      case HealthFileKind::exercise: out.exercise.push_back(i); break;
      case HealthFileKind::tcx:
        if (fitbit::tcx_log_id(name, key)) out.tcx.emplace(key, i);
        break;
      case HealthFileKind::daily: out.daily.push_back(i); break;
      case HealthFileKind::sleep: out.sleep.push_back(i); break;
      case HealthFileKind::resting_heart_rate: out.resting_hr.push_back(i); break;
      case HealthFileKind::heart_rate:
        if (day_in_name(name, key)) out.heart_rate.emplace(key, i);
        break;
      case HealthFileKind::not_importable: out.not_importable.push_back(i); break;
      case HealthFileKind::unknown: break;
    }
  }
}

Error convert_health(const BundleView& in, const HealthIndex& index, const Options& options, const tz::Zone& zone,
                     HealthOutputs& out) {
  if (options.wants("workouts")) {
    if (Error e = convert_workouts(in, index, options, zone, out)) return e;
  } else if (!index.exercise.empty()) {
    out.skipped.push_back({files_of("exercise-*.json", index.exercise.size()), -1, "workouts not requested (kinds)"});
  }
  if (options.wants("daily")) {
    if (Error e = convert_daily(in, index, zone, out)) return e;
  } else if (!index.daily.empty()) {
    out.skipped.push_back({files_of("per-minute and daily activity files", index.daily.size()), -1, "daily activity not requested (kinds)"});
  }
  if (options.wants("reference")) {
    if (Error e = convert_reference(in, index, zone, out)) return e;
  } else {
    const size_t n = index.sleep.size() + index.resting_hr.size() + index.heart_rate.size() + index.not_importable.size();
    if (n > 0)
      out.skipped.push_back({files_of("sleep, heart-rate and other health files", n), -1,
                             "Garmin Connect cannot import these; reference CSVs not requested (kinds)"});
  }
  return {};
}

void validate_health(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, std::string& out, SecRange& range,
                     fitbit::Problems& problems) {
  auto widen = [&](int64_t from, int64_t to) {
    if (range.empty || from - 2 * 86400 < range.from) range.from = from - 2 * 86400;
    if (range.empty || to + 2 * 86400 > range.to) range.to = to + 2 * 86400;
    range.empty = false;
  };
  if (!index.exercise.empty() || !index.tcx.empty()) {
    std::vector<Workout> workouts;
    read_workouts(in, index, workouts, problems);
    size_t auto_n = 0, gps = 0, with_tcx = 0, empty_tcx = 0, implausible = 0, gps_without_track = 0;
    for (const Workout& w : workouts) {
      auto_n += w.ex.auto_detected();
      gps += w.ex.has_gps;
      auto t = index.tcx.find(w.ex.log_id);
      bool track = false;
      if (t != index.tcx.end()) {
        ++with_tcx;
        const std::string_view d = in.files[t->second].data;
        if (d.find_first_not_of(" \t\r\n") == std::string_view::npos) ++empty_tcx;
        else track = true;
      }
      const std::string what = "workout " + std::to_string(w.ex.log_id) + " (" + w.ex.activity_name + ", " +
                               fitbit::format_day(fitbit::day_of(w.ex.start_utc_ms / 1000 + zone.offset_at(w.ex.start_utc_ms / 1000))) + ")";
      if (w.ex.has_gps && !track) {
        ++gps_without_track;
        problems.push_back({std::string(in.files[w.file].name), -1,
                            what + ": Fitbit recorded GPS but the export has no track for it; it is converted without a map"});
      }
      const std::string why = workout::implausible(w.ex, workout::map_activity(w.ex.activity_type_id, w.ex.activity_name));
      if (!why.empty()) {
        ++implausible;
        problems.push_back({std::string(in.files[w.file].name), -1,
                            what + ": " + why + "; left out unless kept (includeImplausible)"});
      }
    }
    out += ",{\"kind\":\"workouts\",\"files\":" + std::to_string(index.exercise.size()) +
           ",\"records\":" + std::to_string(workouts.size()) + ",\"autoDetected\":" + std::to_string(auto_n) +
           ",\"withGps\":" + std::to_string(gps) + ",\"tcxFiles\":" + std::to_string(index.tcx.size()) +
           ",\"tcxMatched\":" + std::to_string(with_tcx) + ",\"emptyTcx\":" + std::to_string(empty_tcx) +
           ",\"gpsWithoutTrack\":" + std::to_string(gps_without_track) + ",\"implausible\":" + std::to_string(implausible);
    if (!workouts.empty()) {
      const int64_t first = workouts.front().ex.start_utc_ms / 1000, last = workouts.back().ex.start_utc_ms / 1000;
      out += ",\"firstUtc\":\"" + civil::iso_utc(first) + "\",\"lastUtc\":\"" + civil::iso_utc(last) + "\"";
      widen(first, last + 7 * 86400);
    }
    out += std::string(",\"importable\":") + (workouts.empty() ? "false" : "true") +
           ",\"how\":\"one activity FIT file per workout (Garmin Connect > Import Data)\"}";
  }
  if (!index.daily.empty()) {
    daily::DailySeries series;
    std::string metrics;
    int64_t records = 0;
    for (size_t fi : index.daily) {
      const BundleFile& f = in.files[fi];
      daily::Metric m;
      if (!daily::metric_of_file(f.name, m)) continue;
      int64_t skipped = 0;
      if (Error e = series.add_file(m, f.data, false, skipped)) problems.push_back({std::string(f.name), -1, e.message});
      else if (skipped) problems.push_back({std::string(f.name), -1, std::to_string(skipped) + " record(s) without a readable dateTime/value"});
    }
    for (int i = 0; i < daily::kMetricCount; ++i) {
      const auto m = static_cast<daily::Metric>(i);
      if (series.records(m) == 0) continue;
      records += series.records(m);
      metrics += std::string(metrics.empty() ? "" : ",") + "\"" + daily::metric_name(m) + "\"";
    }
    const auto days = series.by_local_day(zone);
    out += ",{\"kind\":\"daily\",\"files\":" + std::to_string(index.daily.size()) + ",\"records\":" + std::to_string(records) +
           ",\"metrics\":[" + metrics + "],\"days\":" + std::to_string(days.size());
    if (!days.empty()) {
      out += ",\"firstLocal\":\"" + iso_day(days.begin()->first) + "\",\"lastLocal\":\"" + iso_day(days.rbegin()->first) + "\"";
      widen(days.begin()->first * 86400, days.rbegin()->first * 86400 + 86400);
    }
    out += std::string(",\"importable\":") + (days.empty() ? "false" : "true") +
           ",\"how\":\"Fitbit-style Activities CSV, 75 days per file (Import Data; choose metric units)\"}";
  }
  // Sleep and resting heart rate are small: counted and dated. Heart-rate days are large and
  // only counted by file (their dates come from the names); other health data likewise.
  auto table_kind = [&](const char* kind, const std::vector<size_t>& files, reference::ReferenceTable table, auto&& add,
                        const char* how) {
    if (files.empty()) return;
    for (size_t fi : files) {
      const BundleFile& f = in.files[fi];
      int64_t skipped = 0;
      if (Error e = add(f, table, skipped)) problems.push_back({std::string(f.name), -1, e.message});
      else if (skipped) problems.push_back({std::string(f.name), -1, std::to_string(skipped) + " record(s) not readable"});
    }
    out += std::string(",{\"kind\":\"") + kind + "\",\"files\":" + std::to_string(files.size()) +
           ",\"records\":" + std::to_string(table.rows.size());
    if (!table.empty())
      out += ",\"firstDay\":\"" + iso_day(table.first_day) + "\",\"lastDay\":\"" + iso_day(table.last_day) + "\"";
    out += std::string(",\"importable\":false,\"how\":\"") + how + "\"}";
  };
  table_kind("sleep", index.sleep, reference::make_sleep_table(),
             [](const BundleFile& f, reference::ReferenceTable& t, int64_t& s) { return reference::add_sleep_file(f.data, false, t, s); },
             "not importable; written to reference/sleep.csv");
  table_kind("resting_heart_rate", index.resting_hr, reference::make_resting_hr_table(),
             [](const BundleFile& f, reference::ReferenceTable& t, int64_t& s) { return reference::add_resting_hr_file(f.data, false, t, s); },
             "not importable; written to reference/resting_heart_rate.csv");
  if (!index.heart_rate.empty())
    out += ",{\"kind\":\"heart_rate\",\"files\":" + std::to_string(index.heart_rate.size()) + ",\"firstDay\":\"" +
           iso_day(index.heart_rate.begin()->first) + "\",\"lastDay\":\"" + iso_day(index.heart_rate.rbegin()->first) +
           "\",\"importable\":false,\"how\":\"not importable as history; used for workouts without their own heart rate, "
           "and summarised per day in reference/heart_rate_daily.csv\"}";
  if (!index.not_importable.empty())
    out += ",{\"kind\":\"other_health_data\",\"files\":" + std::to_string(index.not_importable.size()) +
           ",\"importable\":false,\"how\":\"not importable; CSVs copied to reference/other/\"}";
}

}  // namespace ts::convert
