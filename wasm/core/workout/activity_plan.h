// One workout as an activity: everything the FIT activity file will say, computed before any
// byte is written, so the rules are testable without decoding FIT.
//
// Sources, in order of authority:
//   the exercise record — start, elapsed (duration) and timer (activeDuration) time,
//                         distance, calories, steps, average heart rate, sport. The session's
//                         totals ARE these numbers: Garmin shows what Fitbit showed.
//   the TCX track       — per-second records (position, altitude, distance, HR, cadence) and
//                         pauses (a new <Track> in a lap, or a gap longer than kPauseGapSec).
//   heart-rate samples  — from heart_rate-*.json, only when the track has no heart rate.
//
// Terms, defined once:
//   record     — one sample in time (FIT `record`).
//   timer event— FIT `event` timer start/stop: where the recording ran and where it paused.
//   summary activity — a workout without GPS and without samples: only the two boundary
//                records (start and end), a lap and a session; no invented track.
//
// Rules that hold for every plan (tests check them): records ascending; the first record at
// the start and the last at the end (start + duration, rounded up to a whole second); every
// record inside [start, end] (track points outside are clipped and counted); timer events
// alternate start/stop beginning with start and ending with stop at the end.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_types.h"

namespace ts::workout {

inline constexpr int64_t kPauseGapSec = 60;
// A plan never holds more records than this (one per second for 48 hours); longer tracks are
// thinned to one record per N seconds.
inline constexpr size_t kMaxRecords = 172800;

struct HeartRateSample {
  int64_t utc_sec;
  uint8_t bpm;
};

struct PlannedRecord {
  int64_t utc_sec = 0;
  double lat_deg = NAN, lon_deg = NAN;
  double altitude_m = NAN, distance_m = NAN, speed_mps = NAN;  // doubles: a float lost the last raw unit (0.2 m of altitude)
  int16_t heart_rate = -1, cadence = -1;
  fitbit::RunningDynamics dynamics;  // raw FIT units (fitbit/running_dynamics.h)
};

struct TimerEvent {
  int64_t utc_sec;
  bool start;  // false = stop
};

struct ActivityTotals {
  int64_t start_sec = 0, end_sec = 0;
  double elapsed_s = 0, timer_s = 0;
  double distance_m = -1;  // -1 = unknown
  int32_t calories = -1, steps = -1;
  int32_t avg_heart_rate = -1, max_heart_rate = -1;
  double ascent_m = -1;
  double pool_length_m = -1;  // a pool swim's pool (exercise_reader.h), -1 = unknown
  bool pool_in_yards = false;
  int32_t lengths = -1;  // lengths swum, -1 = unknown
  fitbit::RunningDynamics avg_dynamics;  // each measure's mean over the records that have it
};

struct ActivityPlan {
  int64_t log_id = 0;
  std::string name;  // activityName, for the FIT sport message
  SportMapping sport;
  bool auto_detected = false;
  bool has_gps = false;
  bool summary_only = false;  // no samples at all
  // Its records carry running dynamics (the track's has_dynamics): without them, no record or
  // total looks for any, a TCX workout's cost as before they were read.
  bool has_dynamics = false;
  std::vector<PlannedRecord> records;
  std::vector<TimerEvent> events;
  ActivityTotals totals;
  int32_t clipped_points = 0;  // track points outside [start, end]
};

// The last second a workout's records reach: its end, rounded up, and at least a second after
// its start (records and readings outside [start, this] are clipped). The plan's heart-rate and
// position windows end here too, so a reading the next workout does not take is this one's
// (convert/plan.cpp hrFrom).
int64_t last_record_sec(const fitbit::Exercise& ex);

// `track` may be null (no TCX) or empty; `hr` may be empty. hr must be ascending by time.
Error plan_activity(const fitbit::Exercise& ex, const fitbit::TcxActivity* track,
                    const std::vector<HeartRateSample>& hr, ActivityPlan& out);

// At most how many records plan_activity makes for `ex` from `track_points` track points and
// `hr_samples` heart-rate samples, known before it runs: one per second of the workout (at
// 1 Hz: two samples of one second keep the first), one per sample given, kMaxRecords after
// thinning — plus the two boundary records.
size_t records_bound(const fitbit::Exercise& ex, size_t track_points, size_t hr_samples);

}  // namespace ts::workout
