// Reader for a workout's GPS track: `Activities/<logId>.tcx` (Training Center XML, Garmin's
// schema, as Fitbit writes it). Only what a FIT activity needs is kept:
//   Activity@Sport, Id, Lap (StartTime, TotalTimeSeconds, DistanceMeters, Calories) and every
//   Trackpoint: Time, Position (LatitudeDegrees/LongitudeDegrees), AltitudeMeters,
//   DistanceMeters, HeartRateBpm/Value, Cadence (or the TPX extension's RunCadence), and the
//   extension's Speed.
//   A <MultiSportSession> (Garmin's multisport files) is read too: the <Activity> of each
//   <FirstSport> and <NextSport>, and a <NextSport>'s <Transition> (a lap between two sports)
//   as an activity of one lap; before, its points were left out with no word.
// Elements are matched by local name, so any namespace prefix ("ns3:TPX") works.
//
// Terms, defined once:
//   segment — the points of one <Track>, or of the first tracks of consecutive laps. A device
//             starts a new Track in the lap after a pause, and each lap (an auto-split, not a
//             pause) in a Track of its own; so the first point of a Track that follows
//             another in the same lap is marked `segment_start`, and so is the first point of
//             a second <Activity> or of a <Transition> (every one is read; the first
//             <Activity> in the document names the sport and Id).
//
// What real files do and how it is handled:
//   - empty file (0 bytes or only whitespace): normal for workouts without GPS; `empty` is
//     set and no error is returned.
//   - points out of order: sorted by time (stable); a point repeating an earlier time is
//     dropped (the first one wins) and counted.
//   - a point without a readable Time: dropped and counted.
//   - missing altitude / heart rate / cadence / position: that value is absent (NaN or -1),
//     never invented.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/running_dynamics.h"

namespace ts::fitbit {

struct Trackpoint {
  int64_t time_ms = 0;  // UTC
  double lat_deg = NAN, lon_deg = NAN;
  // Doubles, as written: a float held 40.1 m as 40.099998, one raw unit (0.2 m) short once
  // scaled into the FIT record (helper finding against formats.md's rounding rule).
  double altitude_m = NAN;
  double distance_m = NAN;  // cumulative from the start
  double speed_mps = NAN;
  int16_t heart_rate = -1;  // bpm
  int16_t cadence = -1;     // rpm (steps per minute per foot for running, as TCX writes it)
  RunningDynamics dynamics;  // a Takeout run's, from Google's files (google_running_dynamics_csv.h); a TCX has none
  bool segment_start = false;

  bool has_position() const { return !std::isnan(lat_deg) && !std::isnan(lon_deg); }
};

struct TcxLap {
  int64_t start_ms = -1;
  double total_time_s = -1, distance_m = -1;
  int32_t calories = -1;
};

struct TcxActivity {
  bool empty = false;          // the file had no content at all
  std::string sport;           // Activity@Sport: "Running", "Biking", "Other"
  int64_t id_ms = -1;          // Activity/Id, a start time
  std::vector<TcxLap> laps;
  std::vector<Trackpoint> points;  // ascending, unique times
  int32_t dropped_no_time = 0;    // also reported as problems
  int32_t dropped_duplicate = 0;
  bool reordered = false;
  bool has_dynamics = false;  // a point has running dynamics (set by their reader, never by a TCX)

  bool has_gps() const;
  bool has_heart_rate() const;
};

// Parses one TCX file; dropped points are counted in problems of `path`. Errors: format when
// the bytes are not well-formed XML or not a TCX document. No tree is built: the document is
// read token by token (xml_tokens.h), and a track's trackpoints along the layout of the one
// before (tcx_point_layout.h); the bytes are only read.
Error read_tcx(std::string_view path, std::string_view data, TcxActivity& out, Problems& problems);

// What read_tcx does once the points are read, in document order: a later activity's
// distances carried on, points ordered by time and repeated times dropped, the dropped points
// counted in problems. `activity_starts`: where each <Activity>'s points begin in out.points.
// Apart so that the tree reader the tests hold this one to (wasm/fuzz/tcx_dom_reader.h) ends
// the same way.
void finish_track(std::string_view path, const std::vector<size_t>& activity_starts, TcxActivity& out, Problems& problems);

}  // namespace ts::fitbit
