// ts_plan: the report, the list of bounded steps, and the plan's own part, from file names,
// sizes and the light files only.
#include <algorithm>
#include <map>

#include "core/common/json_text.h"
#include "core/convert/plan_inputs.h"
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
  std::string extra;  // kind-specific members, each starting with ','
};

std::string files_of(const char* pattern, size_t n) { return std::string(pattern) + " (" + std::to_string(n) + " file(s))"; }

void add_workout_steps(const PlanInputs& p, std::vector<Step>& steps) {
  Step light;
  auto flush_light = [&]() {
    if (light.extra.empty()) return;
    light.extra = ",\"logIds\":[" + light.extra.substr(1) + "]";
    steps.push_back(std::move(light));
    light = Step{};
  };
  for (const Workout& w : p.workouts) {
    if (!p.options.include_auto_detected && w.ex.auto_detected()) continue;
    Step s;
    s.kind = "workouts";
    s.files.push_back(w.file);
    auto t = p.index.tcx.find(w.ex.log_id);
    if (t != p.index.tcx.end()) s.files.push_back(t->second);
    // The heart-rate day files its window touches: read by the step only when the track has
    // no heart rate of its own (which only the step, reading the track, can tell).
    const int64_t from = w.ex.start_utc_ms / 1000, to = w.ex.end_utc_ms() / 1000 + 1;
    for (int64_t day = fitbit::day_of(from); day <= fitbit::day_of(to); ++day) {
      auto h = p.index.heart_rate.find(day);
      if (h != p.index.heart_rate.end()) s.files.push_back(h->second);
    }
    const std::string id = "," + std::to_string(w.ex.log_id);
    if (s.files.size() > 1) {
      flush_light();
      s.extra = ",\"logIds\":[" + id.substr(1) + "]";
      steps.push_back(std::move(s));
      continue;
    }
    light.kind = "workouts";
    if (std::find(light.files.begin(), light.files.end(), w.file) == light.files.end()) light.files.push_back(w.file);
    light.extra += id;
    if (std::count(light.extra.begin(), light.extra.end(), ',') >= static_cast<std::ptrdiff_t>(kWorkoutsPerLightStep)) flush_light();
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
    Step s;
    s.kind = "daily";
    s.files = it->second;
    auto next = std::next(it);
    const bool has_prev = it != groups.begin() && std::prev(it)->first.first == metric && std::prev(it)->first.second != kUndated;
    const bool has_next = next != groups.end() && next->first.first == metric;
    s.extra = ",\"metric\":\"" + std::string(daily::metric_name(static_cast<daily::Metric>(metric))) + "\",\"from\":";
    s.extra += day != kUndated && has_prev ? std::to_string(day * 86400) : "null";
    s.extra += ",\"to\":";
    s.extra += day != kUndated && has_next ? std::to_string(next->first.second * 86400) : "null";
    steps.push_back(std::move(s));
  }
}

void add_reference_steps(const BundleView& in, const PlanInputs& p, std::vector<Step>& steps) {
  for (size_t fi : p.index.sleep) steps.push_back({"sleep", {fi}, ""});
  if (!p.index.resting_hr.empty()) steps.push_back({"resting_hr", p.index.resting_hr, ""});
  for (const auto& kv : p.index.heart_rate) steps.push_back({"heart_rate", {kv.second}, ""});
  for (size_t fi : p.index.not_importable) {
    const std::string_view name = in.files[fi].name;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".csv") steps.push_back({"other", {fi}, ""});
  }
}

void append_steps(const BundleView& in, const PlanInputs& p, const std::vector<Step>& steps, std::string& out) {
  out += "[";
  std::map<std::string, size_t> per_kind;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    if (i) out += ",";
    char id[48];
    std::snprintf(id, sizeof id, "%s-%04zu", s.kind.c_str(), ++per_kind[s.kind]);
    out += "{\"id\":\"" + std::string(id) + "\",\"kind\":\"" + s.kind + "\",\"files\":[";
    uint64_t bytes = 0;
    std::vector<size_t> files = s.files;
    std::sort(files.begin(), files.end(), [&](size_t a, size_t b) { return in.files[a].name < in.files[b].name; });
    // A path listed twice in the export is one file to a step (the first copy).
    files.erase(std::unique(files.begin(), files.end(), [&](size_t a, size_t b) { return in.files[a].name == in.files[b].name; }),
                files.end());
    for (size_t j = 0; j < files.size(); ++j) {
      if (j) out += ",";
      json::append_string(out, in.files[files[j]].name);
      bytes += p.sizes.of(in.files[files[j]]);
    }
    out += "],\"bytes\":" + std::to_string(bytes) + s.extra + "}";
  }
  out += "]";
}

// What assembly needs from the light reads: their problems, the notes for kinds left out,
// the profile's zone, and how many files each reference table comes from.
void append_plan_part(const BundleView& in, const PlanInputs& p, std::string& out) {
  const Options& o = p.options;
  out += "{\"kind\":\"plan\",\"skipped\":{\"weight\":";
  append_skipped_json(out, o.wants("weight") ? fitbit::Problems{} : p.data.problems, {});
  fitbit::Problems workouts;
  if (o.wants("workouts")) {
    workouts = p.exercise_problems;
    if (!o.include_auto_detected) {
      const size_t n = static_cast<size_t>(
          std::count_if(p.workouts.begin(), p.workouts.end(), [](const Workout& w) { return w.ex.auto_detected(); }));
      if (n > 0)
        workouts.push_back({"exercise-*.json", -1, std::to_string(n) + " auto-detected workout(s) left out (option includeAutoDetected is false)"});
    }
  } else if (!p.index.exercise.empty()) {
    workouts.push_back({files_of("exercise-*.json", p.index.exercise.size()), -1, "workouts not requested (kinds)"});
  }
  out += ",\"workouts\":";
  append_skipped_json(out, workouts, {});
  fitbit::Problems daily_notes, reference_notes, other;
  if (!o.wants("daily") && !p.index.daily.empty())
    daily_notes.push_back({files_of("per-minute and daily activity files", p.index.daily.size()), -1, "daily activity not requested (kinds)"});
  if (o.wants("reference")) {
    for (size_t fi : p.index.not_importable) {
      const std::string_view name = in.files[fi].name;
      if (name.size() > 4 && name.substr(name.size() - 4) == ".csv") continue;  // a step copies it
      other.push_back({std::string(name), -1, "Garmin Connect's import page does not take this kind of data"});
    }
  } else {
    const size_t n = p.index.sleep.size() + p.index.resting_hr.size() + p.index.heart_rate.size() + p.index.not_importable.size();
    if (n > 0)
      reference_notes.push_back({files_of("sleep, heart-rate and other health files", n), -1,
                                 "Garmin Connect cannot import these; reference CSVs not requested (kinds)"});
  }
  out += ",\"daily\":";
  append_skipped_json(out, daily_notes, {});
  out += ",\"reference\":";
  append_skipped_json(out, reference_notes, {});
  out += ",\"other\":";
  append_skipped_json(out, other, {});
  out += ",\"unknown\":";
  append_skipped_json(out, {}, unclaimed_files(p.data));
  out += "},\"profileZone\":";
  if (p.data.profile.time_zone.empty()) out += "null";
  else json::append_string(out, p.data.profile.time_zone);
  out += ",\"files\":{\"sleep\":" + std::to_string(p.index.sleep.size()) +
         ",\"resting_hr\":" + std::to_string(p.index.resting_hr.size()) +
         ",\"heart_rate\":" + std::to_string(p.index.heart_rate.size()) + "}}";
}

}  // namespace

Error report_export(const BundleView& in, std::string& out) {
  PlanInputs p;
  if (Error e = read_plan_inputs(in, p)) return e;
  out.clear();
  append_plan_report(in, p, out);
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

  out = "{\"report\":";
  append_plan_report(in, p, out);
  out += ",\"steps\":";
  append_steps(in, p, steps, out);
  out += ",\"part\":";
  append_plan_part(in, p, out);
  out += "}";
  return {};
}

}  // namespace ts::convert
