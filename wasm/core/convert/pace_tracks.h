// A workout's records from Google's pace files (fitbit/google_live_pace_csv.h), for a workout
// with neither a track nor positions (gps_tracks.h): a walk on a tracker without GPS, a
// treadmill run. Takeout keeps what the tracker counted each second in live_pace_*.csv, and
// the JSON holds only the totals, so without these the activity is its heart rate alone. The
// rows of the workout's own seconds (from hrFrom on: a row feeds one workout, as a heart-rate
// reading does) become track points without positions, as a treadmill TCX's are:
//   distance — the rows' distances summed from the first, so the last point says how far the
//              workout went (Garmin integrates it; pace comes from it).
//   speed    — a row's distance over the seconds since the row before (kPaceGapSec at most:
//              after a longer gap, a pause, a row holds its own second).
//   cadence  — for sports on foot only (running, walking, hiking; steps are no bike's
//              cadence): the steps of the rows in the last kCadenceWindowSec over their
//              seconds, as half the steps per minute (one foot, as TCX and FIT count). A second
//              holds one or two steps, so a rate needs several. Google's cadence files, when
//              they cover a point, win (add_cadence), whatever the sport, as on positions.
#pragma once
#include <cstdint>
#include <set>
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/fitbit/google_live_pace_csv.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/tcx_reader.h"

namespace ts::convert {

inline constexpr int64_t kPaceGapSec = 5;
inline constexpr int64_t kCadenceWindowSec = 10;

// Rows in time order, each second once, into points as above. `cadence`: the sport is on foot.
void pace_points(const std::vector<fitbit::PaceRow>& rows, bool cadence, std::vector<fitbit::Trackpoint>& out);

// The window's rows from the pace files whose days meet it (gps_tracks.h) into `track`
// (replaced), cadence from steps for a sport on foot (`cadence`), then Google's cadence and
// running-dynamics files onto its points (for any sport, as a track's <Cadence> is kept for
// any: a file holds the readings of its days, taken where a watch wrote them); false, `track`
// untouched, when there are none.
// Problems as gps_track says them (`reported`: the files already said, across a step's
// workouts).
bool pace_track(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, bool cadence,
                fitbit::TcxActivity& track, fitbit::Problems& problems, std::set<size_t>& reported);

// FIT sports whose cadence is steps: running, walking, hiking.
bool steps_are_cadence(uint8_t fit_sport);

}  // namespace ts::convert
