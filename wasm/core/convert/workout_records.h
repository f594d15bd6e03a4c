// A workouts step's "records" (steps.h): where each of its workouts lies in the exercise file
// it came from, [path, byte offset, byte length], one per entry of its "logIds". The plan
// finds them (it reads every exercise file anyway); the step then parses those bytes only, a
// few hundred per workout, instead of its whole exercise file (~100 records, 120+ KB: half a
// workout step's CPU, measured), after checking them against the file it was sent.
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/json_elements.h"
#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/convert/workout_inputs.h"
#include "simdjson.h"

namespace ts::convert {

// How the plan cuts workouts into steps (plan.cpp add_workout_steps), which a workouts step
// holds any step it is sent to (step_workouts.cpp): a workout with files beyond its exercise
// file (a track, Google's position, pace, cadence or running-dynamics days, heart-rate days)
// has a step of its own, and a step of workouts that read nothing else holds up to
// kWorkoutsPerLightStep of them. A step of many workouts with such files read each file once
// per workout: one request the estimate put at 11.8 ms (one 2 MiB position file, 1,000
// crafted workouts) took 2.3 s of CPU (attack finding).
inline constexpr size_t kWorkoutsPerLightStep = 50;

// The plan's side: writes the member "records": [[path, offset, length], …] for `workouts` (a
// step's, in the order of its "logIds"), from where the plan's read of each exercise file found
// them (Workout::record). Writes nothing when one of them has no range — which a file simdjson
// read cannot cause — and the step then reads its whole exercise files, as a step planned
// before records did.
void write_record_ranges(json::Writer& w, const BundleView& in, const std::vector<const Workout*>& workouts);

// The step's side: its workouts from their records' bytes — `ids` (its "logIds") and
// `records` (its "records") — in start order, each with the exercise file it came from (an
// index into `in`). Each range must lie inside one of the step's exercise files and hold the
// record of the logId it is listed for. A range in one of Google's UserExercises_*.csv files
// is one row of it (google_workouts.h), read with the file's header.
// Errors (invalid_argument): "records" not one [path, offset, length] per logId, a logId
// listed twice, or a range that does not match the step's files (named, with the entry).
Error read_workout_records(const BundleView& in, const HealthIndex& index, const std::vector<int64_t>& ids,
                           simdjson::dom::element records, std::vector<Workout>& out);

}  // namespace ts::convert
