// Reader for Google's list of workouts: `UserExercises_<date>.csv` (Takeout's
// `Health Fitness Data_GoogleData/`). Most of its rows are workouts exercise-*.json holds too;
// the plan converts only the rows that overlap none of them (convert/google_workouts.h). What
// real files show (docs/formats.md):
//   exercise_id,exercise_start,exercise_end,utc_offset,exercise_created,exercise_last_updated,
//   activity_name,log_type,…,tracker_total_calories,tracker_total_steps,
//   tracker_total_distance_mm,tracker_total_altitude_mm,tracker_avg_heart_rate,…,
//   manually_logged_total_calories,manually_logged_total_steps,
//   manually_logged_total_distance_mm,…,events
//   1052717397562582408,2023-03-06 08:14:25+0000,2023-03-06 08:20:33+0000,+07:00,…,Outdoor Run,TRACKER,…
//
// Terms, defined once:
//   exercise_start/_end — UTC instants, "YYYY-MM-DD HH:MM:SS+0000" (also read: a "T", "Z",
//                         "+HH:MM"). Their difference is the workout's duration; the CSV has
//                         no timer time apart from it.
//   exercise_id         — 19 digits, past 2^53, and not the JSON's logId. A row's workout is
//                         named by its start instead: its logId here is exercise_start in Unix
//                         ms (13 digits; Fitbit's logIds have 10–11), so it stays an exact
//                         JSON number and sorts with the JSON's workouts.
//   tracker_* / manually_logged_* — the device's totals, or what was typed in. A 0 (or an
//                         empty cell) is "not recorded": an auto-detected walk has every cell
//                         empty, a strength workout writes distance 0. Millimetres become metres.
//   log_type            — "TRACKER", "AUTO_DETECTED", "MOBILE_RUN", "MANUAL": read in lower
//                         case, as the JSON writes it.
// Columns are found by name, never by place: files have 33, 45 and 46 columns.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/common/json_elements.h"
#include "core/common/status.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/problem.h"
#include "core/tz/learned_zone.h"

namespace ts::fitbit {

struct GoogleExerciseFile {
  std::vector<Exercise> records;         // in file order; position = the row's number (1 = first after the header)
  std::vector<json::ByteRange> rows;     // where each record's row lies in the file, its line end included
  Problems problems;                     // rows skipped ("row 3: …"), never their values
};

// Errors (format): no header with exercise_start and exercise_end (not Google's list).
Error read_google_exercises(std::string_view path, std::string_view data, GoogleExerciseFile& out);

// One row alone: `data` the whole file (its header names the columns), `row` the range of
// the row within it (a workouts step reads just its own rows, convert/workout_records.h).
// The same per-row reading as read_google_exercises.
// Errors (format): no header, or a row read_google_exercises skips (the message says why).
Error read_google_exercise_row(std::string_view path, std::string_view data, json::ByteRange row, Exercise& out);

// The UTC offset each workout was recorded at: its row's exercise_start (UTC) and utc_offset
// ("+07:00", "-05:00", "+05:45"), the local time the tracker kept then minus UTC — the export's
// own evidence of where the person was, a workout at a time (tz/learned_zone.h). A row whose
// two cells do not read, or whose offset is no real one (off the quarter-hour grid, past
// -12:00 or +14:00), gives none; read_google_exercises names the rows it skips. Nothing for a
// file without the columns. Each is marked as a workout's (OffsetObservation::workout).
void read_google_exercise_offsets(std::string_view data, std::vector<tz::OffsetObservation>& out);

}  // namespace ts::fitbit
