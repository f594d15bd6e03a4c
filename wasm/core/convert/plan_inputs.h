// What a plan is made from: the options, the sizes of files sent without their bytes, and the
// light reads (the weight side, exercise records), done once and shared by the report, the
// step list and the plan's own part.
#pragma once
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/health_index.h"
#include "core/convert/light_files.h"
#include "core/convert/options.h"
#include "core/convert/step_groups.h"
#include "core/convert/weight_plan.h"
#include "core/convert/workout_inputs.h"

namespace ts::convert {

struct PlanInputs {
  Options options;
  FileSizes sizes;
  FileTable files;          // every file classified once, and the files by name
  ExportData data;          // weight JSON, weight.csv, heights, Profile.csv; files skipped by reason
  // The unit, how the two weight sources match, the UTC offsets they show and the zone in
  // effect that follows (weight_plan.h): decided here, once, from light files, and handed to
  // every step that reads local times (steps.h: "zoneInEffect").
  WeightPlan weight;
  HealthIndex index;        // every other file, by name
  std::vector<Workout> workouts;    // every exercise record, start order (google_workouts.h: and Google's own)
  fitbit::Problems exercise_problems;
  // Workouts whose start was written in local time, placed at it (workout_inputs.h
  // place_written_clock_workouts): a warning says how many.
  size_t written_clock_workouts = 0;
  // Google's list of workouts (UserExercises_*.csv): its rows, and those only it holds,
  // which are in `workouts` (google_workouts.h).
  size_t google_rows = 0, google_only = 0;
  // Google's list rows taken as an exercise-*.json workout they overlap without starting with
  // it, each named (google_workouts.h): the manifest's skipped list holds them, the report
  // counts them ("googleListWithin") and says so once.
  fitbit::Problems google_within;
  // The option "groups": the plan is then cut into a server session's groups (step_groups.h).
  bool grouped = false;
  GroupRules groups;
};

// Errors: the options (invalid_argument / format), the zone in effect (weight_plan.h).
Error read_plan_inputs(const BundleView& in, PlanInputs& out);

// The zone every local time is read in: the zone in effect, else the options' zone, else UTC.
tz::Zone zone_for_steps(const PlanInputs& p);
// The zone local dates are told in, when one is known (the export's own offsets', else the
// options'); null for a plan made before the zone is (the page's first report): workout_name.
const tz::Zone* known_zone(const PlanInputs& p);

// Whether a workout's step converts it: auto-detected ones may be left out by the options,
// impossible ones (workout/plausibility.h) unless kept. Only those take heart-rate readings,
// and only those the report says are converted without a map.
bool workout_converted(const PlanInputs& p, const Workout& w);

// The plan's report: what ts_validate returns.
void write_plan_report(const BundleView& in, const PlanInputs& p, json::Writer& w);

}  // namespace ts::convert
