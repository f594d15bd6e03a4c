#include "core/convert/workout_outputs.h"

#include <algorithm>
#include <set>

#include "core/common/civil_time.h"
#include "core/common/json_writer.h"
#include "core/convert/gps_tracks.h"
#include "core/convert/pace_tracks.h"
#include "core/convert/workout_inputs.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::convert {

namespace {


// Workouts impossible for their sport: left out unless the options keep them, each named
// with why (workout/plausibility.h).
void flag_implausible(const BundleView& in, std::vector<Workout>& workouts, const Options& options, const tz::Zone& zone,
                      HealthOutputs& out) {
  std::vector<Workout> kept;
  kept.reserve(workouts.size());
  for (Workout& w : workouts) {
    const std::string why = workout::implausible(w.ex, workout::map_activity(w.ex.activity_type_id, w.ex.activity_name));
    if (why.empty()) {
      kept.push_back(std::move(w));
    } else if (options.include_implausible) {
      out.warnings.push_back(workout_name(w.ex, &zone) + ": " + why + "; " + workout::kKeptImplausible);
      kept.push_back(std::move(w));
    } else {
      out.skipped.push_back(fitbit::not_converted(
          in.files[w.file].name, workout_name(w.ex, &zone) + ": " + why + "; " + workout::kLeftOutImplausible));
      ++out.implausible_left_out;
    }
  }
  workouts = std::move(kept);
}

// Why a workout Fitbit says had GPS has no map, or "" when it has one (or never had GPS).
// `positions`: the export has Google's position files (gps_tracks.h), none with its time;
// `overlapped`: an earlier workout's window covers its start (its positions begin at hrFrom).
std::string map_missing(const fitbit::Exercise& ex, bool has_track, const fitbit::TcxActivity& track,
                        const std::string& unreadable, bool positions, bool overlapped) {
  if (!ex.has_gps) return {};
  // The file's own name, which a person can look for in the export ("<logId>.tcx" named the
  // API's field; helper finding).
  const std::string tcx = std::to_string(ex.log_id) + ".tcx";
  if (!unreadable.empty() && !track.has_gps()) return "its track file could not be read (" + unreadable + ")";
  if (!has_track && positions && overlapped)
    return "the export has no track file for it (" + tcx + "), and the positions of its time in gps_location_*.csv "
           "went to an earlier workout that overlaps it (a position feeds one workout, the one that starts first)";
  if (!has_track)
    return positions ? "the export has no track file for it (" + tcx + ") and no positions in its time in gps_location_*.csv"
                     : "the export holds no track for it: neither its track file (" + tcx +
                           ") nor any of Google's position files (gps_location_*.csv)";
  // Points without a time TrackerSync can read are dropped (tcx_reader.h): a file whose every
  // point is so (times in CDATA sections, say) has positions, and saying it has none misled.
  if (!track.has_gps() && track.points.empty() && track.dropped_no_time > 0)
    return "its track file's " + std::to_string(track.dropped_no_time) + " point(s) have no time TrackerSync can read";
  if (!track.has_gps()) return track.empty ? "its track file is empty" : "its track file has no positions";
  return {};
}

// The manifest entry of one activity FIT, without its bytes.
ProducedFile activity_entry(const Workout& w, const workout::ActivityPlan& plan, const tz::Zone& zone,
                            const std::string& no_map) {
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
  if (!no_map.empty()) json::Writer::into_members(pf.extra).member("mapMissing", no_map);
  return pf;
}

}  // namespace

Error convert_workouts(const BundleView& in, const HealthIndex& index, std::vector<Workout> workouts, const Options& options,
                       const tz::Zone& zone, int64_t hr_from, OutputBudget& budget, HealthOutputs& out, size_t& auto_detected) {
  flag_implausible(in, workouts, options, zone, out);
  // One file and one manifest entry per workout, taken from the budget before any is made.
  uint64_t entries = 0;
  for (const Workout& w : workouts) entries += kManifestEntryBytes + w.ex.activity_name.size();
  if (Error e = budget.reserve(workouts.size(), entries, std::to_string(workouts.size()) + " workouts", kLeaveOutWorkouts))
    return e;
  HeartRateDays hr_days(in, index, workouts);
  std::set<size_t> gps_reported;  // position files whose problems were said
  for (const Workout& w : workouts) {
    fitbit::TcxActivity track;
    bool has_track = false;
    std::string unreadable;
    auto t = index.tcx.find(w.ex.log_id);
    if (t != index.tcx.end()) {
      const BundleFile& f = in.files[t->second];
      // Points a track could not use are not listed: ts_inspect_file counts them.
      fitbit::Problems dropped_points;
      if (Error e = fitbit::read_tcx(f.name, f.data, track, dropped_points)) {
        out.skipped.push_back(fitbit::file_unread(f.name, e.message + "; workout written without its track"));
        unreadable = e.message;
      } else {
        has_track = true;
      }
    }
    // Google's positions, for a workout without a track of its own (Takeout has no .tcx): those
    // of its own seconds (activity_plan.h's start and end, from hrFrom on), no point to clip.
    const int64_t start_sec = w.ex.start_utc_ms / 1000, end_sec = std::max(start_sec + 1, (w.ex.end_utc_ms() + 999) / 1000);
    const int64_t own_from = std::max(hr_from, start_sec);
    // What Google's files could not give this window, said as this workout's (rows of one
    // file left out in two workouts' windows are two counts, not one said twice).
    fitbit::Problems google;
    if (!index.gps.empty() && (!has_track || track.points.empty()) &&
        gps_track(in, index, own_from, end_sec, track, google, gps_reported)) {
      has_track = true;
      add_google_readings(in, index, own_from, end_sec, track, google, gps_reported);
    }
    const std::string no_map = map_missing(w.ex, has_track, track, unreadable, !index.gps.empty(), hr_from > start_sec);
    // Without positions either, Google's pace files: records of distance, speed and cadence
    // (no map: what mapMissing says above stays true).
    if (!index.live_pace.empty() && (!has_track || track.points.empty())) {
      // Steps make a cadence for a sport on foot only (a cadence file's readings, as a track's
      // <Cadence>, go on any sport's points).
      const bool on_foot = steps_are_cadence(workout::map_activity(w.ex.activity_type_id, w.ex.activity_name).sport);
      if (pace_track(in, index, own_from, end_sec, on_foot, track, google, gps_reported)) has_track = true;
    }
    for (fitbit::Problem& p : google) {
      if (p.effect == fitbit::Effect::record_skipped) p.reason = workout_name(w.ex, &zone) + ": " + p.reason;
      out.skipped.push_back(std::move(p));
    }
    std::vector<workout::HeartRateSample> hr;
    if (!has_track || !track.has_heart_rate())
      hr_days.window(std::max(hr_from, w.ex.start_utc_ms / 1000), w.ex.end_utc_ms() / 1000 + 1, hr, out.skipped);
    // The FIT's bound, before the plan is made: at most one record per second of the workout
    // and per sample it was given (each reading feeds one workout).
    const uint64_t bound =
        workout::activity_fit_bytes_bound(workout::records_bound(w.ex, has_track ? track.points.size() : 0, hr.size()));
    if (Error e = budget.reserve(0, bound, workout_name(w.ex, &zone) + " and those before it", kLeaveOutWorkouts))
      return e;
    workout::ActivityPlan plan;
    Error e = workout::plan_activity(w.ex, has_track ? &track : nullptr, hr, plan);
    ProducedFile pf;
    if (!e) {
      pf = activity_entry(w, plan, zone, no_map);
      e = workout::write_activity_fit(plan, zone, pf.bytes);
    }
    budget.settle(bound, e ? 0 : pf.bytes.size());
    if (e) {
      out.skipped.push_back(
          fitbit::record_skipped(in.files[w.file].name, -1, workout_name(w.ex, &zone) + ": " + e.message));
      continue;
    }
    if (plan.auto_detected) ++auto_detected;
    if (!no_map.empty()) out.missing_maps.push_back({w.ex.log_id, w.ex.activity_name, pf.path.substr(11, 10), no_map});
    if (plan.clipped_points > 0)
      out.warnings.push_back(workout_name(w.ex, &zone) + ": " + std::to_string(plan.clipped_points) +
                             " track point(s) outside the workout's time were left out");
    out.files.push_back(std::move(pf));
  }
  return {};
}

}  // namespace ts::convert
