// A workouts step: the workouts the plan named (logIds), each with its track and the
// heart-rate days of its window, into one activity FIT each.
#include <algorithm>
#include <set>

#include "core/common/civil_time.h"
#include "core/common/json_text.h"
#include "core/convert/health_outputs.h"
#include "core/convert/part_json.h"
#include "core/convert/step_input.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"

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

  std::vector<ProducedFile> files;
  fitbit::Problems skipped;
  std::vector<std::string> warnings;
  size_t auto_detected = 0;
  HeartRateDays hr_days(in, index, workouts);
  for (const Workout& w : workouts) {
    fitbit::TcxActivity track;
    bool has_track = false;
    auto t = index.tcx.find(w.ex.log_id);
    if (t != index.tcx.end()) {
      const BundleFile& f = in.files[t->second];
      // Each track belongs to one workout (one logId per step), so this is its only read: it
      // may spend the input's bytes (abi.h rule 7) and is parsed in place, not copied.
      char* bytes = const_cast<char*>(f.data.data());
      if (Error e = fitbit::read_tcx_in_place(bytes, f.data.size(), track)) skipped.push_back({std::string(f.name), -1, e.message + "; workout written without its track"});
      else has_track = true;
    }
    std::vector<workout::HeartRateSample> hr;
    if (!has_track || !track.has_heart_rate()) hr_days.window(w.ex.start_utc_ms / 1000, w.ex.end_utc_ms() / 1000 + 1, hr, skipped);
    workout::ActivityPlan plan;
    if (Error e = workout::plan_activity(w.ex, has_track ? &track : nullptr, hr, plan)) {
      skipped.push_back({std::string(in.files[w.file].name), -1, "workout " + std::to_string(w.ex.log_id) + ": " + e.message});
      continue;
    }
    ProducedFile pf;
    const int64_t local_start = plan.totals.start_sec + s.zone->offset_at(plan.totals.start_sec);
    pf.path = "activities/" + fitbit::format_day(fitbit::day_of(local_start)) + "-" + std::to_string(w.ex.log_id) + ".fit";
    pf.kind = "activity";
    pf.records = plan.records.size();
    pf.first = civil::iso_utc(plan.totals.start_sec);
    pf.last = civil::iso_utc(plan.totals.end_sec);
    pf.extra = ",\"logId\":" + std::to_string(w.ex.log_id) + ",\"activityName\":";
    json::append_string(pf.extra, w.ex.activity_name);
    pf.extra += ",\"sport\":" + std::to_string(plan.sport.sport) + ",\"subSport\":" + std::to_string(plan.sport.sub_sport) +
                ",\"sportMatchedBy\":\"" + plan.sport.matched_by + "\"" + ",\"autoDetected\":" +
                (plan.auto_detected ? "true" : "false") + ",\"gps\":" + (plan.has_gps ? "true" : "false") +
                ",\"summaryOnly\":" + (plan.summary_only ? "true" : "false");
    if (Error e = workout::write_activity_fit(plan, *s.zone, pf.bytes)) {
      skipped.push_back({std::string(in.files[w.file].name), -1, "workout " + std::to_string(w.ex.log_id) + ": " + e.message});
      continue;
    }
    if (plan.auto_detected) ++auto_detected;
    if (plan.clipped_points > 0)
      warnings.push_back("workout " + std::to_string(w.ex.log_id) + ": " + std::to_string(plan.clipped_points) +
                         " track point(s) outside the workout's time were left out");
    files.push_back(std::move(pf));
  }
  std::string part;
  open_part(part, "workouts", files, skipped, warnings);
  part += ",\"autoDetected\":" + std::to_string(auto_detected) + "}";
  add_step_outputs(out, part, files);
  return {};
}

}  // namespace ts::convert
