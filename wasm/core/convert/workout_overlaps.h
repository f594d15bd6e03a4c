// WORKOUTS THAT OVERLAP, SAID. Fitbit keeps an app's copy of a workout beside the tracker's own
// record of it (Strava's "Run", logged manual, over the tracker's "Workout" of the same
// minutes), and a walk it detected inside a longer workout: each is a workout of the export and
// each is converted, so Garmin Connect shows the same time twice, and the later-starting one
// gets none of the heart-rate files' readings of the time it shares (a reading feeds the
// earliest-starting workout whose window covers it: plan.cpp add_workout_steps). Nothing in a
// record says which copy the person keeps, so none is left out; a warning counts them (helper
// finding: a real export's 17 Strava runs over tracker workouts, unsaid). A workout that only
// begins inside an earlier one loses those minutes' readings too, so it is counted apart
// (hunt finding: a workout a third of whose time lay inside the one before lost that third's
// heart rate, and nothing said so).
//
// Terms, defined once:
//   overlapping — a converted workout (workout_converted) of which at least half its time lies
//                 inside the windows of converted workouts that start before it; of workouts
//                 with the same start, every one but the longest (the first of equal ones in
//                 start order), which lies wholly inside it, and that one as above. A workout
//                 of no duration never overlaps.
//   sharing     — a converted workout that is not overlapping but of which at least
//                 kSharedSecMin lies inside those windows, or inside the windows of workouts of
//                 the same start listed before it (shorter ones: it is the longest), which take
//                 those readings first: less than that is two workouts recorded back to back,
//                 whose clocks disagree by seconds.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/convert/plan_inputs.h"

namespace ts::convert {

inline constexpr int64_t kSharedSecMin = 60;

// Each overlapping or sharing workout with the one it lies in (for a sharing one, shares time
// with) (the earlier workout whose window
// reaches furthest, or the longest of its start), as indices into p.workouts.
struct OverlapPair {
  size_t workout, inside;
};
// How many of each: the pairs' counts (a count kept beside them could disagree).
struct Overlaps {
  std::vector<OverlapPair> overlapping, sharing;  // in start order
};

// How many of p.workouts are overlapping, and how many sharing, and which.
Overlaps workout_overlaps(const PlanInputs& p);

// How many pairs a warning names; the rest are counted.
inline constexpr size_t kOverlapsNamed = 5;

// The warnings for `o`, appended to `out`: one per term with a count above 0, naming the first
// kOverlapsNamed pairs by date, name and Fitbit id in `zone` (helper finding: "delete the copy
// you do not want" named neither workout, and nothing in the manifest marked them).
void overlap_warnings(const PlanInputs& p, const Overlaps& o, const tz::Zone* zone, std::vector<std::string>& out);

// Google's position files hold every position of their days; a workout takes those of its own
// time (a FIT activity's map), and a file no workout lies in is named unused. What a read file
// holds outside every workout — a walk Fitbit did not keep as an exercise — goes to no file: said
// once, in the report and the manifest, when the export has such files and workouts (helper
// finding: 5,069 positions of one day outside any workout, dropped without a word because a
// morning workout read the same file).
void position_files_warning(const PlanInputs& p, std::vector<std::string>& out);

}  // namespace ts::convert
