// The workouts only Google's list holds: the rows of UserExercises_*.csv
// (fitbit/google_exercises_csv.h) that overlap no workout of exercise-*.json, added to the
// plan's workouts to be converted like them (a summary, with the heart rate of its window).
//
// Why by overlap, not by start: real exports show the same workout in both at the same second
// (278 of 303 rows in one), but also rows a few minutes off a JSON workout they lie inside (an
// auto-detected walk within a "Structured Workout"): a rule by start alone would write those
// twice. A row that overlaps none — 18 of 315 rows in that export, tracker workouts with
// calories, steps, distance and heart rate — is a workout the JSON lacks.
//
// Rows Fitbit did not list: an auto-detected row only Google's list holds, within the time
// the JSON's workouts span, shorter than the shortest auto-detected workout the JSON lists —
// of those of kAutoRecognitionMinMs or more, and at most kAutoRecognitionDefaultMs: Fitbit's
// SmartTrack keeps movements of 10 minutes at the least and 15 by default, so a broken record
// of 2 minutes says nothing, and one long walk is too few to say a setting above the default
// (review finding) — is a movement the tracker recognized but Fitbit did not keep as an
// exercise, and is not converted; one problem counts them (helper finding on a real export:
// 383 such rows, 5-14.5 minutes of "Outdoor Bike" about twice a day, were written as
// activities beside the JSON's auto-detected ones, all 15.3 minutes or more; another real
// export shows the same split). Without such a JSON workout, kAutoRecognitionMinMs. Past the
// JSON's span, or without JSON, nothing tells: the rows are converted.
//
// Overlap: the row and a JSON record (converted or not: an auto-detected one left out by the
// options is still that workout) start at the same second, or their spans [start, end) share
// time. Spans that only touch do not: in that export two rows end at the second a (broken,
// 15-hour) JSON run begins. Rows of two
// UserExercises files that start at the same second are one workout (the first file by name
// is read); so are two rows of one file.
#pragma once
#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/convert/plan_inputs.h"

namespace ts::convert {

inline constexpr int64_t kAutoRecognitionMinMs = 10 * 60 * 1000;
inline constexpr int64_t kAutoRecognitionDefaultMs = 15 * 60 * 1000;

// The rule for rows Fitbit did not list (above): fed the JSON's workouts, it says which rows
// are such. The plan and the page's workout list (ts_inspect_file) both ask it.
class UnlistedAutoRows {
 public:
  void add_json(int64_t start_ms, int64_t end_ms, bool auto_detected);
  bool unlisted(const fitbit::Exercise& row) const;
  bool json_lists_auto() const { return shortest_ != INT64_MAX; }
  int64_t shortest_ms() const { return json_lists_auto() ? std::min(shortest_, kAutoRecognitionDefaultMs) : kAutoRecognitionMinMs; }
  // Whether the JSON's shortest is past kAutoRecognitionDefaultMs, which is then the threshold.
  bool capped() const { return json_lists_auto() && shortest_ > kAutoRecognitionDefaultMs; }

 private:
  int64_t from_ = INT64_MAX, to_ = INT64_MIN, shortest_ = INT64_MAX;
};

// The overlap rule above, for a row [from, to) (UTC ms) against `json`: the JSON workouts'
// spans [start, end) in start order, none longer than fitbit::kMaxDurationMs. The page's
// workout list asks it too (ts_inspect_file "besides"), so both list the same workouts.
using WorkoutSpans = std::vector<std::pair<int64_t, int64_t>>;
bool overlaps_any(const WorkoutSpans& json, int64_t from, int64_t to);

// Adds the rows that overlap none of p.workouts (JSON, in start order) to p.workouts, each
// with its row's range (a step reads that row alone: workout_records.h), and keeps start order.
// Files it cannot read, rows it skips and the count of rows Fitbit did not list go to
// p.exercise_problems; p.google_rows and p.google_only count the rows read and the rows added.
void add_google_workouts(const BundleView& in, PlanInputs& p);

// A workouts step planned without "records" (workouts_step's whole-file read) finds the rows
// the plan added by their logIds: those of `wanted` not yet in `out` are appended, from the
// step's Google files (each logId once, the first file by name winning, as the plan read them).
void find_google_workouts(const BundleView& in, const HealthIndex& index, const std::set<int64_t>& wanted, std::vector<Workout>& out);

}  // namespace ts::convert
