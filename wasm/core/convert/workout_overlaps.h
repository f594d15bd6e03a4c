// WORKOUTS THAT OVERLAP, SAID. Fitbit keeps an app's copy of a workout beside the tracker's own
// record of it (Strava's "Run", logged manual, over the tracker's "Workout" of the same
// minutes), and a walk it detected inside a longer workout: each is a workout of the export and
// each is converted, so Garmin Connect shows the same time twice, and the later-starting one
// gets none of the heart-rate files' readings (a reading feeds the earliest-starting workout
// whose window covers it: plan.cpp add_workout_steps). Nothing in a record says which copy the
// person keeps, so none is left out; a warning counts them (helper finding: a real export's 17
// Strava runs over tracker workouts, unsaid).
//
// Terms, defined once:
//   overlapping — a converted workout (workout_converted) of which at least half its time lies
//                 inside the windows of converted workouts that start before it; of workouts
//                 with the same start, every one but the longest (the first of equal ones in
//                 start order), which lies wholly inside it, and that one as above. A workout
//                 of no duration never overlaps.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/convert/plan_inputs.h"

namespace ts::convert {

// How many of p.workouts are overlapping.
size_t overlapping_workouts(const PlanInputs& p);

// The warning for `count` overlapping workouts, appended to `out` when count > 0.
void overlap_warning(size_t count, std::vector<std::string>& out);

}  // namespace ts::convert
