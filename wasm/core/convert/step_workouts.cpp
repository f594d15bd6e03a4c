// A workouts step: the workouts the plan named (logIds), each with its track and the
// heart-rate days of its window, into one activity FIT each. Each workout is judged on its
// own — impossible for its sport (left out unless kept, with why), recorded GPS but no map —
// so the verdicts are the same however the plan grouped workouts into steps.
#include <set>

#include "core/convert/google_workouts.h"
#include "core/convert/output_budget.h"
#include "core/convert/part_json.h"
#include "core/convert/step_input.h"
#include "core/convert/workout_outputs.h"
#include "core/convert/workout_records.h"

namespace ts::convert {

Error workouts_of_step(const BundleView& in, const HealthIndex& index, simdjson::dom::element step, std::vector<Workout>& workouts) {
  std::vector<int64_t> ids;
  simdjson::dom::array listed;
  if (step["logIds"].get_array().get(listed)) return fail(Status::invalid_argument, "option 'step' of kind workouts has no 'logIds'");
  for (simdjson::dom::element e : listed) {
    int64_t id;
    if (e.get_int64().get(id)) return fail(Status::invalid_argument, "option 'step': 'logIds' must be integers");
    ids.push_back(id);
  }
  // As the plan cuts them (workout_records.h kWorkoutsPerLightStep).
  const bool other_files = in.files.size() > index.exercise.size() + index.google_exercises.size();
  if (other_files && ids.size() > 1)
    return fail(Status::invalid_argument,
                "option 'step': a workouts step with files other than exercise files (a track, position, pace or heart-rate "
                "days) converts one workout; give each such workout a step of its own, as the plan does");
  if (ids.size() > kWorkoutsPerLightStep)
    return fail(Status::invalid_argument, "option 'step': a workouts step converts at most " + std::to_string(kWorkoutsPerLightStep) +
                                              " workouts; cut the logIds into more steps, as the plan does");
  simdjson::dom::element records;
  if (!step["records"].get(records)) return read_workout_records(in, index, ids, records, workouts);
  // A step without "records" was planned before plans wrote them: conversion sessions keep
  // their plan (D1) across a deploy, so such a step may still arrive. It converts the same,
  // from its whole exercise files (each logId once, the first file by name winning, as the
  // plan read them), only slower.
  const std::set<int64_t> wanted(ids.begin(), ids.end());
  std::vector<Workout> all;
  fitbit::Problems read_problems;  // the plan reported the exercise files' problems
  read_workouts(in, index, all, read_problems);
  for (Workout& w : all)
    if (wanted.count(w.ex.log_id)) workouts.push_back(std::move(w));
  if (workouts.size() < wanted.size()) {
    find_google_workouts(in, index, wanted, workouts);
    sort_by_start(workouts);
  }
  if (workouts.size() != wanted.size())
    return fail(Status::invalid_argument, "option 'step': a logId is in none of the step's exercise files");
  return {};
}

Error workouts_step(StepInput& s, BundleWriter& out) {
  const BundleView& in = s.files;
  HealthIndex index;
  index_health_files(in, index);
  std::vector<Workout> workouts;
  if (Error e = workouts_of_step(in, index, s.step, workouts)) return e;
  // Placed as the plan placed them, in the zone the plan gave the steps (workout_inputs.h).
  if (place_written_clock_workouts(workouts, *s.zone) > 0) sort_by_start(workouts);
  HealthOutputs o;
  size_t auto_detected = 0;
  OutputBudget budget = OutputBudget::for_bundle(in);  // this step's own files (output_budget.h)
  const int64_t hr_from = step_int_or(s, "hrFrom", INT64_MIN);  // the plan's: where earlier windows end
  if (Error e = convert_workouts(in, index, std::move(workouts), *s.options, *s.zone, hr_from, budget, o, auto_detected)) return e;
  std::string part;
  json::Writer w(part);
  open_part(w, "workouts", o);
  w.member("autoDetected", auto_detected).member("implausibleLeftOut", o.implausible_left_out).key("missingMaps").array();
  // "2023-01-06 Run (Fitbit id 53025679511): the export has no track file for it …": as the
  // import steps list them. The id tells two workouts of a day and a name apart; "logId" was
  // the API's word for it (helper finding).
  for (const MissingMap& m : o.missing_maps)
    w.value(m.local_date + " " + m.activity_name + " (Fitbit id " + std::to_string(m.log_id) + "): " + m.reason);
  w.end().end();
  add_step_outputs(out, part, o.files);
  return {};
}

}  // namespace ts::convert
