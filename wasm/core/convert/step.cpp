// ts_step: one step of a plan, or a group of them in one call ("steps"), each dispatched by
// its kind and given only its own files. A group's output is each step's output in turn.
#include <algorithm>
#include <deque>

#include "core/common/same_bytes.h"
#include "core/convert/planned_zone.h"
#include "core/convert/plan_inputs.h"
#include "core/convert/step_input.h"
#include "core/convert/step_pieces.h"
#include "core/convert/steps.h"

namespace ts::convert {

namespace {

Error bad_step(const std::string& what) { return fail(Status::invalid_argument, "option 'step' " + what); }

// Where a step's zone members are: on the step itself (plans made before "stepZone" wrote them
// on each step), else the plan's "stepZone" the options carry — for every step but weight,
// which reads the offsets' own sources. Absent from both: the step has none. `shared_holder`:
// set when the holder is the options' stepZone (the same for every step of the call).
simdjson::dom::element zone_holder(simdjson::dom::element step, simdjson::dom::element options_doc, bool& shared_holder) {
  shared_holder = false;
  simdjson::dom::element member, shared;
  if (!step["plannedZone"].get(member) || !step["zoneInEffect"].get(member)) return step;
  std::string_view kind;
  if (!step["kind"].get_string().get(kind) && kind != "weight" && !options_doc["stepZone"].get(shared) && shared.is_object()) {
    shared_holder = true;
    return shared;
  }
  return step;
}

// The zone the step reads local times in: the plan's "zoneInEffect" (the export's own UTC
// offsets, learned from its weight files), else the options' zone. A plan made with another
// zone than the step's options ("plannedZone") is refused: its offsets were weighed against
// that zone, and the step's local times would silently follow neither.
Error step_zone(simdjson::dom::element holder, const Options& options, const tz::Zone& fallback, tz::Zone& out) {
  if (Error e = check_planned_zone(holder, options, "option 'step'")) return e;
  simdjson::dom::element member;
  if (holder["zoneInEffect"].get(member) || member.is_null()) {
    out = fallback;
    return {};
  }
  simdjson::dom::array items;
  if (member.get_array().get(items)) return bad_step("'zoneInEffect' must be [[utcSec, offsetSec], …]");
  std::vector<tz::Transition> t;
  for (simdjson::dom::element item : items) {
    int64_t utc = 0, off = 0;
    if (item.at(0).get_int64().get(utc) || item.at(1).get_int64().get(off) || off < -tz::kMaxOffsetSec || off > tz::kMaxOffsetSec)
      return bad_step("'zoneInEffect' must be [[utcSec, offsetSec], …]");
    t.push_back({utc, static_cast<int32_t>(off)});
  }
  if (Error e = tz::Zone::make(std::move(t), out)) return bad_step("'zoneInEffect': " + e.message);
  return {};
}

// The call's files by name (the first of a repeated path), built once for all its steps: a
// step may name many files (a weight step of a plan made before weight steps carried their
// weigh-ins names every weight file), and a search of the list per name was quadratic.
// Trees, not hashes: the names are the request's (same_bytes.h BytesLess).
using FilesByName = NameMap<const BundleFile*>;
using Names = NameSet;

// The zone of the options' stepZone, made once for all the steps of a call that read it (a
// group of 64 steps made it 64 times: its transitions parsed and checked for each).
struct SharedZone {
  bool made = false;
  Error error;
  tz::Zone zone;
};

// A file sent as a piece (step_pieces.h) is read only by a workouts step's bisection: a step of
// another kind, or a file that is not one of the step's heart-rate days, is refused.
Error check_pieced(const StepInput& s, const Names& pieced) {
  if (pieced.empty()) return {};
  HealthIndex index;
  bool indexed = false;
  for (size_t i = 0; i < s.files.files.size(); ++i) {
    const std::string_view name = s.files.files[i].name;
    if (!pieced.count(name)) continue;
    // A heart-rate step of one slice of its day reads the piece as its slice.
    simdjson::dom::element slice;
    if (s.kind == "heart_rate" && s.files.files.size() == 1 && !s.step["slice"].get(slice)) continue;
    if (s.kind != "workouts") return bad_step("reads " + std::string(name) + " whole, but it was sent as a piece: send it whole");
    if (!indexed) index_health_files(s.files, index);
    indexed = true;
    if (std::none_of(index.heart_rate.begin(), index.heart_rate.end(), [&](const auto& d) { return d.second == i; }))
      return bad_step("reads " + std::string(name) + ", which is sent as a piece but is not one of its heart-rate days");
  }
  return {};
}

Error run_one(const BundleView& in, const FilesByName& by_name, const Names& pieced, const Options& options,
              const tz::Zone& options_zone, simdjson::dom::element options_doc, simdjson::dom::element step, Names& used,
              SharedZone& shared, BundleWriter& out) {
  StepInput s;
  tz::Zone zone;
  bool from_shared = false;
  if (step.is_object()) {
    const simdjson::dom::element holder = zone_holder(step, options_doc, from_shared);
    if (!from_shared) {
      if (Error e = step_zone(holder, options, options_zone, zone)) return e;
    } else {
      if (!shared.made) {
        shared.error = step_zone(holder, options, options_zone, shared.zone);
        shared.made = true;
      }
      if (shared.error) return shared.error;
    }
  }
  s.options = &options;
  s.zone = from_shared ? &shared.zone : &zone;
  s.step = step;
  s.files.options = in.options;
  s.files.padded = in.padded;
  std::string_view kind;
  if (!step.is_object() || step["kind"].get_string().get(kind)) return bad_step("must be one of the plan's steps, as the plan wrote it");
  s.kind = std::string(kind);
  simdjson::dom::array files;
  if (step["files"].get_array().get(files)) return bad_step("has no 'files'");
  // A path listed twice would be read twice (and a step's estimate counts it once): the plan
  // lists each of a step's files once.
  Names mine;
  for (simdjson::dom::element f : files) {
    std::string_view name;
    if (f.get_string().get(name)) return bad_step("'files' must be paths");
    if (!mine.insert(name).second) return bad_step("lists file " + std::string(name) + " twice");
    const auto found = by_name.find(name);
    if (found == by_name.end()) return bad_step("file " + std::string(name) + " was not sent with the step");
    s.files.files.push_back(*found->second);
    used.insert(name);
  }
  if (Error e = check_pieced(s, pieced)) return e;
  if (s.kind == "weight") return weight_step(s, out);
  if (s.kind == "workouts") return workouts_step(s, out);
  if (s.kind == "daily") return daily_step(s, out);
  if (s.kind == "sleep") return sleep_step(s, out);
  if (s.kind == "resting_hr") return resting_hr_step(s, out);
  if (s.kind == "heart_rate") return heart_rate_step(s, out);
  if (s.kind == "other") return other_step(s, out);
  return bad_step("kind '" + s.kind + "' is not one the plan writes");
}

}  // namespace

int64_t step_int_or(const StepInput& s, const char* key, int64_t fallback) {
  int64_t v = 0;
  simdjson::dom::element e;
  if (s.step[key].get(e) || e.is_null() || e.get_int64().get(v)) return fallback;
  return v;
}

Error run_step(const BundleView& in, std::string& out_bundle) {
  // The options are parsed once: a group's options hold its steps (a weight step's are a
  // thousand rows), and parsing them again for the conversion options was a step's cost again.
  simdjson::dom::parser parser;
  simdjson::dom::element doc, one;
  simdjson::dom::array group;
  if (parser.parse(in.options.data(), in.options.size(), true).get(doc)) return fail(Status::format, "options are not a JSON object");
  Options options;
  if (Error e = parse_options(doc, options)) return e;
  tz::Zone zone;
  if (options.zone) zone = *options.zone;
  else (void)tz::Zone::make({{0, 0}}, zone);  // local days in UTC (the manifest warns)
  simdjson::dom::element step_zone_member;
  if (!doc["stepZone"].get(step_zone_member) && !step_zone_member.is_object())
    return fail(Status::invalid_argument, "option 'stepZone' must be the plan's \"stepZone\" object, as the plan wrote it");
  const bool single = !doc["step"].get(one);
  if (!single && doc["steps"].get_array().get(group)) return bad_step("is required: one of the plan's steps (or 'steps': several)");
  // Files sent as pieces read as their records (step_pieces.h); the others as they came.
  std::vector<BundleFile> files = in.files;
  std::deque<std::string> held;
  std::vector<std::string_view> pieced_list;
  if (Error e = apply_pieces(doc, files, held, pieced_list)) return e;
  const Names pieced(pieced_list.begin(), pieced_list.end());
  FilesByName by_name;
  for (const BundleFile& f : files) by_name.emplace(f.name, &f);
  BundleWriter out;
  Names used;
  SharedZone shared;
  if (single) {
    if (Error e = run_one(in, by_name, pieced, options, zone, doc, one, used, shared, out)) return e;
  } else {
    for (simdjson::dom::element s : group)
      if (Error e = run_one(in, by_name, pieced, options, zone, doc, s, used, shared, out)) return e;
  }
  for (const BundleFile& f : in.files)
    if (!used.count(f.name)) return bad_step("file " + std::string(f.name) + " was sent but is not one of the step's files");
  out_bundle = out.finish();
  return {};
}

}  // namespace ts::convert
