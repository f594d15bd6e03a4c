// A workouts step: the workouts the plan named (logIds), each with its track and the
// heart-rate days of its window, into one activity FIT each.
#include <set>

#include "core/convert/part_json.h"
#include "core/convert/step_input.h"
#include "core/convert/workout_outputs.h"

namespace ts::convert {

Error workouts_step(StepInput& s, BundleWriter& out) {
  const BundleView& in = s.files;
  std::set<int64_t> wanted;
  simdjson::dom::array ids;
  if (s.step["logIds"].get_array().get(ids)) return fail(Status::invalid_argument, "option 'step' of kind workouts has no 'logIds'");
  for (simdjson::dom::element e : ids) {
    int64_t id;
    if (e.get_int64().get(id)) return fail(Status::invalid_argument, "option 'step': 'logIds' must be integers");
    wanted.insert(id);
  }
  HealthIndex index;
  index_health_files(in, index);
  std::vector<Workout> all, workouts;
  fitbit::Problems read_problems;  // the plan reported the exercise files' problems
  read_workouts(in, index, all, read_problems);
  for (Workout& w : all)
    if (wanted.count(w.ex.log_id)) workouts.push_back(std::move(w));
  if (workouts.size() != wanted.size())
    return fail(Status::invalid_argument, "option 'step': a logId is in none of the step's exercise files");
  HealthOutputs o;
  size_t auto_detected = 0;
  convert_workouts(in, index, workouts, *s.zone, o, auto_detected);
  std::string part;
  json::Writer w(part);
  open_part(w, "workouts", o);
  w.member("autoDetected", auto_detected).end();
  add_step_outputs(out, part, o.files);
  return {};
}

}  // namespace ts::convert
