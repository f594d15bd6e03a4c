// ts_assemble: the plan's part and every step's part.json, in plan order, into manifest.json,
// IMPORT.txt and the files only the whole can make (the 75-day Activities CSVs and the
// reference tables). Reads only parts: small whatever the export's size.
#include <algorithm>
#include <map>

#include "core/common/json_members.h"
#include "core/common/json_writer.h"
#include "core/common/same_bytes.h"
#include "core/convert/convert.h"
#include "core/convert/daily_outputs.h"
#include "core/convert/import_steps.h"
#include "core/convert/options.h"
#include "core/convert/output_budget.h"
#include "core/convert/output_paths.h"
#include "core/convert/part_json.h"
#include "core/convert/planned_zone.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/report_json.h"
#include "core/convert/steps.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/file_kinds.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"
#include "simdjson.h"

namespace ts::convert {

namespace {

using simdjson::dom::element;

// The members of a step part assembly reads (common/json_members.h: found in one pass).
enum class PartMember : uint8_t {
  kind, files, outputBytes, skipped, warnings, weightUnit, weighIns, autoDetected, implausibleLeftOut, missingMaps,
  metric, read, outside, days, rows, firstDay, lastDay, hrDays,
};
constexpr std::string_view kPartMemberNames[] = {
    "kind", "files", "outputBytes", "skipped", "warnings", "weightUnit", "weighIns", "autoDetected", "implausibleLeftOut",
    "missingMaps", "metric", "read", "outside", "days", "rows", "firstDay", "lastDay", "hrDays",
};
using PartMembers = json::Members<sizeof(kPartMemberNames) / sizeof(kPartMemberNames[0])>;

Error bad_part(size_t i, const std::string& what) {
  return fail(Status::format, "part " + std::to_string(i) + " is not one the core wrote (" + what + ")");
}

// JSON text pieces, in order, for one section of the manifest.
struct Section {
  std::vector<std::string> files, skipped, warnings;
  std::vector<std::string> paths;  // of `files`, for the last check of every output path
  uint64_t output_bytes = 0;
};

struct Assembly {
  std::map<std::string, Section> sections;  // by part kind
  std::map<std::string, std::vector<std::string>> plan_skipped;
  std::string profile_zone;
  std::string skipped_files, zone_evidence;  // JSON, rewritten in the manifest's member order
  std::vector<std::string> zone_warnings;
  uint64_t input_bytes = 0;
  std::string weigh_ins;  // JSON object (weight), or empty
  std::vector<std::string> missing_maps;
  size_t implausible_left_out = 0;
  size_t sleep_files = 0, resting_hr_files = 0, heart_rate_files = 0;
  std::string weight_unit;  // JSON object, or empty
  size_t auto_detected = 0;
  int64_t daily_outside = 0;
  bool metric_read[daily::kMetricCount] = {};
  std::map<int64_t, daily::DayTotals> days;
  reference::ReferenceTable sleep = reference::make_sleep_table();
  reference::ReferenceTable resting_hr = reference::make_resting_hr_table();
  reference::HeartRateDays hr_days;
};

void minified_items(element arr, std::vector<std::string>& out) {
  simdjson::dom::array a;
  if (arr.get_array().get(a)) return;
  for (element e : a) out.push_back(simdjson::minify(e));
}

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

void strings(element arr, std::vector<std::string>& out) {
  simdjson::dom::array a;
  if (arr.get_array().get(a)) return;
  for (element e : a) {
    std::string_view text;
    if (!e.get_string().get(text)) out.emplace_back(text);
  }
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

// zoneEvidence: {"periods":[{"from","to","offset","weighIns","agrees"}],"comparedWith","explicit"}.
Error zone_evidence(element e, std::string& out) {
  simdjson::dom::array periods;
  if (e["periods"].get_array().get(periods)) return bad_part(0, "a 'zoneEvidence' without periods");
  json::Writer w(out);
  w.object().key("periods").array();
  for (element p : periods) ordered_members(w, p, {"from", "to", "offset", "weighIns", "agrees"});
  w.end();
  element v;
  if (!e["comparedWith"].get(v)) w.key("comparedWith").raw(simdjson::minify(v));
  if (!e["explicit"].get(v)) w.key("explicit").raw(simdjson::minify(v));
  w.end();
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
  if (!doc["zoneWarnings"].get(e)) strings(e, a.zone_warnings);
  uint64_t input = 0;
  if (!doc["inputBytes"].get_uint64().get(input)) a.input_bytes = input;
  for (const char* s : {"weight", "workouts", "daily", "reference", "other"}) {
    element arr;
    if (!skipped[s].get(arr))
      if (Error e = skipped_entries(arr, a.plan_skipped[s])) return e;
  }
  std::string_view zone;
  if (!doc["profileZone"].get_string().get(zone)) a.profile_zone = std::string(zone);
  uint64_t n = 0;
  if (!doc["files"]["sleep"].get_uint64().get(n)) a.sleep_files = n;
  if (!doc["files"]["resting_hr"].get_uint64().get(n)) a.resting_hr_files = n;
  if (!doc["files"]["heart_rate"].get_uint64().get(n)) a.heart_rate_files = n;
  return {};
}

void add_rows(const PartMembers& doc, reference::ReferenceTable& t) {
  simdjson::dom::array rows;
  if (doc[PartMember::rows].get_array().get(rows)) return;
  for (element r : rows) {
    std::string_view key, row;
    if (r.at(0).get_string().get(key) || r.at(1).get_string().get(row)) continue;
    t.rows.emplace(std::string(key), std::string(row));  // the first of a repeated key wins
  }
  int64_t first, last;
  if (!doc[PartMember::firstDay].get_int64().get(first) && first < t.first_day) t.first_day = first;
  if (!doc[PartMember::lastDay].get_int64().get(last) && last > t.last_day) t.last_day = last;
}

Error read_step_part(size_t i, const PartMembers& doc, std::string_view kind, Assembly& a) {
  // The kind told apart once (each == on a string_view is a memcmp call in WASM).
  const bool weight = same_bytes(kind, "weight"), workouts = same_bytes(kind, "workouts");
  Section& s = a.sections[std::string(kind)];
  element e;
  simdjson::dom::array entries;
  if (!doc[PartMember::files].get_array().get(entries))
    for (element f : entries) {
      s.files.push_back(simdjson::minify(f));
      std::string_view path;
      if (f["path"].get_string().get(path)) return bad_part(i, "a file entry without its path");
      s.paths.emplace_back(path);
    }
  uint64_t bytes = 0;
  if (!doc[PartMember::outputBytes].get_uint64().get(bytes)) s.output_bytes += bytes;
  if (!doc[PartMember::skipped].get(e)) minified_items(e, s.skipped);
  simdjson::dom::array warnings;
  if (!doc[PartMember::warnings].get_array().get(warnings))
    for (element w : warnings) {
      std::string_view text;
      if (!w.get_string().get(text)) s.warnings.emplace_back(text);
    }
  if (weight && !doc[PartMember::weightUnit].get(e)) a.weight_unit = simdjson::minify(e);
  if (weight && !doc[PartMember::weighIns].get(e)) a.weigh_ins = simdjson::minify(e);
  uint64_t n = 0;
  if (workouts && !doc[PartMember::autoDetected].get_uint64().get(n)) a.auto_detected += n;
  if (workouts && !doc[PartMember::implausibleLeftOut].get_uint64().get(n)) a.implausible_left_out += n;
  if (workouts && !doc[PartMember::missingMaps].get(e)) strings(e, a.missing_maps);
  if (same_bytes(kind, "daily")) {
    std::string_view metric;
    daily::Metric m;
    if (doc[PartMember::metric].get_string().get(metric) || !daily::metric_of_file(std::string(metric) + "-0.json", m))
      return bad_part(i, "a daily part without its metric");
    const int mi = static_cast<int>(m);
    bool read = false;
    if (!doc[PartMember::read].get_bool().get(read) && read) a.metric_read[mi] = true;
    int64_t outside = 0;
    if (!doc[PartMember::outside].get_int64().get(outside)) a.daily_outside += outside;
    simdjson::dom::array days;
    if (!doc[PartMember::days].get_array().get(days))
      for (element d : days) {
        int64_t day;
        double v;
        if (d.at(0).get_int64().get(day) || d.at(1).get_double().get(v)) return bad_part(i, "a day that is not [day, value]");
        daily::DayTotals& t = a.days[day];
        t.value[mi] += v;
        t.has[mi] = true;
      }
  }
  if (same_bytes(kind, "sleep")) add_rows(doc, a.sleep);
  if (same_bytes(kind, "resting_hr")) add_rows(doc, a.resting_hr);
  if (same_bytes(kind, "heart_rate")) {
    simdjson::dom::array days;
    if (!doc[PartMember::hrDays].get_array().get(days))
      for (element d : days) {
        int64_t day, lo, hi, sum, count;
        if (d.at(0).get_int64().get(day) || d.at(1).get_int64().get(lo) || d.at(2).get_int64().get(hi) ||
            d.at(3).get_int64().get(sum) || d.at(4).get_int64().get(count))
          return bad_part(i, "a heart-rate day that is not [day, min, max, sum, readings]");
        reference::HeartRateDay& h = a.hr_days[day];
        h.min_bpm = std::min<int32_t>(h.min_bpm, static_cast<int32_t>(lo));
        h.max_bpm = std::max<int32_t>(h.max_bpm, static_cast<int32_t>(hi));
        h.sum += sum;
        h.readings += count;
      }
  }
  return {};
}

void write_list(json::Writer& w, const std::vector<std::string>& items) {
  for (const std::string& item : items) w.raw(item);
}

void write_zone(json::Writer& w, const Options& o, const Assembly& a) {
  w.object().key("name");
  if (o.zone_name) w.value(*o.zone_name);
  else w.null();
  // The zone used: chosen by the person ("option"), named by Profile.csv, or a fallback the
  // caller filled in (the device's zone, UTC); null when none was given.
  w.key("source");
  if (!o.zone_name) w.null();
  else if (o.zone_explicit) w.value("option");
  else w.value(*o.zone_name == a.profile_zone ? "Profile.csv" : "fallback");
  w.key("profile");
  if (a.profile_zone.empty()) w.null();
  else w.value(a.profile_zone);
  w.key("evidence").raw(a.zone_evidence);
  w.end();
}

// The whole conversion's output budget (output_budget.h), section by section as the outputs
// come: each step kept within its own files' budget; here the sum must fit the input's.
Error check_budget(const Assembly& a, const Section& weight, const Section& workouts, const std::vector<const HealthOutputs*>& made,
                   const Section& other) {
  OutputBudget budget(a.input_bytes);
  if (Error e = budget.reserve(weight.files.size(), weight.output_bytes, "the weight files",
                               "leave out weight (convert without the \"weight\" kind)"))
    return e;
  if (Error e = budget.reserve(workouts.files.size(), workouts.output_bytes, std::to_string(workouts.files.size()) + " workouts",
                               kLeaveOutWorkouts))
    return e;
  uint64_t files = other.files.size(), bytes = other.output_bytes;
  for (const HealthOutputs* m : made)
    for (const ProducedFile& f : m->files) {
      ++files;
      bytes += f.bytes.size() + f.path.size() + kManifestEntryBytes;
    }
  return budget.reserve(files, bytes, "the daily activity and reference files",
                        "leave out daily activity or reference files (kinds), or upload fewer files at a time");
}

}  // namespace

Error assemble_parts(const BundleView& in, std::string& out_bundle) {
  Options options;
  if (Error e = parse_options(in.options, options)) return e;
  if (in.files.empty()) return fail(Status::invalid_argument, "assembly needs the plan's part, then every step's part.json");
  Assembly a;
  simdjson::dom::parser parser;
  for (size_t i = 0; i < in.files.size(); ++i) {
    element doc;
    if (parser.parse(in.files[i].data.data(), in.files[i].data.size(), !in.padded).get(doc) || !doc.is_object())
      return bad_part(i, "not a JSON object");
    std::string_view kind;
    if (i == 0) {
      if (doc["kind"].get_string().get(kind)) return bad_part(i, "no 'kind'");
      if (kind != "plan") return bad_part(i, "the first part must be the plan's");
      if (Error e = read_plan_part(doc, options, a)) return e;
      continue;
    }
    const PartMembers members(doc.get_object().value_unsafe(), kPartMemberNames);  // an object: checked above
    if (members[PartMember::kind].get_string().get(kind)) return bad_part(i, "no 'kind'");
    if (same_bytes(kind, "plan")) return bad_part(i, "a second plan part");
    if (Error e = read_step_part(i, members, kind, a)) return e;
  }

  // The files only the whole can make: daily CSVs from every step's days, the reference tables.
  HealthOutputs daily_made, reference_made;
  write_daily_csvs(a.days, a.metric_read, daily_made);
  add_table(a.sleep, "Garmin Connect cannot import sleep", reference_made, files_of("sleep-*.json", a.sleep_files));
  add_table(a.resting_hr, "Garmin Connect cannot import resting heart rate", reference_made,
            files_of("resting_heart_rate-*.json", a.resting_hr_files));
  const reference::ReferenceTable hr_table = reference::heart_rate_daily_table(a.hr_days);
  add_table(hr_table,
            "Garmin Connect cannot import heart-rate history (a per-day summary is written; workouts carry their own heart rate)",
            reference_made, files_of("heart_rate-*.json", a.heart_rate_files));

  Section& weight = a.sections["weight"];
  Section& workouts = a.sections["workouts"];
  Section& daily = a.sections["daily"];
  Section& other = a.sections["other"];
  if (Error e = check_budget(a, weight, workouts, {&daily_made, &reference_made}, other)) return e;
  // Producers give safe paths of their own (output_paths.h; the plan names every copy of an
  // other file); checked once more, across every step, before anything leaves.
  std::vector<ProducedFile> all_paths;
  auto add_path = [&](const std::string& path) {
    all_paths.emplace_back();
    all_paths.back().path = path;
  };
  for (const Section* sec : {&weight, &workouts, &other})
    for (const std::string& path : sec->paths) add_path(path);
  for (const auto* made : {&daily_made, &reference_made})
    for (const ProducedFile& f : made->files) add_path(f.path);
  if (Error e = check_output_paths(all_paths)) return e;

  std::vector<std::string> warnings = weight.warnings;
  if (options.zone_name && !a.profile_zone.empty() && *options.zone_name != a.profile_zone)
    warnings.push_back("time zone " + *options.zone_name + " was used instead of the profile's " + a.profile_zone);
  warnings.insert(warnings.end(), a.zone_warnings.begin(), a.zone_warnings.end());
  for (const std::string& k : options.kinds)
    if (!fitbit::is_convert_option(k)) warnings.push_back("kind '" + k + "' is not known (weight, workouts, daily, reference)");
  const bool health_files = !workouts.files.empty() || !daily_made.files.empty() || !reference_made.files.empty() || !other.files.empty();
  if (!options.zone && health_files) warnings.push_back("no time zone given: local days and activity local times are in UTC");
  warnings.insert(warnings.end(), workouts.warnings.begin(), workouts.warnings.end());
  if (!a.missing_maps.empty())
    warnings.push_back(std::to_string(a.missing_maps.size()) +
                       " workout(s) recorded GPS but are converted without a map (files[].mapMissing says why for each)");
  if (a.auto_detected > 0)
    warnings.push_back(std::to_string(a.auto_detected) +
                       " workout(s) were auto-detected by Fitbit (flagged autoDetected in files[]); "
                       "convert with includeAutoDetected=false to leave them out");
  warnings.insert(warnings.end(), daily_made.warnings.begin(), daily_made.warnings.end());
  if (a.daily_outside > 0)
    warnings.push_back("daily: " + std::to_string(a.daily_outside) +
                       " record(s) lie in the span of another file of the same kind (from its date to the next one's) "
                       "and were counted from that file only");

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
  w.key("weightUnit");
  if (options.wants("weight") && !a.weight_unit.empty()) w.raw(a.weight_unit);
  else w.null();
  w.key("weighIns");
  if (options.wants("weight") && !a.weigh_ins.empty()) w.raw(a.weigh_ins);
  else w.null();
  w.key("files").array();
  write_list(w, weight.files);
  write_list(w, workouts.files);
  for (const auto* made : {&daily_made, &reference_made})
    for (const ProducedFile& f : made->files) write_file_entry(w, f);
  write_list(w, other.files);
  w.end().key("skipped").array();
  write_list(w, a.plan_skipped["weight"]);
  write_list(w, weight.skipped);
  write_list(w, a.plan_skipped["workouts"]);
  write_list(w, workouts.skipped);
  write_list(w, daily.skipped);
  write_list(w, a.plan_skipped["daily"]);
  size_t note = 0;
  const std::pair<const char*, const reference::ReferenceTable*> tables[] = {
      {"sleep", &a.sleep}, {"resting_hr", &a.resting_hr}, {"heart_rate", &hr_table}};
  for (const auto& [kind, table] : tables) {
    write_list(w, a.sections[kind].skipped);
    if (!table->empty() && note < table_notes.size()) w.raw(table_notes[note++]);
  }
  write_list(w, other.skipped);
  for (const char* k : {"other", "reference"}) write_list(w, a.plan_skipped[k]);
  w.end().key("skippedFiles").raw(a.skipped_files).key("warnings");
  write_strings(w, warnings);
  // One source for how to import: the steps in the manifest, and IMPORT.txt rendered from them.
  ImportCounts counts;
  counts.weight = weight.files.size();
  counts.activities = workouts.files.size();
  counts.daily = daily_made.files.size();
  counts.reference = reference_made.files.size() + other.files.size();
  counts.missing_maps = a.missing_maps;
  counts.implausible_left_out = a.implausible_left_out;
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
