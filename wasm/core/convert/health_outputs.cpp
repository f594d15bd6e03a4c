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

namespace ts::convert {

using fitbit::HealthFileKind;

// "heart_rate-2023-01-25.json" -> the civil day of its name.
bool day_in_name(std::string_view path, int64_t& day) {
  std::string_view b = fitbit::base_name(path);
  const size_t dash = b.find('-');
  if (dash == std::string_view::npos || b.size() < dash + 1 + 10) return false;
  return fitbit::parse_iso_date(b.substr(dash + 1, 10), day);
}

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

void HeartRateDays::window(int64_t from, int64_t to, std::vector<workout::HeartRateSample>& out, fitbit::Problems& problems) {
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

void HeartRateDays::load(int64_t day, fitbit::Problems& problems) {
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

}  // namespace ts::convert
