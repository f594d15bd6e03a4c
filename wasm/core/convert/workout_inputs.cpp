#include "core/convert/workout_inputs.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "core/convert/gps_tracks.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/google_heart_rate_csv.h"
#include "core/fitbit/heart_rate_reader.h"
#include "core/fitbit/heart_rate_window.h"

namespace ts::convert {

std::string workout_name(const fitbit::Exercise& ex, const tz::Zone* zone) {
  const int64_t start = ex.start_utc_ms / 1000;
  // A record without a name is still named (review finding: "2023-11-27  (Fitbit id …)").
  const std::string name = (ex.activity_name.empty() ? std::string("workout") : ex.activity_name) + " (Fitbit id " +
                           std::to_string(ex.log_id) + ")";
  if (zone == nullptr) return name;
  return fitbit::format_day(fitbit::day_of(start + zone->offset_at(start))) + " " + name;
}

void read_workouts(const BundleView& in, const HealthIndex& index, std::vector<Workout>& out, fitbit::Problems& problems) {
  std::map<int64_t, size_t> seen;  // logId -> its place in `out`
  for (size_t fi : index.exercise) {
    const BundleFile& f = in.files[fi];
    fitbit::ExerciseFile file;
    if (Error e = fitbit::read_exercises(f.name, f.data, false, file)) {
      problems.push_back(fitbit::file_unread(f.name, e.message));
      continue;
    }
    problems.insert(problems.end(), file.problems.begin(), file.problems.end());
    for (fitbit::Exercise& ex : file.records) {
      const auto [it, first] = seen.emplace(ex.log_id, out.size());
      if (first) out.push_back({std::move(ex), fi});
      else if (later_copy(out[it->second].ex, ex)) out[it->second] = {std::move(ex), fi};  // as the plan chooses
    }
  }
  sort_by_start(out);
}

void sort_by_start(std::vector<Workout>& workouts) {
  const auto before = [](const Workout& a, const Workout& b) {
    return a.ex.start_utc_ms != b.ex.start_utc_ms ? a.ex.start_utc_ms < b.ex.start_utc_ms : a.ex.log_id < b.ex.log_id;
  };
  if (std::is_sorted(workouts.begin(), workouts.end(), before)) return;
  // The order sorted as indices, then each workout moved once: a Workout is a few hundred bytes
  // of strings and members, and a stable sort of ten years of them moved each ~12 times (4 % of
  // a ten-year plan's CPU in WASM).
  std::vector<uint32_t> order(workouts.size());
  std::iota(order.begin(), order.end(), uint32_t{0});
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return before(workouts[a], workouts[b]); });
  std::vector<Workout> sorted;
  sorted.reserve(workouts.size());
  for (uint32_t i : order) sorted.push_back(std::move(workouts[i]));
  workouts = std::move(sorted);
}

bool place_written_clock(fitbit::Exercise& ex, const tz::Zone& zone) {
  if (!ends_after_last_change(ex)) return false;
  const int64_t local_start_ms = zone.to_utc(ex.start_utc_ms / 1000).utc_sec * 1000 + ex.start_utc_ms % 1000;
  if (local_start_ms + ex.duration_ms - ex.last_modified_utc_ms > kWrittenClockSlackMs) return false;
  ex.start_utc_ms = local_start_ms;
  return true;
}

size_t place_written_clock_workouts(std::vector<Workout>& workouts, const tz::Zone& zone) {
  size_t placed = 0;
  for (Workout& w : workouts) placed += place_written_clock(w.ex, zone) ? 1 : 0;
  return placed;
}

void HeartRateDays::window(int64_t from, int64_t to, std::vector<workout::HeartRateSample>& out, fitbit::Problems& problems) {
  for (int64_t day = fitbit::day_of(from - kHeartRateDaySpillSec); day <= fitbit::day_of(to + kHeartRateDaySpillSec); ++day) {
    load(day, problems);
    // Taken, not copied: a reading feeds one workout only (the earliest-starting one that
    // covers it), so overlapping workouts cannot each turn the same readings into records.
    auto& samples = days_[day];
    const auto taken = std::stable_partition(samples.begin(), samples.end(),
                                             [&](const auto& s) { return s.utc_sec < from || s.utc_sec > to; });
    out.insert(out.end(), taken, samples.end());
    samples.erase(taken, samples.end());
  }
  // Google's CSVs (a day or a month a file): the window's rows after those handed out. Windows
  // come in start order, so what earlier ones took of this one is [from, the latest end so
  // far]: the rest is this window's, as a JSON day's untaken readings are.
  if (!index_.heart_rate_csv.empty()) {
    std::vector<size_t> files;
    google_day_files(index_.heart_rate_csv, index_.folder, from, to, files);
    const int64_t own_from = csv_given_to_ == INT64_MIN ? from : std::max(from, csv_given_to_ + 1);
    for (size_t fi : files) {
      const BundleFile& f = in_.files[fi];
      std::vector<fitbit::WindowReading> readings;
      fitbit::Problems unread_rows;  // not listed, as a day file's unreadable readings are not
      if (Error e = fitbit::read_google_heart_rate(f.name, f.data, own_from, to, readings, unread_rows)) {
        if (csv_unread_.insert(fi).second) problems.push_back(fitbit::file_unread(f.name, e.message));
        continue;
      }
      for (const fitbit::WindowReading& r : readings) out.push_back({r.sec, static_cast<uint8_t>(r.bpm)});
    }
    csv_given_to_ = std::max(csv_given_to_, to);
  }
  // Stable: two readings of one second keep file order (the first wins later), the same in
  // every standard library, so native and WASM outputs stay byte-identical.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.utc_sec < b.utc_sec; });
  // Days before this window's are never asked for again (workouts come in start order).
  days_.erase(days_.begin(), days_.lower_bound(fitbit::day_of(from - kHeartRateDaySpillSec)));
}

std::vector<std::pair<int64_t, int64_t>> heart_rate_day_windows(int64_t day, const std::vector<Workout>& workouts) {
  const int64_t lo = day * 86400 - kHeartRateDaySpillSec, hi = day * 86400 + 86399 + kHeartRateDaySpillSec;
  std::vector<std::pair<int64_t, int64_t>> windows;
  for (const Workout& w : workouts) {
    const int64_t s = w.ex.start_utc_ms / 1000, e = w.ex.end_utc_ms() / 1000 + 1;
    if (e >= lo && s <= hi) windows.emplace_back(std::max(s, lo), std::min(e, hi));
  }
  return windows;
}

void HeartRateDays::load(int64_t day, fitbit::Problems& problems) {
  if (days_.count(day)) return;
  std::vector<workout::HeartRateSample>& samples = days_[day];
  auto it = index_.heart_rate.find(day);
  if (it == index_.heart_rate.end()) return;
  // One parse per day, whatever the number of workouts on it. The file is named for its day,
  // but may be cut at the person's local midnight: it can hold readings up to a day's
  // largest UTC offset either side of its UTC day, and each is kept by its own second.
  const std::vector<std::pair<int64_t, int64_t>> windows = heart_rate_day_windows(day, workouts_);
  if (windows.empty()) return;
  const BundleFile& f = in_.files[it->second];
  // The windows' readings alone, found by bisection (heart_rate_window.h): a workout's hour,
  // not the person's day. A file it cannot bisect is read whole, as below; so is a piece of
  // a day (step_pieces.h), which holds every reading of the windows, in file order, whether
  // the day was in order or not.
  std::vector<fitbit::WindowReading> found;
  if (!f.whole_size && fitbit::read_heart_rate_windows(f.data, windows, found)) {
    for (const fitbit::WindowReading& r : found) samples.push_back({r.sec, static_cast<uint8_t>(r.bpm)});
    return;
  }
  // Unreadable readings are not listed: the workout shows the heart rate that could be read,
  // and ts_inspect_file counts the rest.
  fitbit::Problems unread_readings;
  const Error err = fitbit::read_heart_rate(
      f.name, f.data, false,
      [&](int64_t sec, int32_t bpm) {
        for (const auto& w : windows)
          if (sec >= w.first && sec <= w.second) {
            samples.push_back({sec, static_cast<uint8_t>(bpm)});
            return;
          }
      },
      unread_readings);
  if (err) problems.push_back(fitbit::file_unread(f.name, err.message));
}

}  // namespace ts::convert
