// ts_assemble: the plan's part and every step's part.json (or gathered parts standing for
// runs of them: gathered.h), in plan order, into manifest.json, IMPORT.txt and the files only
// the whole can make (the 75-day Activities CSVs and the reference tables). Reads only parts.
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/common/json_writer.h"
#include "core/common/same_bytes.h"
#include "core/convert/convert.h"
#include "core/convert/daily_outputs.h"
#include "core/convert/gathered.h"
#include "core/convert/import_steps.h"
#include "core/convert/options.h"
#include "core/convert/output_budget.h"
#include "core/convert/output_paths.h"
#include "core/convert/part_json.h"
#include "core/convert/planned_zone.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/report_json.h"
#include "core/convert/sleep_copies.h"
#include "core/convert/steps.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/file_kinds.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"
#include "simdjson.h"

namespace ts::convert {

namespace {

using simdjson::dom::element;

// What assembly keeps: the plan's part, and every step's (gathered.h).
struct Assembly {
  std::map<std::string, std::vector<std::string>> plan_skipped;
  std::string profile_zone;
  std::string profile_file = "Profile.csv";  // the file that named it (the plan's part says)
  std::string skipped_files, zone_evidence;  // JSON, rewritten in the manifest's member order
  std::vector<std::string> zone_warnings, workout_warnings;
  // The plan's "weight" (weight_steps.h), when it made the weigh-ins: what a weight step's part
  // held before — skipped entries (JSON), warnings, the unit and the sources' counts (JSON).
  std::vector<std::string> weight_skipped, weight_warnings;
  std::string weight_unit, weigh_ins;
  uint64_t input_bytes = 0;
  size_t sleep_files = 0, resting_hr_files = 0, heart_rate_files = 0, heart_rate_csv_files = 0, sleep_csv_files = 0;
  Gathered g;
};

// The plan's part reaches assembly through its caller (inside the plan JSON, parsed and
// written again), so its entries are rewritten in the manifest's member order rather than
// passed on as they came.
Error skipped_entries(element arr, std::vector<std::string>& out) {
  simdjson::dom::array items;
  if (arr.get_array().get(items)) return bad_part(0, "a 'skipped' list that is not an array");
  for (element e : items) {
    std::string_view source, reason;
    if (e["source"].get_string().get(source) || e["reason"].get_string().get(reason))
      return bad_part(0, "a skipped entry without source and reason");
    std::string entry;
    json::Writer w(entry);
    w.object().member("source", source);
    int64_t n;
    if (!e["index"].get_int64().get(n)) w.member("index", n);
    if (!e["files"].get_int64().get(n)) w.member("files", n);
    w.member("reason", reason).end();
    out.push_back(std::move(entry));
  }
  return {};
}

// The members `keys` of object `e`, in that order, each value as it is (minified): for the
// plan's part, whose caller may have reordered its members.
void ordered_members(json::Writer& w, element e, std::initializer_list<const char*> keys) {
  w.object();
  for (const char* k : keys) {
    element v;
    if (!e[k].get(v)) w.key(k).raw(simdjson::minify(v));
  }
  w.end();
}

// skippedFiles: [{"code","reason","files","paths"}, …] (report_json.h).
Error skipped_files(element arr, std::string& out) {
  simdjson::dom::array items;
  if (arr.get_array().get(items)) return bad_part(0, "a 'skippedFiles' that is not an array");
  json::Writer w(out);
  w.array();
  for (element e : items) ordered_members(w, e, {"code", "reason", "files", "paths"});
  w.end();
  return {};
}

// zoneEvidence: {"periods":[{"from","to","offset","weighIns","workouts","agrees"}],"comparedWith","explicit"}.
Error zone_evidence(element e, std::string& out) {
  simdjson::dom::array periods;
  if (e["periods"].get_array().get(periods)) return bad_part(0, "a 'zoneEvidence' without periods");
  json::Writer w(out);
  w.object().key("periods").array();
  for (element p : periods) ordered_members(w, p, {"from", "to", "offset", "weighIns", "workouts", "agrees"});
  w.end();
  element v;
  if (!e["comparedWith"].get(v)) w.key("comparedWith").raw(simdjson::minify(v));
  if (!e["explicit"].get(v)) w.key("explicit").raw(simdjson::minify(v));
  w.end();
  return {};
}

// The plan's "weight" (weight_steps.h): its weightUnit ({"value","decidedBy","conflict",
// "evidence":[{"source","kg","lb","of","verdict","height"?}]}, report_json.h write_unit) and
// weighIns ({"json","csv","matched","jsonOnly","csvOnly","duplicates"}) in the manifest's order.
Error plan_weight_side(element weight, Assembly& a) {
  if (!weight.is_object()) return bad_part(0, "the plan's 'weight' is not an object");
  element e;
  if (!weight["skipped"].get(e))
    if (Error err = skipped_entries(e, a.weight_skipped)) return err;
  if (!weight["warnings"].get(e)) append_strings(e, a.weight_warnings);
  if (!weight["weightUnit"].get(e)) {
    simdjson::dom::array evidence;
    if (e["evidence"].get_array().get(evidence)) return bad_part(0, "the plan's 'weightUnit' has no evidence");
    json::Writer w(a.weight_unit);
    w.object();
    for (const char* k : {"value", "decidedBy", "conflict"}) {
      element v;
      if (!e[k].get(v)) w.key(k).raw(simdjson::minify(v));
    }
    w.key("evidence").array();
    for (element item : evidence) ordered_members(w, item, {"source", "kg", "lb", "of", "verdict", "height"});
    w.end().end();
  }
  if (!weight["weighIns"].get(e)) {
    json::Writer w(a.weigh_ins);
    ordered_members(w, e, {"json", "csv", "matched", "jsonOnly", "csvOnly", "duplicates"});
  }
  return {};
}

Error read_plan_part(element doc, const Options& options, Assembly& a) {
  if (Error err = check_planned_zone(doc, options, "the plan's part")) return err;
  element skipped, e;
  if (doc["skipped"].get(skipped)) return bad_part(0, "the plan's part has no 'skipped'");
  if (doc["skippedFiles"].get(e)) return bad_part(0, "the plan's part has no 'skippedFiles'");
  if (Error err = skipped_files(e, a.skipped_files)) return err;
  if (doc["zoneEvidence"].get(e)) return bad_part(0, "the plan's part has no 'zoneEvidence'");
  if (Error err = zone_evidence(e, a.zone_evidence)) return err;
  if (!doc["zoneWarnings"].get(e)) append_strings(e, a.zone_warnings);
  if (!doc["workoutWarnings"].get(e)) append_strings(e, a.workout_warnings);
  uint64_t input = 0;
  if (!doc["inputBytes"].get_uint64().get(input)) a.input_bytes = input;
  for (const char* s : {"weight", "workouts", "daily", "reference", "other"}) {
    element arr;
    if (!skipped[s].get(arr))
      if (Error e = skipped_entries(arr, a.plan_skipped[s])) return e;
  }
  element weight;
  if (!doc["weight"].get(weight))
    if (Error err = plan_weight_side(weight, a)) return err;
  std::string_view zone;
  if (!doc["profileZone"].get_string().get(zone)) a.profile_zone = std::string(zone);
  if (!doc["profileZoneFile"].get_string().get(zone) && (zone == "Profile.csv" || zone == "User-Profile.json")) a.profile_file = std::string(zone);
  uint64_t n = 0;
  if (!doc["files"]["sleep"].get_uint64().get(n)) a.sleep_files = n;
  if (!doc["files"]["resting_hr"].get_uint64().get(n)) a.resting_hr_files = n;
  if (!doc["files"]["heart_rate"].get_uint64().get(n)) a.heart_rate_files = n;
  if (!doc["files"]["heart_rate_csv"].get_uint64().get(n)) a.heart_rate_csv_files = n;
  if (!doc["files"]["sleep_csv"].get_uint64().get(n)) a.sleep_csv_files = n;
  return {};
}

template <typename Text>
void write_list(json::Writer& w, const std::vector<Text>& items) {
  for (const Text& item : items) w.raw(item);
}

void write_zone(json::Writer& w, const Options& o, const Assembly& a) {
  w.object().key("name");
  if (o.zone_name) w.value(*o.zone_name);
  else w.null();
  // The zone used: chosen by the person ("option"), named by the profile (Profile.csv, or an
  // older export's User-Profile.json: the file's kind is the source), or a fallback the
  // caller filled in (the device's zone, UTC); null when none was given.
  w.key("source");
  if (!o.zone_name) w.null();
  else if (o.zone_explicit) w.value("option");
  else w.value(*o.zone_name == a.profile_zone ? a.profile_file : "fallback");
  w.key("profile");
  if (a.profile_zone.empty()) w.null();
  else w.value(a.profile_zone);
  w.key("evidence").raw(a.zone_evidence);
  w.end();
}

// The whole conversion's output budget (output_budget.h), section by section as the outputs
// come: each step kept within its own files' budget (weight steps with rows within what the
// plan reserved for them); here the sum must fit the input's.
Error check_budget(const Assembly& a, const Section& weight, const Section& workouts, const std::vector<const HealthOutputs*>& made,
                   const Section& other) {
  OutputBudget budget(a.input_bytes);
  if (Error e = budget.reserve(weight.file_count, weight.output_bytes, "the weight files",
                               "leave out weight (convert without the \"weight\" kind)"))
    return e;
  if (Error e = budget.reserve(workouts.file_count, workouts.output_bytes, std::to_string(workouts.file_count) + " workouts",
                               kLeaveOutWorkouts))
    return e;
  uint64_t files = other.file_count, bytes = other.output_bytes;
  for (const HealthOutputs* m : made)
    for (const ProducedFile& f : m->files) {
      ++files;
      bytes += f.bytes.size() + f.path.size() + kManifestEntryBytes;
    }
  return budget.reserve(files, bytes, "the daily activity and reference files",
                        "leave out daily activity or reference files (kinds), or upload fewer files at a time");
}

}  // namespace

// The export's last day holds calories only up to when the export was made: Fitbit writes
// a day's calories minute by minute in local time, to 23:59 for a whole day, and the last
// stops part way (real exports: 15:09, 731 and 842 of 1,440 minutes) — or where a tracker was
// last worn, before other records stop (helper finding: "the export was made then" was said of
// a history whose weigh-ins ran on a year). Written as it is (what
// it holds was measured), with a warning, since Garmin Connect would take its totals as the
// day's (helper finding: nothing was said).
static void partial_last_day(const Gathered& g, HealthOutputs& daily) {
  const DailySpan* calories = nullptr;  // the span of calories' last record
  int64_t last_minute = INT64_MIN;      // any per-minute metric's last record
  for (const DailySpan& s : g.daily_spans) {
    if (s.metric == static_cast<int>(daily::Metric::calories) && (!calories || s.last > calories->last)) calories = &s;
    if (daily::is_per_minute(static_cast<daily::Metric>(s.metric))) last_minute = std::max(last_minute, s.last);
  }
  // Its clock reading is the step's, in the zone the step placed it with (the zone in effect,
  // which assembly is not given: converted back with the conversion's zone, a reading could
  // name another day and clock: review finding); a span of a part without it says nothing.
  if (!calories || calories->last_local == 0 || calories->cut || daily.files.empty()) return;
  const int64_t last = calories->last;
  const int64_t local = calories->last_local;
  const int64_t day = fitbit::day_of(local);
  const int64_t minute = (local - day * 86400) / 60;
  // The day is the CSV's last row, or the row before it: in a zone east of the export's, the
  // steps and distance of its last hours (UTC records) lie on the next local day, whose row
  // then followed the partial day's and the warning was lost (helper finding: a real export
  // converted in Australia/Adelaide). Then the export was made when calories stop only if the
  // other per-minute records stop then too (calories' files may end months before the
  // steps'), and not if the file that holds calories' last record was cut short (checked
  // above: minute_series.cpp reads what lies before its defect, so the stop is the cut's).
  const std::string& last_row = daily.files.back().last;
  if (minute >= 23 * 60 + 59 || (last_row != fitbit::format_day(day) && last_row != fitbit::format_day(day + 1)) ||
      last_minute - last > 86400)
    return;
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(minute / 60), static_cast<int>(minute % 60));
  daily.warnings.push_back("daily CSV: the last day, " + fitbit::format_day(day) + ", holds calories only until " + clock +
                           ", where its records stop (the export was made then, or the tracker was not worn after): its "
                           "totals are for part of the day, and Garmin Connect will take them as the whole day's");
}

Error assemble_parts(const BundleView& in, std::string& out_bundle) {
  Options options;
  if (Error e = parse_options(in.options, options)) return e;
  if (in.files.empty()) return fail(Status::invalid_argument, "assembly needs the plan's part, then every step's part.json");
  Assembly a;
  {
    simdjson::dom::parser parser;
    element doc;
    std::string_view kind;
    const BundleFile& plan = in.files[0];
    if (parser.parse(plan.data.data(), plan.data.size(), !in.padded).get(doc) || !doc.is_object())
      return bad_part(0, "not a JSON object");
    if (doc["kind"].get_string().get(kind)) return bad_part(0, "no 'kind'");
    if (kind != "plan") return bad_part(0, "the first part must be the plan's");
    if (Error e = read_plan_part(doc, options, a)) return e;
  }
  PartReader parts;
  for (size_t i = 1; i < in.files.size(); ++i)
    if (Error e = parts.add(i, in.files[i].data, in.padded, a.g)) return e;
  Gathered& g = a.g;

  // The files only the whole can make: daily CSVs from every step's days, the reference tables.
  HealthOutputs daily_made, reference_made;
  int64_t daily_outside = 0;
  daily::DayList days;
  if (Error e = day_totals(g, daily_outside, days)) return e;
  write_daily_csvs(days, g.metric_read, daily_made);
  partial_last_day(g, daily_made);
  std::vector<GatheredRows::Row> sleep_sorted, sleep_kept;
  reference::TableCsv sleep = g.sleep.csv_of(reference::make_sleep_table(), without_listed_copies(g.sleep.sorted(sleep_sorted), sleep_kept));
  reference::TableCsv resting_hr = g.resting_hr.csv(reference::make_resting_hr_table());
  reference::TableCsv hr_table = reference::heart_rate_daily_csv(g.hr_days);
  // Whether each table has rows, for its note below (add_table takes its text).
  const bool table_written[] = {!sleep.empty(), !resting_hr.empty(), !hr_table.empty()};
  add_table(std::move(sleep), "Garmin Connect cannot import sleep", reference_made,
            a.sleep_csv_files == 0 ? files_of("sleep-*.json", a.sleep_files)
            : a.sleep_files == 0  ? files_of("UserSleeps_*.csv", a.sleep_csv_files)
                                  : files_of("sleep-*.json and UserSleeps_*.csv", a.sleep_files + a.sleep_csv_files));
  add_table(std::move(resting_hr), "Garmin Connect cannot import resting heart rate", reference_made,
            files_of("resting_heart_rate-*.json", a.resting_hr_files));
  add_table(std::move(hr_table),
            "Garmin Connect cannot import heart-rate history (a per-day summary is written; workouts carry their own heart rate)",
            reference_made,
            a.heart_rate_csv_files == 0 ? files_of("heart_rate-*.json", a.heart_rate_files)
            : a.heart_rate_files == 0  ? files_of("heart_rate_*.csv", a.heart_rate_csv_files)
                                       : files_of("heart_rate-*.json and heart_rate_*.csv", a.heart_rate_files + a.heart_rate_csv_files));

  Section& weight = g.sections["weight"];
  Section& workouts = g.sections["workouts"];
  Section& daily = g.sections["daily"];
  Section& other = g.sections["other"];
  if (Error e = check_budget(a, weight, workouts, {&daily_made, &reference_made}, other)) return e;
  // Producers give safe paths of their own (output_paths.h; the plan names every copy of an
  // other file); checked once more, across every step, before anything leaves.
  std::vector<std::string_view> all_paths;
  for (const Section* sec : {&weight, &workouts, &other}) all_paths.insert(all_paths.end(), sec->paths.begin(), sec->paths.end());
  for (const auto* made : {&daily_made, &reference_made})
    for (const ProducedFile& f : made->files) all_paths.push_back(f.path);
  if (Error e = check_output_paths(all_paths)) return e;

  // Said twice, made once: the first warning and IMPORT.txt's first step.
  const std::string missing_parts = missing_parts_warning(options.missing_parts);
  std::vector<std::string> warnings;
  if (!missing_parts.empty()) warnings.push_back(missing_parts);
  warnings.insert(warnings.end(), a.weight_warnings.begin(), a.weight_warnings.end());
  warnings.insert(warnings.end(), weight.warnings.begin(), weight.warnings.end());
  if (options.zone_name && !a.profile_zone.empty() && *options.zone_name != a.profile_zone)
    warnings.push_back("time zone " + *options.zone_name + " was used instead of the profile's " + a.profile_zone);
  warnings.insert(warnings.end(), a.zone_warnings.begin(), a.zone_warnings.end());
  for (const std::string& k : options.kinds)
    if (!fitbit::is_convert_option(k)) warnings.push_back("kind '" + k + "' is not known (weight, workouts, daily, reference)");
  const bool health_files = workouts.file_count > 0 || !daily_made.files.empty() || !reference_made.files.empty() || other.file_count > 0;
  if (!options.zone && health_files) warnings.push_back("no time zone given: local days and activity local times are in UTC");
  warnings.insert(warnings.end(), workouts.warnings.begin(), workouts.warnings.end());
  if (!g.missing_maps.empty())
    warnings.push_back(std::to_string(g.missing_maps.size()) +
                       " workout(s) recorded GPS but are converted without a map (the import steps name them; "
                       "manifest.json's files[].mapMissing says why for each)");
  // How to leave them out, in each way's own words (the API's field alone was said, on the
  // page too: helper finding).
  if (g.auto_detected > 0)
    warnings.push_back(std::to_string(g.auto_detected) +
                       " workout(s) were detected by Fitbit on its own (autoDetected in manifest.json's files[]); to leave "
                       "them out, convert again with \"Include the … Fitbit detected on its own\" unticked on the page, "
                       "--skip-auto-detected in the CLI, or includeAutoDetected: false over the API");
  warnings.insert(warnings.end(), a.workout_warnings.begin(), a.workout_warnings.end());
  warnings.insert(warnings.end(), daily_made.warnings.begin(), daily_made.warnings.end());
  if (daily_outside > 0)
    warnings.push_back("daily: " + std::to_string(daily_outside) +
                       " record(s) lie outside their own file's days, at times another file of the same kind "
                       "holds too (the files overlap), and were left out so that no minute counts twice");

  // The reference tables' notes follow each kind's own problems (sleep, then resting heart
  // rate, then heart rate): add_table wrote them in that order.
  std::vector<std::string> table_notes;
  for (const fitbit::Problem& p : reference_made.skipped) {
    std::string note;
    json::Writer nw(note);
    write_skipped(nw, {p});
    table_notes.push_back(note.substr(1, note.size() - 2));  // the entry without its array
  }
  std::string manifest;
  json::Writer w(manifest);
  w.object().member("generator", kGenerator).key("timeZone");
  write_zone(w, options, a);
  // The plan's, when it made the weigh-ins; else the last weight part's (a plan made before).
  const std::string& unit = a.weight_unit.empty() ? g.weight_unit : a.weight_unit;
  const std::string& weigh_ins = a.weigh_ins.empty() ? g.weigh_ins : a.weigh_ins;
  w.key("weightUnit");
  if (options.wants("weight") && !unit.empty()) w.raw(unit);
  else w.null();
  w.key("weighIns");
  if (options.wants("weight") && !weigh_ins.empty()) w.raw(weigh_ins);
  else w.null();
  w.key("files").array();
  write_list(w, weight.files);
  write_list(w, workouts.files);
  for (const auto* made : {&daily_made, &reference_made})
    for (const ProducedFile& f : made->files) write_file_entry(w, f);
  write_list(w, other.files);
  w.end().key("skipped").array();
  // Each entry once across the sections too: a heart-rate day no step can read is said by the
  // workouts that read it and by the heart-rate table's step (helper finding: named twice).
  NameSet said;  // the parts' entries: a tree (same_bytes.h BytesLess)
  const auto once = [&](const auto& items) {
    for (const auto& item : items)
      if (said.insert(std::string_view(item)).second) w.raw(item);
  };
  once(a.plan_skipped["weight"]);
  once(a.weight_skipped);
  once(weight.skipped);
  once(a.plan_skipped["workouts"]);
  once(workouts.skipped);
  once(daily.skipped);
  once(a.plan_skipped["daily"]);
  size_t note = 0;
  const char* const table_kinds[] = {"sleep", "resting_hr", "heart_rate"};
  for (size_t t = 0; t < 3; ++t) {
    once(g.sections[table_kinds[t]].skipped);
    if (table_written[t] && note < table_notes.size()) w.raw(table_notes[note++]);
  }
  once(other.skipped);
  for (const char* k : {"other", "reference"}) once(a.plan_skipped[k]);
  w.end().key("skippedFiles").raw(a.skipped_files).key("warnings");
  write_strings(w, warnings);
  // One source for how to import: the steps in the manifest, and IMPORT.txt rendered from them.
  ImportCounts counts;
  counts.weight = weight.file_count;
  counts.activities = workouts.file_count;
  counts.daily = daily_made.files.size();
  counts.reference = reference_made.files.size() + other.file_count;
  counts.missing_maps = g.missing_maps;
  counts.implausible_left_out = g.implausible_left_out;
  counts.missing_parts = missing_parts;
  const std::vector<ImportStep> import = import_steps(counts);
  w.key("importSteps");
  write_import_steps(w, import);
  w.end();
  manifest += "\n";

  BundleWriter out;
  out.add("manifest.json", manifest);
  out.add("IMPORT.txt", import_text(import));
  for (const auto* made : {&daily_made, &reference_made})
    for (const ProducedFile& f : made->files) out.add(f.path, f.bytes);
  out_bundle = out.finish();
  return {};
}

}  // namespace ts::convert
