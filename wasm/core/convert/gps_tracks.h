// A workout's track from Google's position files (fitbit/gps_location_csv.h), for a workout
// without a <logId>.tcx of its own: Takeout exports carry none, and keep the positions of the
// workouts that recorded GPS in gps_location_YYYY-MM-DD.csv instead. The points inside the
// workout's window become its track, as a TCX's would: in time order, each second once, with
// the distance along them (what a TCX's DistanceMeters gives), so the activity has its map.
// Like heart-rate readings, a position belongs to one workout: windows start where earlier
// overlapping workouts' end (the plan's "hrFrom", steps.h).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/tcx_reader.h"

namespace ts::convert {

// Faster than any workout moves between two points (360 km/h: above a downhill skier's or a
// cyclist's record speeds), a step of the track is a jump between two places, not distance
// covered (gps_track).
inline constexpr double kMaxTrackSpeedMps = 100;

// Which days a file of one of Google's per-second kinds may hold. A file is named for the
// first day it holds: Takeout wrote one file a day (gps_location_2024-11-05.csv) and, in the
// 2026 "Google Health" export, one a month (live_pace_2026-09-01.csv, named for the 1st; helper
// finding: a walk on the 12th read no file and became summary-only). So a file named for the
// 1st of a month holds that month up to the next file of its kind in its own folder (an older
// Takeout's day files given with a 2026 export's months are another export's: helper finding,
// a day file of the 3rd cut February's month file, and five workouts lost their pace
// without a word); any other holds its day.
// Either way with a day either side: a file cut at a local midnight is within a day of its
// UTC days. A daily file named for the 1st may then be read for a later workout that month:
// a wasted read, never a lost one (the readers keep only the window's rows).
// google_file_last_day: the last such day of `file`, an entry of `days` (the index's map of
// the kind, day -> file); its first is the day before its name's.
// `folder`: HealthIndex::folder.
int64_t google_file_last_day(const std::map<int64_t, size_t>& days, std::map<int64_t, size_t>::const_iterator file,
                             const std::vector<uint32_t>& folder);

// The files of `days` whose days (above) meet a window [from_sec, to_sec] (UTC), in day order.
void google_day_files(const std::map<int64_t, size_t>& days, const std::vector<uint32_t>& folder, int64_t from_sec,
                      int64_t to_sec, std::vector<size_t>& out);

// Reads each of those files of `days` with read(name, data, found) (an Error when the file
// cannot be read at all). Rows the window could not use go into `problems` every time: they
// are this window's own (google_series_csv.h counts a bad row by the window it lies in), and
// the caller says whose. That the file cannot be read is said once per file (`reported`: the
// files already said, across a step's workouts; assembly says a file once across steps,
// gathered.h). The one loop of every reader of Google's per-second files for a window
// (positions, pace, cadence, running dynamics).
template <class Read>
void read_google_days(const BundleView& in, const std::map<int64_t, size_t>& days, const std::vector<uint32_t>& folder,
                      int64_t from_sec, int64_t to_sec,
                      fitbit::Problems& problems, std::set<size_t>& reported, Read&& read) {
  std::vector<size_t> files;
  google_day_files(days, folder, from_sec, to_sec, files);
  for (size_t fi : files) {
    fitbit::Problems found;
    if (Error e = read(in.files[fi].name, in.files[fi].data, found)) found.push_back(fitbit::file_unread(in.files[fi].name, e.message));
    const bool first = reported.insert(fi).second;
    for (fitbit::Problem& p : found)
      if (first || p.effect == fitbit::Effect::record_skipped) problems.push_back(std::move(p));
  }
}

// What a workout without a track file of its own may take its records from, for its step:
// the position files of its window, the pace files (pace_tracks.h) and, when there are any
// of those, the cadence and running-dynamics files (fitbit/google_cadence_csv.h,
// fitbit/google_running_dynamics_csv.h).
void google_track_files_for(const HealthIndex& index, int64_t from_sec, int64_t to_sec, std::vector<size_t>& out);

// The window's points from those files into `track` (replaced), or false, `track` untouched,
// when there are none.
// A file that cannot be read, or rows left out, are said in `problems` once per file
// (`reported`: the files already said, across a step's workouts).
bool gps_track(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, fitbit::TcxActivity& track,
               fitbit::Problems& problems, std::set<size_t>& reported);

// The cadence of the window's files onto those points: a point takes the reading of its own
// second, else the nearest within 2 s, as half its steps per minute (one foot, as a TCX's
// <Cadence>). Problems as gps_track says them.
void add_cadence(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec, fitbit::TcxActivity& track,
                 fitbit::Problems& problems, std::set<size_t>& reported);

// The running dynamics of the window's files onto those points: a point takes each measure's
// reading of its own second, else the nearest within kDynamicsGapSec (a watch writes one
// every 3-5 s, so every point of a stretch with readings has one; a longer gap has none).
// Problems as gps_track says them.
inline constexpr int64_t kDynamicsGapSec = 3;
void add_running_dynamics(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec,
                          fitbit::TcxActivity& track, fitbit::Problems& problems, std::set<size_t>& reported);

// Both of the above: what a track made from Google's files takes from its other files.
void add_google_readings(const BundleView& in, const HealthIndex& index, int64_t from_sec, int64_t to_sec,
                         fitbit::TcxActivity& track, fitbit::Problems& problems, std::set<size_t>& reported);

}  // namespace ts::convert
