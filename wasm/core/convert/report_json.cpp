#include "core/convert/report_json.h"

#include <map>

#include "core/common/json_text.h"

namespace ts::convert {

void append_unit_json(std::string& out, const weight::UnitDecision& d) {
  out += "{\"value\":";
  json::append_string(out, weight::unit_name(d.unit));
  out += ",\"decidedBy\":";
  json::append_string(out, d.decided_by);
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
    out += "}";
  }
  out += "]}";
}

void append_skipped_json(std::string& out, const fitbit::Problems& problems, const std::vector<std::string>& unknown) {
  out += "[";
  bool first = true;
  for (const fitbit::Problem& p : problems) {
    if (!first) out += ",";
    first = false;
    out += "{\"source\":";
    json::append_string(out, p.file);
    if (p.index >= 0) out += ",\"index\":" + std::to_string(p.index);
    out += ",\"reason\":";
    json::append_string(out, p.reason);
    out += "}";
  }
  std::map<std::string, int> folders;  // sorted: deterministic
  for (const std::string& path : unknown) {
    const size_t slash = path.find_last_of('/');
    ++folders[slash == std::string::npos ? std::string() : path.substr(0, slash + 1)];
  }
  for (const auto& [folder, n] : folders) {
    if (!first) out += ",";
    first = false;
    out += "{\"source\":";
    json::append_string(out, folder.empty() ? "./" : folder);
    out += ",\"files\":" + std::to_string(n) + ",\"reason\":\"not a kind this version converts\"}";
  }
  out += "]";
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
