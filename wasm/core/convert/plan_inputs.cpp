#include "core/convert/plan_inputs.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include "core/convert/exercise_digest.h"
#include "core/convert/google_workouts.h"
#include "core/convert/gps_tracks.h"
#include "core/fitbit/export_time.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::convert {

namespace {

// The same double to the bit (a digest keeps a distance's bits: exercise_digest.h).
bool same_bits(double a, double b) {
  uint64_t x = 0, y = 0;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  return x == y;
}

// Whether two records of one logId say the same of what the plan reads (the fields a digest
// keeps, exercise_digest.h, so a plan from digests decides the same as one from the files).
bool same_record(const fitbit::Exercise& a, const fitbit::Exercise& b) {
  return a.start_utc_ms == b.start_utc_ms && a.duration_ms == b.duration_ms && a.active_duration_ms == b.active_duration_ms &&
         a.activity_type_id == b.activity_type_id && a.activity_name == b.activity_name && a.steps == b.steps &&
         a.calories == b.calories && a.average_heart_rate == b.average_heart_rate && same_bits(a.distance_m, b.distance_m) &&
         same_bits(a.elevation_gain_m, b.elevation_gain_m) && a.has_gps == b.has_gps && a.log_type == b.log_type;
}

// Every exercise record, each logId once (the copy last changed: workout_inputs.h later_copy;
// else the first file by name), in start order, with where it lies in its file — from the
// file's bytes, or from its digest when the options name it in "digests" (exercise_digest.h:
// the same either way). A file whose copies of logIds
// are not the ones converted (the same workouts in two layouts of one export, or an edited
// copy) says so in one problem, and how many of them differ from the copy converted: nothing
// is left out in silence.
Error read_plan_workouts(const BundleView& in, simdjson::dom::element options, PlanInputs& p) {
  std::vector<bool> digested(in.files.size(), false);
  if (!in.options.empty())
    if (Error e = digested_files(in, p.index.exercise, options, digested)) return e;
  std::map<int64_t, size_t> seen;  // logId -> its record in p.workouts (in read order until the sort)
  // Per file (by its index in the bundle): the copies it holds of logIds whose converted copy
  // is another file's, and how many of them differ from that copy. Named once every file is
  // read, in name order: a later file's copy may be the one converted (later_copy), and the
  // file named is the one whose copy is not (review finding: the converted copy's file was).
  std::vector<std::pair<size_t, size_t>> dropped(in.files.size());
  for (size_t fi : p.index.exercise) {
    const BundleFile& f = in.files[fi];
    ExerciseRead r;
    if (!digested[fi]) read_exercise_file(f.name, f.data, r);
    else if (Error e = read_exercise_digest(f.name, f.data, p.sizes.of(fi, f), r)) return e;
    if (r.unread) {
      p.exercise_problems.push_back(fitbit::file_unread(f.name, r.why));
      continue;
    }
    p.exercise_problems.insert(p.exercise_problems.end(), r.file.problems.begin(), r.file.problems.end());
    for (size_t i = 0; i < r.file.records.size(); ++i) {
      const auto [it, first] = seen.emplace(r.file.records[i].log_id, p.workouts.size());
      if (first) {
        p.workouts.push_back({std::move(r.file.records[i]), fi, r.ranges[i]});
        continue;
      }
      Workout& kept = p.workouts[it->second];
      const bool differs = !same_record(kept.ex, r.file.records[i]);
      // The copy last changed is the one converted (an edit the person made between two
      // exports given together); on a tie, or without lastModified, the first by name.
      const bool later = later_copy(kept.ex, r.file.records[i]);
      auto& d = dropped[later ? kept.file : fi];
      ++d.first;
      d.second += differs ? 1 : 0;
      if (later) kept = {std::move(r.file.records[i]), fi, r.ranges[i]};
    }
  }
  for (size_t fi : p.index.exercise) {
    const auto [repeats, differing] = dropped[fi];
    if (repeats == 0) continue;
    p.exercise_problems.push_back(fitbit::not_converted(
        in.files[fi].name,
        std::to_string(repeats) + " workout record(s) repeat logIds of another exercise file, whose copy is converted (the copy last "
                                  "changed; the first by name when neither was changed later)" +
            (differing > 0 ? "; " + std::to_string(differing) +
                                 " of them differ from the copy converted (start, duration, type, name, steps, calories, heart rate, distance, elevation, GPS or log type)"
                           : std::string())));
  }
  p.written_clock_workouts = place_written_clock_workouts(p.workouts, zone_for_steps(p));
  sort_by_start(p.workouts);
  return {};
}

// Google's per-second files (positions, pace, cadence, running dynamics) are read by the
// workouts whose windows meet their days (gps_tracks.h google_day_files); one no workout's
// days meet is converted by no step, and is named, as a track no workout names is (helper
// finding: a monthly pace file no workout read was named nowhere). Workouts are in start
// order; with each the latest last day of those up to it, a file's days [first, last] meet
// one iff the latest of the workouts starting by its last day ends on or after its first.
void name_unused_google_tracks(const BundleView& in, PlanInputs& p) {
  std::vector<int64_t> starts, reach;
  for (const Workout& w : p.workouts) {
    starts.push_back(fitbit::day_of(w.ex.start_utc_ms / 1000));
    const int64_t last = fitbit::day_of(w.ex.end_utc_ms() / 1000 + 1);  // the window's end, as the plan's steps take it
    reach.push_back(reach.empty() ? last : std::max(reach.back(), last));
  }
  auto name_unused = [&](const std::map<int64_t, size_t>& days) {
    for (auto it = days.begin(); it != days.end(); ++it) {
      const int64_t first = it->first - 1, last = google_file_last_day(days, it, p.index.folder);
      const size_t n = std::upper_bound(starts.begin(), starts.end(), last) - starts.begin();
      if (n == 0 || reach[n - 1] < first) p.data.skipped.add(fitbit::SkipReason::unused_google_track, in.files[it->second].name);
    }
  };
  name_unused(p.index.gps);
  name_unused(p.index.live_pace);
  name_unused(p.index.cadence);
  for (const auto& days : p.index.dynamics) name_unused(days);
}

}  // namespace

Error read_plan_inputs(const BundleView& in, PlanInputs& out) {
  // The options are parsed once: a ten-year plan's are ~170 KB, most of it "sizes".
  simdjson::dom::parser parser;
  simdjson::dom::element options;  // read only when there are options
  if (!in.options.empty() && parser.parse(in.options.data(), in.options.size(), true).get(options))
    return fail(Status::format, "options are not a JSON object");
  if (!in.options.empty()) {
    if (Error e = parse_options(options, out.options)) return e;
    if (Error e = FileSizes::read(options, in.files.size(), out.sizes)) return e;
    if (Error e = read_group_rules(options, out.groups, out.grouped)) return e;
  }
  out.files = FileTable::of(in, &out.sizes);
  read_export(in, out.files, out.data);
  if (Error e = analyse_weight(out.data, out.options, out.weight)) return e;
  index_health_files(in, out.files, out.index);
  if (Error e = read_plan_workouts(in, options, out)) return e;
  add_google_workouts(in, out);
  // A track no workout record names is converted by no step: named, not left in silence.
  std::set<int64_t> workouts;
  for (const Workout& w : out.workouts) workouts.insert(w.ex.log_id);
  for (const auto& [log_id, fi] : out.index.tcx)
    if (!workouts.count(log_id)) out.data.skipped.add(fitbit::SkipReason::unmatched_track, in.files[fi].name);
  name_unused_google_tracks(in, out);
  return {};
}

bool workout_converted(const PlanInputs& p, const Workout& w) {
  if (!p.options.include_auto_detected && w.ex.auto_detected()) return false;
  if (p.options.include_implausible) return true;
  return workout::implausible(w.ex, workout::map_activity(w.ex.activity_type_id, w.ex.activity_name)).empty();
}

const tz::Zone* known_zone(const PlanInputs& p) {
  if (p.weight.zone_in_effect) return &*p.weight.zone_in_effect;
  if (p.options.zone) return &*p.options.zone;
  return nullptr;
}

tz::Zone zone_for_steps(const PlanInputs& p) {
  if (const tz::Zone* known = known_zone(p)) return *known;
  tz::Zone utc;
  (void)tz::Zone::make({{0, 0}}, utc);
  return utc;
}

}  // namespace ts::convert
