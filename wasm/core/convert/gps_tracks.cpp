#include "core/convert/gps_tracks.h"

#include <algorithm>
#include <cmath>

#include "core/fitbit/export_time.h"
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

}  // namespace

void gps_files_for(const HealthIndex& index, int64_t from_sec, int64_t to_sec, std::vector<size_t>& out) {
  for (auto it = index.gps.lower_bound(fitbit::day_of(from_sec) - 1); it != index.gps.end() && it->first <= fitbit::day_of(to_sec) + 1; ++it)
    out.push_back(it->second);
}

bool gps_track(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, fitbit::TcxActivity& track,
               fitbit::Problems& problems, std::set<size_t>& reported) {
  track = fitbit::TcxActivity{};
  std::vector<size_t> files;
  gps_files_for(index, from_sec, to_sec, files);
  for (size_t fi : files) {
    fitbit::Problems found;
    if (Error e = fitbit::read_gps_points(in.files[fi].name, in.files[fi].data, from_sec, to_sec, track.points, found))
      found.push_back(fitbit::file_unread(in.files[fi].name, e.message));
    if (reported.insert(fi).second) problems.insert(problems.end(), found.begin(), found.end());
  }
  if (track.points.empty()) return false;
  std::stable_sort(track.points.begin(), track.points.end(),
                   [](const fitbit::Trackpoint& a, const fitbit::Trackpoint& b) { return a.time_ms < b.time_ms; });
  track.points.erase(std::unique(track.points.begin(), track.points.end(),
                                 [](const fitbit::Trackpoint& a, const fitbit::Trackpoint& b) { return a.time_ms == b.time_ms; }),
                     track.points.end());
  double along = 0;
  for (size_t i = 0; i < track.points.size(); ++i) {
    if (i > 0) along += metres_between(track.points[i - 1], track.points[i]);
    track.points[i].distance_m = along;
  }
  return true;
}

}  // namespace ts::convert
