#include "core/convert/report_json.h"

#include <algorithm>

#include "core/common/civil_time.h"
#include "core/common/json_text.h"

namespace ts::convert {

void append_unit_json(std::string& out, const weight::UnitDecision& d) {
  out += "{\"value\":";
  json::append_string(out, weight::unit_name(d.unit));
  out += ",\"decidedBy\":";
  json::append_string(out, d.decided_by);
  out += std::string(",\"conflict\":") + (d.conflict ? "true" : "false");
  out += ",\"evidence\":[";
  for (size_t i = 0; i < d.evidence.size(); ++i) {
    const weight::Evidence& e = d.evidence[i];
    if (i) out += ",";
    out += "{\"source\":";
    json::append_string(out, e.source);
    out += ",\"kg\":" + std::to_string(e.kg) + ",\"lb\":" + std::to_string(e.lb) + ",\"of\":" + std::to_string(e.of) +
           ",\"verdict\":";
    if (e.verdict) json::append_string(out, weight::unit_name(*e.verdict));
    else out += "null";
    if (!e.height.empty()) {
      out += ",\"height\":";
      json::append_string(out, e.height);
    }
    out += "}";
  }
  out += "]}";
}

void append_skipped_json(std::string& out, const fitbit::Problems& problems) {
  out += "[";
  for (size_t i = 0; i < problems.size(); ++i) {
    const fitbit::Problem& p = problems[i];
    if (i) out += ",";
    out += "{\"source\":";
    json::append_string(out, p.file);
    if (p.index >= 0) out += ",\"index\":" + std::to_string(p.index);
    out += ",\"reason\":";
    json::append_string(out, p.reason);
    out += "}";
  }
  out += "]";
}

void append_skipped_files_json(std::string& out, const fitbit::SkipList& skipped) {
  out += "[";
  bool first = true;
  for (const fitbit::SkipGroup& g : skipped.groups()) {
    if (!first) out += ",";
    first = false;
    out += "{\"code\":";
    json::append_string(out, fitbit::skip_code(g.reason));
    out += ",\"reason\":";
    json::append_string(out, fitbit::skip_sentence(g.reason));
    out += ",\"files\":" + std::to_string(g.files) + ",\"paths\":";
    append_string_array(out, g.paths);
    out += "}";
  }
  out += "]";
}

void append_weigh_in_sources_json(std::string& out, const WeightPlan& plan) {
  const weight::MergedSources& m = plan.merged;
  out += "{\"json\":" + std::to_string(m.logs) + ",\"csv\":" + std::to_string(m.rows) +
         ",\"matched\":" + std::to_string(m.pairs.size()) + ",\"jsonOnly\":" + std::to_string(m.json_only.size()) +
         ",\"csvOnly\":" + std::to_string(m.csv_only.size()) +
         ",\"duplicates\":" + std::to_string(m.duplicate_logs + m.duplicate_rows) + "}";
}

void append_zone_evidence_json(std::string& out, const WeightPlan& plan, const Options& options) {
  out += "{\"periods\":[";
  for (size_t i = 0; i < plan.periods.size(); ++i) {
    const tz::OffsetPeriod& p = plan.periods[i];
    if (i) out += ",";
    out += "{\"from\":";
    json::append_string(out, civil::iso_utc(p.first_utc));
    out += ",\"to\":";
    json::append_string(out, civil::iso_utc(p.last_utc));
    out += ",\"offset\":";
    json::append_string(out, tz::offset_text(p.offset_sec));
    out += ",\"weighIns\":" + std::to_string(p.observations) + ",\"agrees\":";
    out += !options.zone ? "null" : p.disagreeing == 0 ? "true" : "false";
    out += "}";
  }
  out += "],\"comparedWith\":";
  if (options.zone && options.zone_name) json::append_string(out, *options.zone_name);
  else out += "null";
  out += std::string(",\"explicit\":") + (options.zone_explicit ? "true" : "false") + "}";
}

void zone_warnings(const WeightPlan& plan, const Options& options, const std::string& profile_zone,
                   std::vector<std::string>& out) {
  if (!options.zone || plan.periods.empty()) return;
  size_t disagree = 0, total = 0;
  int64_t from = 0, to = 0;
  std::vector<int32_t> offsets;
  for (const tz::OffsetPeriod& p : plan.periods) {
    total += p.observations;
    if (p.disagreeing == 0) continue;
    if (disagree == 0) from = p.first_utc;
    to = p.last_utc;
    disagree += p.disagreeing;
    if (std::find(offsets.begin(), offsets.end(), p.offset_sec) == offsets.end()) offsets.push_back(p.offset_sec);
  }
  if (disagree == 0) return;
  std::string seen;
  for (int32_t o : offsets) seen += (seen.empty() ? "UTC" : ", UTC") + tz::offset_text(o);
  const std::string name = options.zone_name ? *options.zone_name : std::string("the chosen zone");
  const std::string named = name + (options.zone_name && *options.zone_name == profile_zone && !options.zone_explicit
                                         ? " (Profile.csv)" : "");
  std::string w = std::to_string(disagree) + " of " + std::to_string(total) +
                  " weigh-ins found in both weight.csv and the weight logs show a UTC offset " + named +
                  " does not have at that moment (" + seen + ", between " + civil::iso_date(from) + " and " +
                  civil::iso_date(to) + "); ";
  if (options.zone_explicit)
    w += name + " was used for every local time, as chosen; leave the zone unset to follow the export's own offsets";
  else
    w += "the export's own offsets were used for the weigh-ins and local times around them, " + name + " elsewhere";
  out.push_back(std::move(w));
}

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out += "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ",";
    json::append_string(out, items[i]);
  }
  out += "]";
}

void weight_warnings(const weight::UnitDecision& unit, const weight::WeighIns& w, std::vector<std::string>& out) {
  if (unit.conflict && unit.decided_by != "option") {
    std::string said;
    for (const weight::Evidence& e : unit.evidence)
      if (e.verdict) said += (said.empty() ? "" : ", ") + e.source + " says " + weight::unit_name(*e.verdict);
    out.push_back("weight unit: the export's evidence disagrees (" + said + "); " + unit.decided_by +
                  ", the strongest, decided. Check one value, and set the unit if it is wrong");
  }
  if (unit.decided_by == "default")
    out.push_back("weight unit: no evidence either way; pounds assumed (what Fitbit exports use). Check one value, and "
                  "set the unit if it is wrong");
  if (unit.evidence_disagrees)
    out.push_back(std::string("weight unit: the chosen unit (") + weight::unit_name(unit.unit) +
                  ") contradicts the export's own evidence; check one value");
  if (w.duplicates > 0) out.push_back(std::to_string(w.duplicates) + " exact duplicate weigh-ins removed");
  if (w.nonexistent > 0)
    out.push_back(std::to_string(w.nonexistent) +
                  " weigh-ins fell in a daylight-saving gap (a clock time that did not exist); read with the offset "
                  "before the change");
  if (w.ambiguous > 0)
    out.push_back(std::to_string(w.ambiguous) +
                  " weigh-ins fell in a repeated hour when clocks went back; the first occurrence was used");
}

}  // namespace ts::convert
