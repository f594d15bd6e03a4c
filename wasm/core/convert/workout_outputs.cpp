#include "core/convert/workout_outputs.h"

#include "core/common/civil_time.h"
#include "core/common/json_writer.h"
#include "core/convert/workout_inputs.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"

namespace ts::convert {

namespace {

// The manifest entry of one activity FIT, without its bytes.
ProducedFile activity_entry(const Workout& w, const workout::ActivityPlan& plan, const tz::Zone& zone) {
  ProducedFile pf;
  const int64_t local_start = plan.totals.start_sec + zone.offset_at(plan.totals.start_sec);
  pf.path = "activities/" + fitbit::format_day(fitbit::day_of(local_start)) + "-" + std::to_string(w.ex.log_id) + ".fit";
  pf.kind = "activity";
  pf.records = plan.records.size();
  pf.first = civil::iso_utc(plan.totals.start_sec);
  pf.last = civil::iso_utc(plan.totals.end_sec);
  json::Writer::into_members(pf.extra)
      .member("logId", w.ex.log_id)
      .member("activityName", w.ex.activity_name)
      .member("sport", plan.sport.sport)
      .member("subSport", plan.sport.sub_sport)
      .member("sportMatchedBy", plan.sport.matched_by)
      .member("autoDetected", plan.auto_detected)
      .member("gps", plan.has_gps)
      .member("summaryOnly", plan.summary_only);
  return pf;
}

}  // namespace

void convert_workouts(const BundleView& in, const HealthIndex& index, const std::vector<Workout>& workouts, const tz::Zone& zone,
                      HealthOutputs& out, size_t& auto_detected) {
  HeartRateDays hr_days(in, index, workouts);
  for (const Workout& w : workouts) {
    fitbit::TcxActivity track;
    bool has_track = false;
    auto t = index.tcx.find(w.ex.log_id);
    if (t != index.tcx.end()) {
      const BundleFile& f = in.files[t->second];
      // Points a track could not use are not listed: ts_inspect_file counts them.
      fitbit::Problems dropped_points;
      // A track belongs to one workout (a step's logIds are distinct), so this is its only
      // read: it spends the input's bytes (abi.h rule 7), parsed in place rather than copied.
      char* bytes = const_cast<char*>(f.data.data());
      if (Error e = fitbit::read_tcx_in_place(f.name, bytes, f.data.size(), track, dropped_points))
        out.skipped.push_back(fitbit::file_unread(f.name, e.message + "; workout written without its track"));
      else has_track = true;
    }
    std::vector<workout::HeartRateSample> hr;
    if (!has_track || !track.has_heart_rate())
      hr_days.window(w.ex.start_utc_ms / 1000, w.ex.end_utc_ms() / 1000 + 1, hr, out.skipped);
    workout::ActivityPlan plan;
    Error e = workout::plan_activity(w.ex, has_track ? &track : nullptr, hr, plan);
    ProducedFile pf;
    if (!e) {
      pf = activity_entry(w, plan, zone);
      e = workout::write_activity_fit(plan, zone, pf.bytes);
    }
    if (e) {
      out.skipped.push_back(
          fitbit::record_skipped(in.files[w.file].name, -1, "workout " + std::to_string(w.ex.log_id) + ": " + e.message));
      continue;
    }
    if (plan.auto_detected) ++auto_detected;
    if (plan.clipped_points > 0)
      out.warnings.push_back("workout " + std::to_string(w.ex.log_id) + ": " + std::to_string(plan.clipped_points) +
                             " track point(s) outside the workout's time were left out");
    out.files.push_back(std::move(pf));
  }
}

}  // namespace ts::convert
