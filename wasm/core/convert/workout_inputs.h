// What an activity FIT is made from: the exercise records of every exercise file, and the
// heart rate of the days they cover (for a workout whose track has none).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/common/json_elements.h"
#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/problem.h"
#include "core/tz/transitions.h"
#include "core/workout/activity_plan.h"

namespace ts::convert {

struct Workout {
  fitbit::Exercise ex;
  size_t file;  // the exercise file it came from
  // Where its record lies in that file: the plan's reads find it (exercise_digest.h); none when
  // the scan did not, and for the steps' reads.
  std::optional<json::ByteRange> record = std::nullopt;
};

// "2023-01-06 Run (Fitbit id 53025679511)": how problems and warnings name a workout (its
// local start date in `zone`). Without a zone (a report made before the zone is known),
// "Run (Fitbit id 53025679511)": its UTC date named it a day off its file in a zone west of
// UTC, and the same warning changed its date once converted (helper finding).
std::string workout_name(const fitbit::Exercise& ex, const tz::Zone* zone);

// Every exercise record, each logId once (the copy last changed, later_copy; else the first file by
// name), in start order.
void read_workouts(const BundleView& in, const HealthIndex& index, std::vector<Workout>& out, fitbit::Problems& problems);

// Of two records of one logId (two exports given together), whether `other` is the later copy:
// last changed after `kept` (lastModified). A tie, or no lastModified, keeps the first read.
inline bool later_copy(const fitbit::Exercise& kept, const fitbit::Exercise& other) {
  return other.last_modified_utc_ms != INT64_MIN && other.last_modified_utc_ms > kept.last_modified_utc_ms;
}

// Start order: by start, then logId (the order every reader of workouts hands them on in).
void sort_by_start(std::vector<Workout>& workouts);

// A WRITTEN-CLOCK WORKOUT is a record whose startTime is the local wall clock, not UTC as
// exercise records otherwise write it: a workout logged by hand in Fitbit's phone app (a real
// export's Run, "manual" from "Fitbit for iPhone": startTime 12:45, lastModified 03:05 the same
// day, its heart rate 155 in the day file at 01:45-02:25 UTC, resting at 12:45 UTC). The
// evidence is the record's own: lastModified is UTC (a tracker's records end at or before it,
// to the second, in exports east and west of UTC alike), and no record is changed before the
// workout it records has ended. So a record that, read as UTC, ends more than
// kWrittenClockSlackMs after it was last changed, and read as the local time in `zone` does
// not, is placed at that local time. Any other record stays as written: west of UTC, or logged
// on a later day, a local start reads as possible in UTC too, and nothing in the record says
// otherwise.
// The plan and the workouts steps call it with the zone the steps run in (plan_inputs.h
// zone_for_steps), before putting workouts in start order, so both place a workout alike.
// Returns how many it placed.
inline constexpr int64_t kWrittenClockSlackMs = 5 * 60 * 1000;
size_t place_written_clock_workouts(std::vector<Workout>& workouts, const tz::Zone& zone);
// The same for one record (ts_inspect_file's workout list, which the page shows): whether it
// was placed.
bool place_written_clock(fitbit::Exercise& ex, const tz::Zone& zone);
// The first half of that evidence, which needs no zone: read as UTC, the record ends more than
// kWrittenClockSlackMs after it was last changed. ts_step_pieces, which has no zone, sends such
// a workout's heart-rate days whole (step_pieces.h): where its step will place it is not known
// there, and a piece cut around the UTC reading held none of its readings (review finding: 0
// heart-rate records through the server, 41 on the device).
inline bool ends_after_last_change(const fitbit::Exercise& ex) {
  return ex.last_modified_utc_ms != INT64_MIN && ex.end_utc_ms() - ex.last_modified_utc_ms > kWrittenClockSlackMs;
}

// The largest track file (.tcx) that may hold no trackpoint, only its activity and laps: a
// workout's step then reads Google's position and pace files of its window (gps_tracks.h), which
// the plan sends it. A lap is a few hundred bytes and a trackpoint about a hundred, so a file
// past this many bytes without a point would need hundreds of laps; one with points never
// reads Google's files, and a session's steps are not made to carry them for nothing (each
// day of positions or pace can be megabytes, sent with the step's request on the server).
// The cost: a larger file that cannot be read, or none of whose points has a time, leaves its
// workout without Google's map (its mapMissing says why; review finding).
inline constexpr uint64_t kPointlessTrackMaxBytes = 64 * 1024;

// How far a heart-rate day file may reach past the UTC day its name gives. Fitbit names a day
// file for the person's LOCAL day and may cut it at local midnight (an export's
// heart_rate-2024-05-01.json beginning "05/01/24 07:00:07" for a Pacific user), and UTC
// offsets reach 14 h either way. The generator cuts at UTC midnight; both shapes are read.
inline constexpr int64_t kHeartRateDaySpillSec = 14 * 3600;

// Heart-rate samples by the day a file is named for, loaded on first need and dropped once
// workouts moved past. A day file is ~70,000 readings: it is parsed once, keeping only the
// seconds inside the workouts that its span (its UTC day, kHeartRateDaySpillSec either side)
// touches; each reading is placed by its own second, whichever file held it.
// The windows of a heart-rate day file (named for UTC `day`) that `workouts` read: each one's
// seconds, clipped to what the file can hold (its day and kHeartRateDaySpillSec either side).
std::vector<std::pair<int64_t, int64_t>> heart_rate_day_windows(int64_t day, const std::vector<Workout>& workouts);

class HeartRateDays {
 public:
  HeartRateDays(const BundleView& in, const HealthIndex& index, const std::vector<Workout>& workouts)
      : in_(in), index_(index), workouts_(workouts) {}

  // Samples inside [from, to] (UTC seconds), from the day files that cover it (and Google's
  // heart-rate CSVs whose days meet it, gps_tracks.h google_day_files), taken out of the
  // store: each reading is handed to one window only. Windows are asked for in workout
  // start order, so a reading feeds the earliest-starting workout that covers it.
  void window(int64_t from, int64_t to, std::vector<workout::HeartRateSample>& out, fitbit::Problems& problems);

 private:
  void load(int64_t day, fitbit::Problems& problems);

  const BundleView& in_;
  const HealthIndex& index_;
  const std::vector<Workout>& workouts_;
  std::map<int64_t, std::vector<workout::HeartRateSample>> days_;
  int64_t csv_given_to_ = INT64_MIN;  // the latest second of Google's CSVs handed to a window
  std::set<size_t> csv_unread_;       // Google's CSVs said to be unreadable (once each)
};

}  // namespace ts::convert
