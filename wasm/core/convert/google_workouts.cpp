#include "core/convert/google_workouts.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/common/civil_time.h"
#include "core/fitbit/google_exercises_csv.h"

namespace ts::convert {

namespace {

// The first span of `json` (in start order) that starts at or after t.
WorkoutSpans::const_iterator starting_from(const WorkoutSpans& json, int64_t t) {
  return std::lower_bound(json.begin(), json.end(), t, [](const std::pair<int64_t, int64_t>& e, int64_t v) { return e.first < v; });
}

// The first of `json` the row [from, to) overlaps (the rule in google_workouts.h), or none.
WorkoutSpans::const_iterator first_overlap(const WorkoutSpans& json, int64_t from, int64_t to) {
  auto it = starting_from(json, from - fitbit::kMaxDurationMs);
  for (; it != json.end() && it->first <= to; ++it)
    if (it->first == from || (it->first < to && from < it->second)) return it;
  return json.end();
}

// A workout of exercise-*.json as the other warnings name it (workout_name), without its day:
// the zone that dates it is not decided yet when the list is read, and the row's own UTC time
// is said beside it.
std::string listed_name(const fitbit::Exercise& ex) {
  return (ex.activity_name.empty() ? "the " : "") + workout_name(ex, nullptr) + " of exercise-*.json";
}

// What of a list row lies outside the workout it was taken as, when a minute or more: that
// time is converted nowhere — its positions and heart rate go to no file (helper finding: a
// 58-minute 8 km "Structured Workout" taken as a 23-minute auto-detected Run; 4,871 positions
// of 19 such rows in no file, the list said only "taken as that workout").
std::string outside_text(const fitbit::Exercise& row, const std::pair<int64_t, int64_t>& taken) {
  const int64_t before = std::max<int64_t>(0, taken.first - row.start_utc_ms);
  const int64_t after = std::max<int64_t>(0, row.end_utc_ms() - taken.second);
  if (before < 60000 && after < 60000) return "";
  std::string out = "; the row's time outside that workout (";
  if (before >= 60000) out += std::to_string(before / 60000) + " min before it began";
  if (before >= 60000 && after >= 60000) out += ", ";
  if (after >= 60000) out += std::to_string(after / 60000) + " min after it ended";
  return out + ") is not converted: its positions and heart rate there go to no file";
}

}  // namespace

bool overlaps_any(const WorkoutSpans& json, int64_t from, int64_t to) { return first_overlap(json, from, to) != json.end(); }

void UnlistedAutoRows::add_json(int64_t start_ms, int64_t end_ms, bool auto_detected) {
  from_ = std::min(from_, start_ms);
  to_ = std::max(to_, end_ms);
  if (auto_detected && end_ms - start_ms >= kAutoRecognitionMinMs) shortest_ = std::min(shortest_, end_ms - start_ms);
}

bool UnlistedAutoRows::unlisted(const fitbit::Exercise& row) const {
  return row.auto_detected() && row.start_utc_ms >= from_ && row.end_utc_ms() <= to_ && row.duration_ms < shortest_ms();
}

void add_google_workouts(const BundleView& in, PlanInputs& p) {
  if (p.index.google_exercises.empty()) return;
  WorkoutSpans json;  // p.workouts' spans, in their (start) order: json[k] is p.workouts[k]'s
  std::set<int64_t> ids;  // every logId taken, JSON and rows added
  std::set<int64_t> named;  // the starts of the rows named as taken for a JSON workout
  for (const Workout& w : p.workouts) {
    json.emplace_back(w.ex.start_utc_ms, w.ex.end_utc_ms());
    ids.insert(w.ex.log_id);
  }
  UnlistedAutoRows rule;
  for (const Workout& w : p.workouts) rule.add_json(w.ex.start_utc_ms, w.ex.end_utc_ms(), w.ex.auto_detected());
  size_t unlisted = 0;
  std::set<int64_t> unlisted_ids;  // a row copied in two files is counted once
  int64_t unlisted_from = INT64_MAX, unlisted_to = INT64_MIN;
  std::vector<Workout> added;
  for (size_t fi : p.index.google_exercises) {
    const BundleFile& f = in.files[fi];
    fitbit::GoogleExerciseFile file;
    if (Error e = fitbit::read_google_exercises(f.name, f.data, file)) {
      p.exercise_problems.push_back(fitbit::file_unread(f.name, e.message));
      continue;
    }
    p.exercise_problems.insert(p.exercise_problems.end(), file.problems.begin(), file.problems.end());
    p.google_rows += file.records.size();
    for (size_t i = 0; i < file.records.size(); ++i) {
      fitbit::Exercise& ex = file.records[i];
      const auto same = first_overlap(json, ex.start_utc_ms, ex.end_utc_ms());
      if (same != json.end()) {
        // A JSON workout at the same second is that workout; otherwise say which one the row
        // was taken as, once for the rows of one start (nothing is left out in silence: real
        // exports hold 19 and 8 such rows, mostly a walk inside a longer workout).
        const auto at = starting_from(json, ex.start_utc_ms);
        // A row at its workout's own start is said only when it runs outside it; the words are
        // built only for a row that is said (most rows are their workout's, at its second).
        const bool same_start = at != json.cend() && at->first == ex.start_utc_ms;
        const auto taken = same_start ? at : same;
        const std::string outside = outside_text(ex, *taken);
        if ((!same_start || !outside.empty()) && named.insert(ex.start_utc_ms).second) {
          const std::string row = (ex.activity_name.empty() ? std::string("a row") : "the row " + ex.activity_name) + " from " +
                                  civil::iso_utc(ex.start_utc_ms / 1000) + " (" +
                                  std::to_string((ex.end_utc_ms() - ex.start_utc_ms) / 60000) + " min)";
          const std::string as = listed_name(p.workouts[static_cast<size_t>(taken - json.cbegin())].ex);
          if (same_start)
            p.exercise_problems.push_back(fitbit::not_converted(f.name, row + " is " + as + ", which Fitbit recorded shorter: taken as that workout" + outside));
          else
            p.google_within.push_back(fitbit::not_converted(
                f.name, row + " overlaps " + as + " without starting with it: taken as that workout, not converted again" + outside));
        }
        continue;
      }
      // The same start as a row already added (another file's copy of it), or, past any real
      // history, a JSON logId: one workout.
      if (ids.count(ex.log_id)) continue;
      // A row Fitbit did not list takes no logId: a row of the same start that is a workout
      // (another file's tracker row) is still converted (review finding: the short row took
      // the start, and the workout was dropped as its copy while the page listed it).
      if (rule.unlisted(ex)) {
        if (unlisted_ids.insert(ex.log_id).second) ++unlisted;
        unlisted_from = std::min(unlisted_from, ex.start_utc_ms);
        unlisted_to = std::max(unlisted_to, ex.start_utc_ms);
        continue;
      }
      ids.insert(ex.log_id);
      added.push_back({std::move(ex), fi, file.rows[i]});
    }
  }
  if (unlisted > 0) {
    // The threshold as a person reads it: whole minutes, else to the tenth (a 12.2-minute row
    // was said to be "shorter than 12 minutes": review finding), and what it came from.
    const int64_t tenths = rule.shortest_ms() / 6000;
    const std::string minutes = std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "");
    const std::string from = !rule.json_lists_auto() ? ", the least Fitbit's SmartTrack setting keeps (15 by default)"
                             : rule.capped()        ? ", SmartTrack's default (every auto-detected workout exercise-*.json lists is longer)"
                                                    : ", the shortest auto-detected workout exercise-*.json lists";
    p.exercise_problems.push_back(fitbit::not_converted(
        "UserExercises_*.csv", std::to_string(unlisted) + " auto-detected row(s) only Google's list holds, from " +
                                   civil::iso_date(unlisted_from / 1000) + " to " + civil::iso_date(unlisted_to / 1000) +
                                   " (UTC), are shorter than " + minutes + " minutes" + from +
                                   ": movements the tracker recognized but Fitbit did not keep as exercises; not converted"));
  }
  p.google_only = added.size();
  for (Workout& w : added) p.workouts.push_back(std::move(w));
  sort_by_start(p.workouts);
}

void find_google_workouts(const BundleView& in, const HealthIndex& index, const std::set<int64_t>& wanted, std::vector<Workout>& out) {
  std::set<int64_t> found;
  for (const Workout& w : out) found.insert(w.ex.log_id);
  for (size_t fi : index.google_exercises) {
    fitbit::GoogleExerciseFile file;
    if (fitbit::read_google_exercises(in.files[fi].name, in.files[fi].data, file)) continue;  // the plan said why
    for (size_t i = 0; i < file.records.size(); ++i)
      if (wanted.count(file.records[i].log_id) && found.insert(file.records[i].log_id).second)
        out.push_back({std::move(file.records[i]), fi, file.rows[i]});
  }
}

}  // namespace ts::convert
