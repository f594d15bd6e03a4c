// ts_plan: the report, the list of bounded steps, and the plan's own part, from file names,
// sizes and the light files only.
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/common/json_writer.h"
#include "core/convert/health_outputs.h"
#include "core/convert/plan_inputs.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/report_json.h"
#include "core/convert/steps.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"

namespace ts::convert {

namespace {

// Workouts without a track or heart-rate file are small (one exercise file, summary records):
// up to this many share a step.
constexpr size_t kWorkoutsPerLightStep = 50;

struct Step {
  std::string kind;
  std::vector<size_t> files;
  std::string extra;  // kind-specific members, written by json::Writer::into_members
};

void add_workout_steps(const PlanInputs& p, std::vector<Step>& steps) {
  Step light{"workouts", {}, ""};
  std::vector<int64_t> light_ids;
  auto push = [&](Step& s, const std::vector<int64_t>& ids) {
    json::Writer w = json::Writer::into_members(s.extra);
    w.key("logIds").array();
    for (int64_t id : ids) w.value(id);
    w.end();
    steps.push_back(std::move(s));
  };
  auto flush_light = [&]() {
    if (light_ids.empty()) return;
    push(light, light_ids);
    light = Step{"workouts", {}, ""};
    light_ids.clear();
  };
  for (const Workout& w : p.workouts) {
    if (!p.options.include_auto_detected && w.ex.auto_detected()) continue;
    Step s{"workouts", {w.file}, ""};
    auto t = p.index.tcx.find(w.ex.log_id);
    if (t != p.index.tcx.end()) s.files.push_back(t->second);
    // The heart-rate day files its window touches: read by the step only when the track has
    // no heart rate of its own (which only the step, reading the track, can tell).
    const int64_t from = w.ex.start_utc_ms / 1000, to = w.ex.end_utc_ms() / 1000 + 1;
    for (int64_t day = fitbit::day_of(from); day <= fitbit::day_of(to); ++day) {
      auto h = p.index.heart_rate.find(day);
      if (h != p.index.heart_rate.end()) s.files.push_back(h->second);
    }
    if (s.files.size() > 1) {
      flush_light();
      push(s, {w.ex.log_id});
      continue;
    }
    if (std::find(light.files.begin(), light.files.end(), w.file) == light.files.end()) light.files.push_back(w.file);
    light_ids.push_back(w.ex.log_id);
    if (light_ids.size() >= kWorkoutsPerLightStep) flush_light();
  }
  flush_light();
}

// Per-minute and daily files: one step per metric and name day (usually one 30-day file).
// Each step counts the records from its name day up to the next step's of the same metric, so
// a minute two overlapping files both hold is counted once, by one step.
void add_daily_steps(const BundleView& in, const PlanInputs& p, std::vector<Step>& steps) {
  constexpr int64_t kUndated = INT64_MIN;
  std::map<std::pair<int, int64_t>, std::vector<size_t>> groups;  // (metric, day) -> files
  for (size_t fi : p.index.daily) {
    daily::Metric m;
    if (!daily::metric_of_file(in.files[fi].name, m)) continue;
    int64_t day;
    if (!day_in_name(in.files[fi].name, day)) day = kUndated;
    groups[{static_cast<int>(m), day}].push_back(fi);
  }
  for (auto it = groups.begin(); it != groups.end(); ++it) {
    const auto [metric, day] = it->first;
    Step s{"daily", it->second, ""};
    auto next = std::next(it);
    const bool has_prev = it != groups.begin() && std::prev(it)->first.first == metric && std::prev(it)->first.second != kUndated;
    const bool has_next = next != groups.end() && next->first.first == metric;
    json::Writer w = json::Writer::into_members(s.extra);
    w.member("metric", daily::metric_name(static_cast<daily::Metric>(metric))).key("from");
    if (day != kUndated && has_prev) w.value(day * 86400);
    else w.null();
    w.key("to");
    if (day != kUndated && has_next) w.value(next->first.second * 86400);
    else w.null();
    steps.push_back(std::move(s));
  }
}

void add_reference_steps(const BundleView& in, const PlanInputs& p, std::vector<Step>& steps) {
  for (size_t fi : p.index.sleep) steps.push_back({"sleep", {fi}, ""});
  if (!p.index.resting_hr.empty()) steps.push_back({"resting_hr", p.index.resting_hr, ""});
  for (const auto& kv : p.index.heart_rate) steps.push_back({"heart_rate", {kv.second}, ""});
  for (size_t fi : p.index.not_importable)
    if (is_csv(in.files[fi].name)) steps.push_back({"other", {fi}, ""});
}

void write_steps(const BundleView& in, const PlanInputs& p, const std::vector<Step>& steps, json::Writer& w) {
  w.array();
  std::map<std::string, size_t> per_kind;
  for (const Step& s : steps) {
    char id[48];
    std::snprintf(id, sizeof id, "%s-%04zu", s.kind.c_str(), ++per_kind[s.kind]);
    w.object().member("id", id).member("kind", s.kind).key("files").array();
    uint64_t bytes = 0;
    std::vector<size_t> files = s.files;
    std::sort(files.begin(), files.end(), [&](size_t a, size_t b) { return in.files[a].name < in.files[b].name; });
    // A path listed twice in the export is one file to a step (the first copy).
    files.erase(std::unique(files.begin(), files.end(), [&](size_t a, size_t b) { return in.files[a].name == in.files[b].name; }),
                files.end());
    for (size_t f : files) {
      w.value(in.files[f].name);
      bytes += p.sizes.of(in.files[f]);
    }
    w.end().member("bytes", bytes).members(s.extra).end();
  }
  w.end();
}

// What assembly needs from the light reads: their problems, the notes for kinds left out,
// the profile's zone, and how many files each reference table comes from.
void write_plan_part(const BundleView& in, const PlanInputs& p, json::Writer& w) {
  const Options& o = p.options;
  fitbit::Problems workouts, daily_notes, reference_notes, other;
  if (o.wants("workouts")) {
    workouts = p.exercise_problems;
    if (!o.include_auto_detected) {
      const size_t n = static_cast<size_t>(
          std::count_if(p.workouts.begin(), p.workouts.end(), [](const Workout& wk) { return wk.ex.auto_detected(); }));
      if (n > 0)
        workouts.push_back(fitbit::not_converted(
            "exercise-*.json", std::to_string(n) + " auto-detected workout(s) left out (option includeAutoDetected is false)"));
    }
  } else if (!p.index.exercise.empty()) {
    workouts.push_back(fitbit::not_converted(files_of("exercise-*.json", p.index.exercise.size()), "workouts not requested (kinds)"));
  }
  if (!o.wants("daily") && !p.index.daily.empty())
    daily_notes.push_back(fitbit::not_converted(files_of("per-minute and daily activity files", p.index.daily.size()),
                                                "daily activity not requested (kinds)"));
  if (o.wants("reference")) {
    for (size_t fi : p.index.not_importable)
      if (!is_csv(in.files[fi].name))  // a CSV is copied by its step, which says so
        other.push_back(fitbit::not_converted(in.files[fi].name, "Garmin Connect's import page does not take this kind of data"));
  } else {
    const size_t n = p.index.sleep.size() + p.index.resting_hr.size() + p.index.heart_rate.size() + p.index.not_importable.size();
    if (n > 0)
      reference_notes.push_back(fitbit::not_converted(files_of("sleep, heart-rate and other health files", n),
                                                      "Garmin Connect cannot import these; reference CSVs not requested (kinds)"));
  }
  w.object().member("kind", "plan").key("skipped").object().key("weight");
  write_skipped(w, o.wants("weight") ? fitbit::Problems{} : p.data.problems, {});
  w.key("workouts");
  write_skipped(w, workouts, {});
  w.key("daily");
  write_skipped(w, daily_notes, {});
  w.key("reference");
  write_skipped(w, reference_notes, {});
  w.key("other");
  write_skipped(w, other, {});
  w.key("unknown");
  write_skipped(w, {}, unclaimed_files(p.data));
  w.end().key("profileZone");
  if (p.data.profile.time_zone.empty()) w.null();
  else w.value(p.data.profile.time_zone);
  w.key("files")
      .object()
      .member("sleep", p.index.sleep.size())
      .member("resting_hr", p.index.resting_hr.size())
      .member("heart_rate", p.index.heart_rate.size())
      .end()
      .end();
}

}  // namespace

Error report_export(const BundleView& in, std::string& out) {
  PlanInputs p;
  if (Error e = read_plan_inputs(in, p)) return e;
  out.clear();
  json::Writer w(out);
  write_plan_report(in, p, w);
  return {};
}

Error plan_export(const BundleView& in, std::string& out) {
  PlanInputs p;
  if (Error e = read_plan_inputs(in, p)) return e;
  std::vector<Step> steps;
  const Options& o = p.options;
  if (o.wants("weight")) {
    Step w{"weight", {}, ""};
    for (size_t i = 0; i < in.files.size(); ++i)
      if (fitbit::classify(in.files[i].name) != fitbit::FileKind::unknown) w.files.push_back(i);
    steps.push_back(std::move(w));
  }
  if (o.wants("workouts")) add_workout_steps(p, steps);
  if (o.wants("daily")) add_daily_steps(in, p, steps);
  if (o.wants("reference")) add_reference_steps(in, p, steps);

  out.clear();
  json::Writer w(out);
  w.object().key("report");
  write_plan_report(in, p, w);
  w.key("steps");
  write_steps(in, p, steps, w);
  w.key("part");
  write_plan_part(in, p, w);
  w.end();
  return {};
}

}  // namespace ts::convert
