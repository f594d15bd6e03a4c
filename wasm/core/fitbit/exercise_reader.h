// Reader for the export's workout logs: `exercise-<n>.json` (Global Export Data, or
// Physical Activity/ in the older MyFitbitData archive). Each file is a JSON array of records
// like (docs/formats.md):
//   {"logId":53025679511,"activityName":"Walk","activityTypeId":90013,"averageHeartRate":79,
//    "calories":122,"duration":1280000,"activeDuration":1280000,"steps":1548,
//    "startTime":"01/06/23 01:08:57","elevationGain":67.056,"hasGps":false,
//    "logType":"auto_detected","distance":1.2,"distanceUnit":"Kilometer",
//    "source":{"type":"tracker","name":"Charge 5"},"heartRateZones":[…],"activityLevel":[…],
//    "tcxLink":"…"}
//
// Terms, defined once:
//   startTime      — UTC, "MM/DD/YY HH:MM:SS".
//   duration       — elapsed time in ms, start to end, pauses included.
//   activeDuration — timer time in ms (pauses excluded); absent in older exports, then equal
//                    to duration.
//   logType        — how the workout was recorded: "auto_detected" (SmartTrack noticed it),
//                    "tracker" (exercise mode on the device), "mobile_run" (phone GPS),
//                    "manual" (typed in), … Auto-detected ones are flagged, and skippable.
//
// A record without logId, startTime or duration cannot become a workout: it is skipped and
// named in `problems` by its index (never by its values).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/problem.h"

namespace ts::fitbit {

// A workout longer than a week is not a workout: such a record is skipped.
inline constexpr int64_t kMaxDurationMs = 7LL * 24 * 3600 * 1000;

struct HeartRateZone {
  std::string name;  // "Out of Range", "Fat Burn", "Cardio", "Peak"
  int32_t min_bpm = -1, max_bpm = -1;
  int32_t minutes = -1;
};

struct ActivityLevelMinutes {
  std::string name;  // "sedentary", "lightly", "fairly", "very"
  int32_t minutes = 0;
};

// Optional numbers use a negative sentinel: every quantity here is non-negative when present.
struct Exercise {
  int64_t log_id = 0;
  std::string activity_name;
  int64_t activity_type_id = -1;
  int64_t start_utc_ms = 0;
  // "lastModified", UTC like startTime (a tracker's records end at or before it, to the
  // second, in exports east and west of UTC alike); INT64_MIN when absent or unreadable.
  int64_t last_modified_utc_ms = INT64_MIN;
  int64_t duration_ms = 0;
  int64_t active_duration_ms = -1;  // absent -> use duration_ms
  int32_t calories = -1;
  int32_t steps = -1;
  int32_t average_heart_rate = -1;
  // The tracker's highest reading of the workout: Google's list only (tracker_peak_heart_rate;
  // exercise-*.json has none). The session's maximum when no record has a reading.
  int32_t peak_heart_rate = -1;
  double elevation_gain_m = -1;     // exports write metres
  double distance = -1;             // as written, in distance_unit
  std::string distance_unit;        // "Kilometer", "Mile", …
  double distance_m = -1;           // distance converted to metres (absent when unit unknown)
  double speed = -1, pace = -1;     // as written (unit per hour / seconds per unit)
  // A pool swim's pool: "poolLength": 25, "poolLengthUnit": "Meter" (real exports; a yard pool
  // is read as yards), and "swimLengths": the lengths swum. -1: not given, or in no known unit.
  double pool_length_m = -1;
  bool pool_in_yards = false;  // FIT's pool_length_unit "statute": Connect shows the pool in yards
  int32_t swim_lengths = -1;
  bool has_gps = false;
  std::string log_type;
  std::string source_type, source_name;
  std::string tcx_link;
  std::vector<HeartRateZone> heart_rate_zones;
  std::vector<ActivityLevelMinutes> activity_levels;
  // Which element of its file's array it is (read_exercises; "record <position>" in problems):
  // how the plan finds its bytes for a step (convert/workout_records.h). read_exercise_record,
  // given the bytes alone, leaves it 0.
  size_t position = 0;

  bool auto_detected() const { return log_type == "auto_detected"; }
  // An activeDuration of 0 with a duration is no recording of one (a manual log): the timer
  // ran the whole workout, as an averageHeartRate of 0 is no average (helper finding: such a
  // walk was written with a 0-second timer).
  int64_t timer_ms() const { return active_duration_ms > 0 ? active_duration_ms : duration_ms; }
  int64_t end_utc_ms() const { return start_utc_ms + duration_ms; }
};

struct ExerciseFile {
  std::vector<Exercise> records;
  // One per skipped record or dropped field. The reason names the record ("record 3: …") and
  // index stays -1, so a manifest lists it as one sentence, as ts_inspect_file does. After
  // the first 100 of a file, the rest are counted: one problem for the records skipped (its
  // `records` their count), one for the values dropped.
  Problems problems;
};

// Metres per one `unit` ("Kilometer", "Mile", "Meter", "Yard", "Foot"; singular or plural,
// any case). False for a unit we do not know: the distance is then dropped, not guessed.
bool metres_per_unit(std::string_view unit, double& out);
inline constexpr double kMetresPerYard = 0.9144;

// Parses one exercise file (`path` names it in problems). `padded` says the bytes after data+len are readable (at least
// 64 of them, simdjson's padding); otherwise the parser copies the input first.
// A file simdjson refuses is read record by record where its array still has its shape: each
// record simdjson takes on its own is kept, and the defect named (a comma after the last
// record, a file cut short, a record of bytes that are not UTF-8).
// Errors (format) only when no record can be found: the file is not a JSON array at all.
Error read_exercises(std::string_view path, std::string_view data, bool padded, ExerciseFile& out);

// One record alone, from `slice`: the bytes of one element of an exercise file's array (a
// workouts step reads just its own records, convert/workout_records.h). The same per-record
// reading as read_exercises, so a record reads the same either way; problems name it "the
// record" (the plan's whole-file read has already reported it by its index). The slice is
// copied (simdjson's padding), never read past its end.
// Errors (format): not valid JSON, not an object, or a record read_exercises skips (the
// message says why).
Error read_exercise_record(std::string_view path, std::string_view slice, Exercise& out, Problems& problems);

}  // namespace ts::fitbit
