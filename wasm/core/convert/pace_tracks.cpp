#include "core/convert/pace_tracks.h"

#include <algorithm>
#include <cmath>

#include "core/convert/gps_tracks.h"

namespace ts::convert {

bool steps_are_cadence(uint8_t fit_sport) {
  // FIT profile type `sport`: running 1, walking 11, hiking 17.
  return fit_sport == 1 || fit_sport == 11 || fit_sport == 17;
}

void pace_points(const std::vector<fitbit::PaceRow>& rows, bool cadence, std::vector<fitbit::Trackpoint>& out) {
  out.clear();
  out.reserve(rows.size());
  std::vector<int64_t> secs(rows.size());  // the seconds each row holds
  double along = 0, window_steps = 0;
  int64_t window_secs = 0;
  size_t first = 0;  // the first row of the cadence window
  for (size_t i = 0; i < rows.size(); ++i) {
    const int64_t gap = i > 0 ? rows[i].sec - rows[i - 1].sec : 1;
    secs[i] = gap >= 1 && gap <= kPaceGapSec ? gap : 1;
    along += rows[i].distance_m;
    fitbit::Trackpoint p;
    p.time_ms = rows[i].sec * 1000;
    p.distance_m = along;
    p.speed_mps = rows[i].distance_m / static_cast<double>(secs[i]);
    if (cadence) {
      window_steps += rows[i].steps;
      window_secs += secs[i];
      for (; rows[first].sec <= rows[i].sec - kCadenceWindowSec; ++first) {
        window_steps -= rows[first].steps;
        window_secs -= secs[first];
      }
      // Steps a second × 60 / 2: one foot's steps a minute. (Whole steps add and subtract
      // exactly, so the running sum does not drift.)
      p.cadence = static_cast<int16_t>(std::min<long>(254, std::lround(window_steps * 30 / static_cast<double>(window_secs))));
    }
    out.push_back(p);
  }
}

bool pace_track(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, bool cadence,
                fitbit::TcxActivity& track, fitbit::Problems& problems, std::set<size_t>& reported) {
  std::vector<fitbit::PaceRow> rows;
  read_google_days(in, index.live_pace, index.folder, from_sec, to_sec, problems, reported, [&](auto name, auto data, auto& found) {
    return fitbit::read_google_live_pace(name, data, from_sec, to_sec, rows, found);
  });
  if (rows.empty()) return false;  // `track` as it was
  track = fitbit::TcxActivity{};
  // Files in day order, rows in file order: of two rows of one second, the first so met.
  std::stable_sort(rows.begin(), rows.end(), [](const fitbit::PaceRow& a, const fitbit::PaceRow& b) { return a.sec < b.sec; });
  rows.erase(std::unique(rows.begin(), rows.end(), [](const fitbit::PaceRow& a, const fitbit::PaceRow& b) { return a.sec == b.sec; }),
             rows.end());
  pace_points(rows, cadence, track.points);
  add_google_readings(in, index, from_sec, to_sec, track, problems, reported);
  return true;
}

}  // namespace ts::convert
