#include "core/convert/gps_tracks.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

#include "core/common/civil_time.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/google_cadence_csv.h"
#include "core/fitbit/google_running_dynamics_csv.h"
#include "core/fitbit/gps_location_csv.h"

namespace ts::convert {

namespace {

// Great-circle distance in metres (haversine, mean Earth radius): what devices and Garmin's
// own tools use for the distance between two fixes a second apart.
double metres_between(const fitbit::Trackpoint& a, const fitbit::Trackpoint& b) {
  constexpr double kRadiusM = 6371008.8, kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat_deg - a.lat_deg) * kRad, dlon = (b.lon_deg - a.lon_deg) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat_deg * kRad) * std::cos(b.lat_deg * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

// Of readings sorted by time, the one of `sec` itself, else the nearest within `max_gap`
// seconds (the later of two as near), or nullptr.
template <class Value>
const std::pair<int64_t, Value>* nearest_reading(const std::vector<std::pair<int64_t, Value>>& readings, int64_t sec,
                                                 int64_t max_gap) {
  auto it = std::lower_bound(readings.begin(), readings.end(), sec, [](const auto& r, int64_t s) { return r.first < s; });
  const std::pair<int64_t, Value>* best = nullptr;
  if (it != readings.end() && it->first - sec <= max_gap) best = &*it;
  if (it != readings.begin() && sec - std::prev(it)->first <= max_gap && (!best || sec - std::prev(it)->first < best->first - sec))
    best = &*std::prev(it);
  return best;
}

template <class Value>
void sort_by_time(std::vector<std::pair<int64_t, Value>>& readings) {
  std::stable_sort(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

}  // namespace

int64_t google_file_last_day(const std::map<int64_t, size_t>& days, std::map<int64_t, size_t>::const_iterator file,
                             const std::vector<uint32_t>& folder) {
  const civil::DateTime named = civil::from_seconds(file->first * 86400);
  if (named.day != 1) return file->first + 1;
  const int64_t month_end = file->first + civil::days_in_month(named.year, named.month) - 1;
  // The next file of its own folder named within the month cuts it.
  const uint32_t own = file->second < folder.size() ? folder[file->second] : 0;
  auto next = std::next(file);
  while (next != days.end() && next->first <= month_end && next->second < folder.size() && folder[next->second] != own) ++next;
  return std::max(file->first, next == days.end() ? month_end : std::min(month_end, next->first - 1)) + 1;
}

void google_day_files(const std::map<int64_t, size_t>& days, const std::vector<uint32_t>& folder, int64_t from_sec,
                      int64_t to_sec, std::vector<size_t>& out) {
  const int64_t first = fitbit::day_of(from_sec), last = fitbit::day_of(to_sec);
  const auto from = days.lower_bound(first - 1);
  // Files named before the window's day before: a month's file can reach it. A month holds
  // at most 31 days, so only files named within the 32 days before can; walked back, then
  // taken in day order.
  std::vector<size_t> reaching;
  for (auto it = from; it != days.begin();) {
    --it;
    if (it->first < first - 33) break;
    if (google_file_last_day(days, it, folder) >= first) reaching.push_back(it->second);
  }
  out.insert(out.end(), reaching.rbegin(), reaching.rend());
  for (auto it = from; it != days.end() && it->first <= last + 1; ++it) out.push_back(it->second);
}

void google_track_files_for(const HealthIndex& index, int64_t from_sec, int64_t to_sec, std::vector<size_t>& out) {
  const size_t before = out.size();
  google_day_files(index.gps, index.folder, from_sec, to_sec, out);
  google_day_files(index.live_pace, index.folder, from_sec, to_sec, out);
  if (out.size() == before) return;
  google_day_files(index.cadence, index.folder, from_sec, to_sec, out);
  for (const auto& days : index.dynamics) google_day_files(days, index.folder, from_sec, to_sec, out);
}

void add_cadence(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, fitbit::TcxActivity& track,
                 fitbit::Problems& problems, std::set<size_t>& reported) {
  std::vector<std::pair<int64_t, double>> readings;
  read_google_days(in, index.cadence, index.folder, from_sec, to_sec, problems, reported, [&](auto name, auto data, auto& found) {
    return fitbit::read_google_cadence(name, data, from_sec, to_sec, readings, found);
  });
  if (readings.empty()) return;
  sort_by_time(readings);
  for (fitbit::Trackpoint& p : track.points)
    if (const auto* best = nearest_reading(readings, p.time_ms / 1000, 2)) p.cadence = static_cast<int16_t>(std::lround(best->second / 2));
}

void add_running_dynamics(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec,
                          fitbit::TcxActivity& track, fitbit::Problems& problems, std::set<size_t>& reported) {
  for (size_t m = 0; m < fitbit::kRunningDynamicCount; ++m) {
    const auto measure = static_cast<fitbit::RunningDynamic>(m);
    std::vector<std::pair<int64_t, int32_t>> readings;
    read_google_days(in, index.dynamics[m], index.folder, from_sec, to_sec, problems, reported, [&](auto name, auto data, auto& found) {
      return fitbit::read_google_running_dynamic(measure, name, data, from_sec, to_sec, readings, found);
    });
    if (readings.empty()) continue;
    sort_by_time(readings);
    for (fitbit::Trackpoint& p : track.points)
      if (const auto* best = nearest_reading(readings, p.time_ms / 1000, kDynamicsGapSec)) {
        p.dynamics.raw[m] = static_cast<uint16_t>(best->second);
        track.has_dynamics = true;
      }
  }
}

void add_google_readings(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec,
                         fitbit::TcxActivity& track, fitbit::Problems& problems, std::set<size_t>& reported) {
  add_cadence(in, index, from_sec, to_sec, track, problems, reported);
  add_running_dynamics(in, index, from_sec, to_sec, track, problems, reported);
}

bool gps_track(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, fitbit::TcxActivity& track,
               fitbit::Problems& problems, std::set<size_t>& reported) {
  std::vector<fitbit::Trackpoint> points;
  read_google_days(in, index.gps, index.folder, from_sec, to_sec, problems, reported, [&](auto name, auto data, auto& found) {
    return fitbit::read_gps_points(name, data, from_sec, to_sec, points, found);
  });
  if (points.empty()) return false;  // `track` as it was: an empty track file's laps stay
  track = fitbit::TcxActivity{};
  track.points = std::move(points);
  std::stable_sort(track.points.begin(), track.points.end(),
                   [](const fitbit::Trackpoint& a, const fitbit::Trackpoint& b) { return a.time_ms < b.time_ms; });
  track.points.erase(std::unique(track.points.begin(), track.points.end(),
                                 [](const fitbit::Trackpoint& a, const fitbit::Trackpoint& b) { return a.time_ms == b.time_ms; }),
                     track.points.end());
  // The distance along the points, but not across a jump no workout moves at (faster than
  // kMaxTrackSpeedMps between two points): Google's position files hold every fix of the day,
  // and a window can take two places apart. A real export's 10.5-hour record took positions
  // in Texas and, 7.4 hours later, in Vietnam: its record distance grew by 13,977 km there
  // (helper finding). Such a jump adds nothing; the points on either side stay.
  double along = 0;
  for (size_t i = 0; i < track.points.size(); ++i) {
    if (i > 0) {
      const double metres = metres_between(track.points[i - 1], track.points[i]);
      const double seconds = std::max<double>(1, static_cast<double>(track.points[i].time_ms - track.points[i - 1].time_ms) / 1000);
      if (metres <= kMaxTrackSpeedMps * seconds) along += metres;
    }
    track.points[i].distance_m = along;
  }
  return true;
}

}  // namespace ts::convert
