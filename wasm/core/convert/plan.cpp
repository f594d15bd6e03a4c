// ts_plan: the report, the list of bounded steps, and the plan's own part, from file names,
// sizes and the light files only.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "core/common/json_writer.h"
#include "core/common/same_bytes.h"
#include "core/convert/gps_tracks.h"
#include "core/convert/health_outputs.h"
#include "core/convert/plan_inputs.h"
#include "core/convert/planned_conversion.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/report_json.h"
#include "core/convert/step_groups.h"
#include "core/convert/steps.h"
#include "core/convert/weight_steps.h"
#include "core/convert/workout_overlaps.h"
#include "core/convert/workout_records.h"
#include "core/daily/minute_series.h"
#include "core/convert/output_budget.h"
#include "core/convert/planned_zone.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/heart_rate_slices.h"
#include "core/workout/activity_types.h"
#include "core/workout/plausibility.h"

namespace ts::convert {

namespace {

// Workouts without a track or heart-rate file are small (one exercise file, summary records):
// up to this many share a step, and their exercise files up to this many bytes. A step reads
// its files whole from where they are (the server reads stored files from D1, at most 8 MiB a
// request: shared/upload-limits.js STORED_READ_MAX_BYTES), though it parses only its records' ranges:
// fifty workouts kept out of a history of mostly auto-detected ones lay in fifty exercise files,
// 8.8 MB, one step no request could carry (helper finding).
// (kWorkoutsPerLightStep, workout_records.h: a step's own check holds it to the same.)
constexpr uint64_t kLightStepMaxFileBytes = 4 * 1024 * 1024;
// A resting heart-rate step's files (add_reference_steps).
constexpr size_t kRestingHrStepFiles = 64;
constexpr uint64_t kRestingHrStepBytes = 1024 * 1024;

// What the plan's part says of the weight side when the plan made the weigh-ins (weight_steps.h):
// what the weight steps' parts said before, the skipped weigh-ins and the warnings; the unit and
// the sources' counts come from the PlanInputs.
struct WeightSide {
  bool made = false;
  fitbit::Problems skipped;
  std::vector<std::string> warnings;
  std::vector<weight::WeighInRecord> rows;  // every weigh-in, as the steps carry them
  std::vector<WeightStepCut> cuts;
  size_t files = 0;  // the weight files they fill
};

struct Step {
  std::string kind;
  std::vector<size_t> files;
  std::string extra;  // kind-specific members, written by json::Writer::into_members
  // A workouts step with "records" parses only those ranges of its exercise files
  // (step_groups.h "parsed"): the files they lie in, and their bytes together.
  bool has_records = false;
  std::vector<size_t> record_files = {};
  uint64_t record_bytes = 0;
  // A weight step with rows parses them, not files (weight_steps.h kWeighInRowBytes), and is
  // the run weight->cuts[*cut] of weight->rows, written out only when the step is (ts_convert
  // runs the rows without writing them: planned_conversion.h).
  std::optional<uint64_t> parsed = std::nullopt;
  std::optional<size_t> cut = std::nullopt;
  const WeightSide* weight = nullptr;
};

// The weight steps: the weigh-ins made here, once, and cut into runs (weight_steps.h). Without
// the zone its weight logs need (a plan made for its report only), one step that reads every
// weight file instead, as plans made before rows did; it refuses when it runs, as
// weigh_ins_of says.
Error add_weight_steps(const BundleView& in, PlanInputs& p, std::vector<Step>& steps, WeightSide& side) {
  side.skipped = p.data.problems;
  if (weigh_ins_of(p.data, p.weight, side.skipped)) {
    side = {};
    Step w{"weight", {}, ""};
    for (size_t i = 0; i < in.files.size(); ++i)
      if (is_weight_side(p.files.kinds[i])) w.files.push_back(i);
    steps.push_back(std::move(w));
    return {};
  }
  side.made = true;
  if (p.weight.source.empty()) side.warnings.push_back("the export has no weight records");
  else weight_warnings(p.weight.unit, p.weight.weighins, side.warnings);  // no unit to warn about without weights
  const std::vector<weight::WeighIn>& made = p.weight.weighins.entries;
  std::vector<weight::WeighInRecord>& rows = side.rows;
  rows.resize(made.size());
  if (Error e = weight::records_of(made.data(), made.size(), rows.data())) return e;
  const size_t per = p.options.weight_per_file;
  side.files = weight_files_for(rows.size(), per);
  side.cuts = cut_weight_steps(rows.size(), per);
  for (size_t i = 0; i < side.cuts.size(); ++i) {
    const WeightStepCut& c = side.cuts[i];
    Step s{"weight", {}, ""};
    s.parsed = c.rows * kWeighInRowBytes;
    s.cut = i;
    s.weight = &side;
    steps.push_back(std::move(s));
  }
  return {};
}

// What the step list asks of each file, looked up once per file rather than once per step
// that reads it (a ten-year plan has ~3,000 steps; each lookup compares paths that share a
// long prefix): its place in name order (a repeated path: its copies in bundle order), the
// first copy of its path, its size, and where the upload stores it (only for a plan cut into
// groups); and the input's size, every file's summed but repeated copies (the output budget's
// measure).
struct FileFacts {
  std::vector<size_t> rank;
  std::vector<size_t> first_copy;
  std::vector<uint64_t> size;
  std::vector<const StoredFile*> stored;
  uint64_t input_bytes = 0;

  FileFacts(const BundleView& in, const PlanInputs& p)
      : rank(in.files.size()), first_copy(in.files.size()), size(in.files.size()), stored(in.files.size(), nullptr) {
    for (size_t k = 0; k < p.files.by_name.size(); ++k) {
      const size_t fi = p.files.by_name[k];
      rank[fi] = k;
      const size_t before = k > 0 ? p.files.by_name[k - 1] : fi;
      first_copy[fi] = k > 0 && same_bytes(in.files[before].name, in.files[fi].name) ? first_copy[before] : fi;
    }
    for (size_t fi = 0; fi < in.files.size(); ++fi) {
      size[fi] = p.sizes.of(fi, in.files[fi]);
      // A copy the file table leaves unread is not input: the CLI, given a path twice, and the
      // page, which converts one copy of each path, measure the same export the same.
      if (p.files.kinds[fi].skip != fitbit::SkipReason::repeated) input_bytes += size[fi];
      if (!p.grouped) continue;
      stored[fi] = p.groups.stored.find(in.files[fi].name);
    }
  }
};

// A step as the plan lists it: its id, its files by name (a path listed twice in the export is
// one file to a step, the first copy), their bytes, and the bytes it parses.
struct Listed {
  std::string id;
  std::vector<size_t> files;
  uint64_t bytes = 0;
  uint64_t parsed = 0;
};

void add_workout_steps(const BundleView& in, const PlanInputs& p, std::vector<Step>& steps) {
  Step light{"workouts", {}, ""};
  std::vector<const Workout*> light_workouts;
  uint64_t light_bytes = 0;  // the light step's files, each once
  // "logIds", and "records": where each lies in its exercise file (workout_records.h).
  auto push = [&](Step& s, const std::vector<const Workout*>& workouts) {
    json::Writer w = json::Writer::into_members(s.extra);
    w.key("logIds").array();
    for (const Workout* wk : workouts) w.value(wk->ex.log_id);
    w.end();
    write_record_ranges(w, in, workouts);
    s.has_records = std::all_of(workouts.begin(), workouts.end(), [](const Workout* wk) { return wk->record.has_value(); });
    if (s.has_records)
      for (const Workout* wk : workouts) {
        s.record_files.push_back(wk->file);
        s.record_bytes += wk->record->length;
      }
    steps.push_back(std::move(s));
  };
  auto flush_light = [&]() {
    if (light_workouts.empty()) return;
    push(light, light_workouts);
    light = Step{"workouts", {}, ""};
    light_workouts.clear();
    light_bytes = 0;
  };
  // A heart-rate reading (or a position of Google's files) feeds one workout only — the
  // earliest-starting one whose records cover its second, [start, end rounded up]
  // (workout::last_record_sec) — so overlapping workouts cannot each turn the same readings
  // into records. The window once ran to end + 1 s, a second past what the records keep: where
  // one workout started the second after another ended, that second's reading and position
  // went to neither (helper finding on a real export: 3 of its 59 mapped workouts each lost
  // one). Steps convert apart, so the plan says where each window's own part begins
  // ("hrFrom", after every earlier window): in start order, earlier windows all start first, so
  // what they cover of a later one is always its beginning. Unlike one pass over all workouts,
  // an earlier workout keeps its window even when its own track turns out to carry heart rate
  // (only its step, reading the track, could tell).
  int64_t covered_to = INT64_MIN;  // the last second an earlier converted workout's window covers
  for (const Workout& w : p.workouts) {
    if (!p.options.include_auto_detected && w.ex.auto_detected()) continue;
    Step s{"workouts", {w.file}, ""};
    auto t = p.index.tcx.find(w.ex.log_id);
    if (t != p.index.tcx.end()) s.files.push_back(t->second);
    // The position and pace files of its window: Google's, where Takeout keeps what tracks held
    // (gps_tracks.h, pace_tracks.h), read by the step when the workout has no track of its own
    // or its track has no points. With a track file that may have none (kPointlessTrackMaxBytes)
    // too: only the step, reading it, can tell (helper finding: a .tcx of a lap and no Track
    // beside a Takeout's gps_location file, given only to workouts without a .tcx or with an
    // empty one, wrote a run with no map and said it had no positions; its 600 were in the
    // file). A track with points leaves them unread: a wasted send, never a lost map.
    const int64_t start_sec = w.ex.start_utc_ms / 1000, end_sec = w.ex.end_utc_ms() / 1000 + 1;
    if (t == p.index.tcx.end() || p.sizes.of(t->second, in.files[t->second]) <= kPointlessTrackMaxBytes)
      google_track_files_for(p.index, start_sec, end_sec, s.files);
    // The heart-rate day files its window touches: read by the step only when the track has
    // no heart rate of its own (which only the step, reading the track, can tell). A day file
    // may be cut at UTC midnight or at the local midnight of wherever the person was that day
    // (workout_inputs.h kHeartRateDaySpillSec), which need not be the zone the steps read local
    // times in: every file whose day, with that spill either side, meets the window. Before,
    // the window's UTC days and its local days in the conversion's zone: a real export's
    // files, cut at Los Angeles midnight on a trip, held 21 workouts' readings in the day
    // before those converted in Sydney time, and they were written without heart-rate
    // records, unsaid (helper finding). A file that does not hold the window costs its step
    // a few probes (fitbit/heart_rate_window.h) and the page's server way an empty piece.
    const int64_t from = w.ex.start_utc_ms / 1000, to = w.ex.end_utc_ms() / 1000 + 1;
    for (int64_t day = fitbit::day_of(from - kHeartRateDaySpillSec); day <= fitbit::day_of(to + kHeartRateDaySpillSec); ++day) {
      auto h = p.index.heart_rate.find(day);
      if (h != p.index.heart_rate.end()) s.files.push_back(h->second);
    }
    // Google's heart-rate CSVs whose days meet the window (a day or a month a file; their
    // readings are UTC instants, so the zone plays no part).
    google_day_files(p.index.heart_rate_csv, p.index.folder, from, to, s.files);
    const int64_t hr_from = covered_to == INT64_MIN ? from : std::max(from, covered_to + 1);
    if (workout_converted(p, w)) covered_to = std::max(covered_to, workout::last_record_sec(w.ex));
    if (s.files.size() > 1) {
      flush_light();
      if (hr_from > from) json::Writer::into_members(s.extra).member("hrFrom", hr_from);
      push(s, {&w});
      continue;
    }
    if (std::find(light.files.begin(), light.files.end(), w.file) == light.files.end()) {
      const uint64_t bytes = p.sizes.of(w.file, in.files[w.file]);
      if (!light_workouts.empty() && light_bytes + bytes > kLightStepMaxFileBytes) flush_light();
      light.files.push_back(w.file);
      light_bytes += bytes;
    }
    light_workouts.push_back(&w);
    if (light_workouts.size() >= kWorkoutsPerLightStep) flush_light();
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

// The heart-rate tables' steps: a step per day file (or per slice of one), a step per Google CSV.
void add_heart_rate_steps(const BundleView& in, const PlanInputs& p, std::vector<Step>& steps) {
  // A day over the server's file cap is cut into slices, a step each (fitbit/heart_rate_slices.h):
  // each parses its share of the day, and the estimate counts that share.
  for (const auto& kv : p.index.heart_rate) {
    const uint64_t b = p.sizes.of(kv.second, in.files[kv.second]);
    const uint64_t k = b > fitbit::kSliceAboveBytes ? std::min<uint64_t>(fitbit::kMaxHeartRateSlices, (b + fitbit::kSliceBytes - 1) / fitbit::kSliceBytes) : 1;
    if (k == 1) {
      steps.push_back({"heart_rate", {kv.second}, ""});
      continue;
    }
    for (uint64_t i = 0; i < k; ++i) {
      Step s{"heart_rate", {kv.second}, ""};
      json::Writer::into_members(s.extra).key("slice").array().value(i).value(k).end();
      s.parsed = (b + k - 1) / k;
      steps.push_back(std::move(s));
    }
  }
  // Google's heart-rate CSVs, a step each: never sliced (a month's file can pass the server's
  // file cap, and is then converted on the device: its 413 names it). One that JSON day
  // files hold part of (fitbit/file_kinds.h apply_export_rules) names the days of those its
  // days meet, and a day either side (a day file may be cut at local midnight): its step
  // leaves out the readings those files hold (reference/heart_rate_csv.h).
  for (const auto& kv : p.index.heart_rate_csv) {
    Step s{"heart_rate", {kv.second}, ""};
    s.parsed = google_heart_rate_csv_parsed(p.sizes.of(kv.second, in.files[kv.second]));
    const int64_t last = fitbit::last_day_named(kv.first);
    std::vector<int64_t> json_days;
    for (auto it = p.index.heart_rate.lower_bound(kv.first - 1); it != p.index.heart_rate.end() && it->first <= last + 1; ++it)
      json_days.push_back(it->first);
    if (!json_days.empty()) {
      json::Writer w = json::Writer::into_members(s.extra);
      w.key("jsonDays").array();
      for (int64_t d : json_days) w.value(d);
      w.end();
    }
    steps.push_back(std::move(s));
  }
}

// Other health CSVs and JSON are copied under a path of their own, decided here for all of them at once
// (name order): a step copies its file to the path it is given, so no two steps can write one
// path and no grouping of steps changes a name.
void add_reference_steps(const BundleView& in, const PlanInputs& p, std::vector<Step>& steps) {
  for (size_t fi : p.index.sleep) steps.push_back({"sleep", {fi}, ""});
  // Resting heart rate: its small files (monthly, ~120 in ten years) a few steps together, in
  // plan order. A step closes at kRestingHrStepFiles files or before passing
  // kRestingHrStepBytes: an export of a file a day (3,650 in ten years) made one step whose
  // file list alone was past what a request's steps may say (256 KiB), and large files one
  // step past what one step may spend. Cut anywhere, the table is the same: within a step and
  // across steps the first of a repeated day wins, in plan order (step_reference.cpp).
  {
    Step rest{"resting_hr", {}, ""};
    uint64_t bytes = 0;
    for (size_t fi : p.index.resting_hr) {
      const uint64_t b = p.sizes.of(fi, in.files[fi]);
      if (!rest.files.empty() && (rest.files.size() >= kRestingHrStepFiles || bytes + b > kRestingHrStepBytes)) {
        steps.push_back(std::move(rest));
        rest = Step{"resting_hr", {}, ""};
        bytes = 0;
      }
      rest.files.push_back(fi);
      bytes += b;
    }
    if (!rest.files.empty()) steps.push_back(std::move(rest));
  }
  if (p.options.include_heart_rate) add_heart_rate_steps(in, p, steps);  // its tables, unless not asked for (options.h)
  std::vector<std::string_view> names;
  for (size_t fi : p.index.not_importable) names.push_back(in.files[fi].name);
  const std::vector<std::string> paths = other_output_paths(names);
  for (size_t i = 0; i < names.size(); ++i) {
    if (paths[i].empty()) continue;  // neither a CSV nor a JSON: the plan's part notes it
    Step s{"other", {p.index.not_importable[i]}, ""};
    json::Writer::into_members(s.extra).member("output", paths[i]);
    steps.push_back(std::move(s));
  }
}

// The zone in effect for the steps, when the export shows UTC offsets of its own (weigh-ins in
// both weight.csv and the weight JSON, workouts in Google's list: tz/learned_zone.h). Decided here, from light files, and
// handed to every step that reads local times (the plan's "stepZone", steps.h), so no step
// needs the weight files to know it:
//   "plannedZone": {"name", "explicit"} | null — the options' zone the plan was made with: a
//       step whose options give another refuses (the offsets were weighed against this one);
//   "zoneInEffect": [[utcSec, offsetSec], …] — the zone in effect, when it differs from the
//       options' zone (the transitions, as the options' own are written).
// Nothing when the export shows no offsets: the options' zone is the zone in effect.
std::string zone_members(const PlanInputs& p) {
  if (p.weight.periods.empty()) return {};  // periods: every observation's, weigh-ins' and workouts'
  std::string out;
  json::Writer w = json::Writer::into_members(out);
  write_planned_zone(w, p.options);
  if (!p.options.zone) return out;
  const auto& a = p.weight.zone_in_effect->transitions();
  const auto& b = p.options.zone->transitions();
  const bool same = a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const tz::Transition& x, const tz::Transition& y) {
                      return x.utc_sec == y.utc_sec && x.offset_sec == y.offset_sec;
                    });
  if (same) return out;
  w.key("zoneInEffect").array();
  for (const tz::Transition& t : a) w.array().value(t.utc_sec).value(t.offset_sec).end();
  w.end();
  return out;
}

std::vector<Listed> list_steps(const FileFacts& facts, const std::vector<Step>& steps) {
  std::vector<Listed> out;
  out.reserve(steps.size());
  // Steps of each kind so far: a handful of kinds, looked up once per step.
  std::vector<std::pair<std::string_view, size_t>> per_kind;
  const auto next_of = [&](std::string_view kind) -> size_t {
    for (auto& [k, n] : per_kind)
      if (same_bytes(k, kind)) return ++n;
    per_kind.emplace_back(kind, 1);
    return 1;
  };
  // Name order, and a repeated path is one file to a step: the first copy in the bundle.
  const auto by_name = [&](size_t a, size_t b) { return facts.rank[a] < facts.rank[b]; };
  const auto same_name = [&](size_t a, size_t b) { return facts.first_copy[a] == facts.first_copy[b]; };
  for (const Step& s : steps) {
    Listed l;
    // "<kind>-0001": at least four digits (snprintf's "%04zu", without printf: ~3,000 ids).
    const std::string n = std::to_string(next_of(s.kind));
    l.id.reserve(s.kind.size() + 1 + std::max<size_t>(4, n.size()));
    l.id.append(s.kind).push_back('-');
    l.id.append(n.size() < 4 ? 4 - n.size() : 0, '0').append(n);
    l.files = s.files;
    std::sort(l.files.begin(), l.files.end(), by_name);
    l.files.erase(std::unique(l.files.begin(), l.files.end(), same_name), l.files.end());
    for (size_t f : l.files) l.bytes += facts.size[f];
    l.parsed = s.parsed ? *s.parsed : l.bytes;
    if (s.has_records) {
      std::vector<size_t> record_files = s.record_files;
      std::sort(record_files.begin(), record_files.end(), by_name);
      record_files.erase(std::unique(record_files.begin(), record_files.end(), same_name), record_files.end());
      int64_t parsed = static_cast<int64_t>(l.bytes);
      for (size_t f : record_files) parsed -= static_cast<int64_t>(facts.size[f]);
      parsed += static_cast<int64_t>(s.record_bytes);
      l.parsed = std::min(l.bytes, static_cast<uint64_t>(std::max<int64_t>(0, parsed)));
    }
    out.push_back(std::move(l));
  }
  return out;
}

void write_step(const BundleView& in, const Step& s, const Listed& l, json::Writer& w) {
  w.object().member("id", l.id).member("kind", s.kind).key("files").array();
  for (size_t f : l.files) w.value(in.files[f].name);
  w.end().member("bytes", l.bytes).members(s.extra);
  if (s.cut) {
    const WeightStepCut& c = s.weight->cuts[*s.cut];
    write_weight_step_members(w, s.weight->rows.data() + c.first_row, c.rows, c.first_file, s.weight->files);
  }
  w.end();
}

void write_steps(const BundleView& in, const std::vector<Step>& steps, const std::vector<Listed>& listed, json::Writer& w) {
  w.array();
  for (size_t i = 0; i < steps.size(); ++i) write_step(in, steps[i], listed[i], w);
  w.end();
}

// What assembly needs from the light reads: their problems, the notes for kinds left out, the
// files skipped by reason, the profile's zone and what the export's own UTC offsets say about
// the zone, how many files each reference table comes from, and the input's size (the output
// budget of the whole conversion, output_budget.h).
void write_plan_part(const BundleView& in, const PlanInputs& p, const WeightSide& weight, uint64_t input_bytes, json::Writer& w) {
  const Options& o = p.options;
  fitbit::Problems workouts, daily_notes, reference_notes, other;
  if (o.wants("workouts")) {
    workouts = p.exercise_problems;
    workouts.insert(workouts.end(), p.google_within.begin(), p.google_within.end());
    if (!o.include_auto_detected) {
      // Said of the list each came from (helper finding: rows only Google's list holds were
      // said as exercise-*.json's, in an export without one).
      size_t n[2] = {0, 0};  // exercise-*.json's, UserExercises_*.csv's
      for (const Workout& wk : p.workouts)
        if (wk.ex.auto_detected())
          ++n[std::find(p.index.google_exercises.begin(), p.index.google_exercises.end(), wk.file) != p.index.google_exercises.end()];
      const char* lists[2] = {"exercise-*.json", "UserExercises_*.csv"};
      for (int i = 0; i < 2; ++i)
        if (n[i] > 0)
          workouts.push_back(fitbit::not_converted(
              lists[i], std::to_string(n[i]) + " auto-detected workout(s) left out, as asked (the page's \"Include the … Fitbit "
                                                    "detected on its own\" unticked, --skip-auto-detected, or "
                                                    "includeAutoDetected: false)"));
    }
  } else {
    if (!p.index.exercise.empty())
      workouts.push_back(fitbit::not_converted(files_of("exercise-*.json", p.index.exercise.size()), "workouts not requested (kinds)"));
    if (!p.index.google_exercises.empty())
      workouts.push_back(fitbit::not_converted(files_of("UserExercises_*.csv", p.index.google_exercises.size()), "workouts not requested (kinds)"));
  }
  if (!o.wants("daily") && !p.index.daily.empty())
    daily_notes.push_back(fitbit::not_converted(files_of("per-minute and daily activity files", p.index.daily.size()),
                                                "daily activity not requested (kinds)"));
  if (o.wants("reference")) {
    const size_t hr = p.index.heart_rate.size() + p.index.heart_rate_csv.size();
    if (!o.include_heart_rate && hr > 0)
      reference_notes.push_back(fitbit::not_converted(
          files_of("heart-rate files", hr),
          std::string("heart-rate tables not made, as asked (includeHeartRate: false; the page's \"Heart rate (all day)\" "
                      "unticked)") + (o.wants("workouts") ? "; the workouts still take their readings" : "")));
    for (size_t fi : p.index.not_importable)
      if (!copied_as_is(in.files[fi].name))  // a copy is made by its step, which says so
        other.push_back(fitbit::not_converted(in.files[fi].name, "Garmin Connect's import page does not take this kind of data"));
  } else {
    const size_t n = p.index.sleep.size() + p.index.resting_hr.size() + p.index.heart_rate.size() + p.index.heart_rate_csv.size() +
                     p.index.not_importable.size();
    if (n > 0)
      reference_notes.push_back(fitbit::not_converted(files_of("sleep, heart-rate and other health files", n),
                                                      "Garmin Connect cannot import these; reference CSVs not requested (kinds)"));
  }
  w.object().member("kind", "plan").key("skipped").object().key("weight");
  write_skipped(w, o.wants("weight") ? fitbit::Problems{} : p.data.problems);
  w.key("workouts");
  write_skipped(w, workouts);
  w.key("daily");
  write_skipped(w, daily_notes);
  w.key("reference");
  write_skipped(w, reference_notes);
  w.key("other");
  write_skipped(w, other);
  w.end().key("skippedFiles");
  write_skipped_files(w, p.data.skipped);
  w.key("profileZone");
  if (p.data.profile.time_zone.empty()) w.null();
  else w.value(p.data.profile.time_zone);
  // Which file named it, for the manifest's timeZone.source (an older export's User-Profile.json
  // was named Profile.csv there: helper finding).
  if (!p.data.profile.zone_file.empty()) w.member("profileZoneFile", p.data.profile.zone_file);
  w.key("zoneEvidence");
  write_zone_evidence(w, p.weight, o);
  std::vector<std::string> zone_notes;
  const bool utc_records = (o.wants("workouts") && (!p.index.exercise.empty() || !p.index.google_exercises.empty())) ||
                           (o.wants("daily") && !p.index.daily.empty());
  zone_warnings(p.weight, o, p.data.profile.time_zone, p.data.profile.zone_file, utc_records, zone_notes);
  if (o.wants("workouts")) written_clock_warning(p.written_clock_workouts, p.weight, o, zone_notes);
  w.key("zoneWarnings");
  write_strings(w, zone_notes);
  std::vector<std::string> workout_notes;
  if (o.wants("workouts")) {
    overlap_warnings(p, workout_overlaps(p), known_zone(p), workout_notes);
    position_files_warning(p, workout_notes);
  }
  w.key("workoutWarnings");
  write_strings(w, workout_notes);
  if (weight.made) {
    w.key("weight").object().key("skipped");
    write_skipped(w, weight.skipped);
    w.key("warnings");
    write_strings(w, weight.warnings);
    if (!p.weight.source.empty()) {
      w.key("weightUnit");
      write_unit(w, p.weight.unit);
      w.key("weighIns");
      write_weigh_in_sources(w, p.weight);
    }
    w.end();
  }
  if (!p.weight.periods.empty()) write_planned_zone(w, o);  // the evidence was weighed against it
  // Sleep files by source, sleep-*.json and Google's lists (UserSleeps_*.csv, read beside the
  // JSON too: convert/sleep_copies.h): the manifest names the files read.
  const size_t sleep_lists = static_cast<size_t>(
      std::count_if(p.index.sleep.begin(), p.index.sleep.end(), [&](size_t fi) { return fitbit::name_ends_in(in.files[fi].name, ".csv"); }));
  w.member("inputBytes", input_bytes)
      .key("files")
      .object()
      .member("sleep", p.index.sleep.size() - sleep_lists)
      .member("resting_hr", p.index.resting_hr.size())
      .member("heart_rate", p.index.heart_rate.size());
  if (!p.index.heart_rate_csv.empty()) w.member("heart_rate_csv", p.index.heart_rate_csv.size());
  if (sleep_lists > 0) w.member("sleep_csv", sleep_lists);
  w.end()
      .end();
}

// The workouts take their room before any is made, as in one call: one file and one manifest
// entry each, from the whole input's budget (output_budget.h). A shape no conversion can
// write (hundreds of workouts from a few hundred KB) is refused here, before a step runs,
// saying what to leave out; each step then keeps within its own files' budget, and assembly
// checks the sum (steps.h).
Error check_workouts_budget(const PlanInputs& p, uint64_t input_bytes) {
  uint64_t entries = 0, n = 0;
  for (const Workout& w : p.workouts)
    if (workout_converted(p, w)) {
      ++n;
      entries += kManifestEntryBytes + w.ex.activity_name.size();
    }
  OutputBudget budget(input_bytes);
  return budget.reserve(n, entries, std::to_string(n) + " workouts", kLeaveOutWorkouts);
}

// The weight files take their room too, before any step runs: a weight step with rows reads no
// file, so it has no files' budget of its own; the whole input's is checked here (with a
// bound per file: weight_fit_bytes_bound) and the sum again in assembly.
Error check_weight_budget(const WeightSide& weight, size_t per_file, uint64_t input_bytes) {
  uint64_t bytes = 0;
  for (size_t left = weight.rows.size(); left > 0;) {
    const size_t n = std::min(left, per_file);
    bytes += weight::weight_fit_bytes_bound(n) + kManifestEntryBytes + weight_file_name(weight.files, weight.files).size();
    left -= n;
  }
  OutputBudget budget(input_bytes);
  return budget.reserve(weight.files, bytes, "the weight files", "leave out weight (convert without the \"weight\" kind)");
}

// The plan cut into a server session's groups (option "groups", step_groups.h), as a TSB1
// bundle of three files, so that the Worker parses only the first:
//   plan.json            the plan's report, stepZone and part, as without "groups"; "steps": the
//                        step count; "estimateMs": every step's estimate summed; "oneRequest":
//                        whether that is within the budget; "groups": [{"steps": [ids], "send":
//                        [paths], "bytes": the steps' bytes}] — what the client is told;
//   session-groups.json  [{"steps": [step objects], "stored": [{"name", "stream", "offset",
//                        "bytes"}], "send": [[path, bytes]]}] — what each group's request runs,
//                        kept by the Worker in the session row as it is;
//   steps.json           the steps as without "groups", only when "oneRequest" (then the Worker
//                        may run them all at once).
// A group's files are its steps' files, each once, in the order the steps list them.
Error write_session(const BundleView& in, const PlanInputs& p, const FileFacts& facts, const std::vector<Step>& steps,
                    const std::vector<Listed>& listed, std::string& head, std::string& out) {
  const GroupRules& r = p.groups;
  std::vector<StepLoad> loads;
  loads.reserve(steps.size());
  double estimate = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    StepLoad load{r.estimate_ms(steps[i].kind, listed[i].parsed, listed[i].files.size()), 0};
    for (size_t f : listed[i].files)
      if (!facts.stored[f]) load.send += facts.size[f];
      else load.stored.emplace_back(facts.first_copy[f], facts.stored[f]->bytes);
    estimate += load.ms;
    loads.push_back(load);
  }
  const auto groups = cut_groups(loads, r);
  // Room for what is written below, from its parts' sizes: grown by doubling, a ten-year
  // plan's ~1 MB of groups was copied ~20 times over.
  std::string session;
  size_t room = head.size() + 64 * groups.size();
  for (size_t i = 0; i < steps.size(); ++i) {
    room += 96 + listed[i].id.size() + steps[i].kind.size() + steps[i].extra.size();
    for (size_t f : listed[i].files) room += 2 * in.files[f].name.size() + 64;
  }
  session.reserve(room);
  head.reserve(head.size() + 32 * steps.size() + room / 4);
  json::Writer s(session);
  json::Writer h = json::Writer::into_members(head);  // head is the open plan object
  h.member("steps", steps.size()).key("estimateMs").exact(estimate).member("oneRequest", estimate <= r.budget_ms).key("groups").array();
  s.array();
  // The group a path was last listed in (by its first copy): a group's files, each path once.
  std::vector<size_t> listed_in(in.files.size(), SIZE_MAX);
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto [first, count] = groups[g];
    std::vector<size_t> names;  // the group's files, each once, in step order
    uint64_t bytes = 0;
    h.object().key("steps").array();
    s.object().key("steps").array();
    for (size_t i = first; i < first + count; ++i) {
      h.value(listed[i].id);
      write_step(in, steps[i], listed[i], s);
      bytes += listed[i].bytes;
      for (size_t f : listed[i].files)
        if (listed_in[facts.first_copy[f]] != g) {
          listed_in[facts.first_copy[f]] = g;
          names.push_back(f);
        }
    }
    h.end().key("send").array();
    s.end().key("stored").array();
    for (size_t f : names) {
      const StoredFile* where = facts.stored[f];
      if (!where) continue;
      s.object().member("name", in.files[f].name).member("stream", where->stream).member("offset", where->offset)
          .member("bytes", where->bytes).end();
    }
    s.end().key("send").array();
    for (size_t f : names) {
      if (facts.stored[f]) continue;
      h.value(in.files[f].name);
      s.array().value(in.files[f].name).value(facts.size[f]).end();
    }
    h.end().member("bytes", bytes).end();
    s.end().end();
  }
  s.end();
  h.end();
  head.push_back('}');
  BundleWriter b;
  b.reserve(head.size() + session.size() + 64);
  b.add("plan.json", head);
  b.add("session-groups.json", session);
  if (estimate <= r.budget_ms) {
    std::string list;
    json::Writer l(list);
    write_steps(in, steps, listed, l);
    b.add("steps.json", list);
  }
  out = b.finish();
  return {};
}

// The steps of a plan, listed, and what its part and stepZone are written from.
struct MadePlan {
  std::vector<Step> steps;
  WeightSide weight;
  std::optional<FileFacts> facts;
  std::vector<Listed> listed;
  std::string zone;  // the stepZone's members, when the export shows offsets and a step reads them
};

Error make_plan(const BundleView& in, PlanInputs& p, MadePlan& m) {
  if (Error e = read_plan_inputs(in, p)) return e;
  const Options& o = p.options;
  if (o.wants("weight"))
    if (Error e = add_weight_steps(in, p, m.steps, m.weight)) return e;
  if (o.wants("workouts")) add_workout_steps(in, p, m.steps);
  if (o.wants("daily")) add_daily_steps(in, p, m.steps);
  if (o.wants("reference")) add_reference_steps(in, p, m.steps);
  m.facts.emplace(in, p);
  if (m.weight.made)
    if (Error e = check_weight_budget(m.weight, o.weight_per_file, m.facts->input_bytes)) return e;
  if (o.wants("workouts"))
    if (Error e = check_workouts_budget(p, m.facts->input_bytes)) return e;
  m.listed = list_steps(*m.facts, m.steps);
  // Once for every step but weight (whose rows are UTC already), not on each: with a move
  // between zones "zoneInEffect" is ~800 bytes, and a ten-year plan has ~3,000 steps.
  if (std::any_of(m.steps.begin(), m.steps.end(), [](const Step& s) { return s.kind != "weight"; })) m.zone = zone_members(p);
  return {};
}

}  // namespace

Error plan_conversion(const BundleView& in, PlannedConversion& out) {
  PlanInputs p;
  MadePlan m;
  if (Error e = make_plan(in, p, m)) return e;
  out = PlannedConversion{};
  for (size_t i = 0; i < m.steps.size(); ++i) {
    PlannedStep s;
    s.cut = m.steps[i].cut;
    if (!s.cut) {  // a weight step with rows is run from them, not from its JSON
      json::Writer w(s.json);
      write_step(in, m.steps[i], m.listed[i], w);
      s.files = m.listed[i].files;
    }
    out.steps.push_back(std::move(s));
  }
  out.cuts = std::move(m.weight.cuts);
  out.rows = std::move(m.weight.rows);
  out.weight_files = m.weight.files;
  if (!m.zone.empty()) json::Writer(out.step_zone).object().members(m.zone).end();
  json::Writer w(out.part);
  write_plan_part(in, p, m.weight, m.facts->input_bytes, w);
  return {};
}

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
  MadePlan m;
  if (Error e = make_plan(in, p, m)) return e;
  const std::vector<Step>& steps = m.steps;
  const std::vector<Listed>& listed = m.listed;
  const FileFacts& facts = *m.facts;
  const WeightSide& weight = m.weight;
  const std::string& zone = m.zone;
  std::string head;
  json::Writer w(head);
  w.object().key("report");
  write_plan_report(in, p, w);
  if (!p.grouped) {
    w.key("steps");
    write_steps(in, steps, listed, w);
  }
  if (!zone.empty()) w.key("stepZone").object().members(zone).end();
  w.key("part");
  write_plan_part(in, p, weight, facts.input_bytes, w);
  if (!p.grouped) {
    w.end();
    out = std::move(head);
    return {};
  }
  return write_session(in, p, facts, steps, listed, head, out);
}

}  // namespace ts::convert
