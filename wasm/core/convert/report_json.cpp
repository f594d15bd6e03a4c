#include "core/convert/report_json.h"

#include <map>


namespace ts::convert {

void write_unit(json::Writer& w, const weight::UnitDecision& d) {
  w.object().member("value", weight::unit_name(d.unit)).member("decidedBy", d.decided_by).key("evidence").array();
  for (const weight::Evidence& e : d.evidence) {
    w.object().member("source", e.source).member("kg", e.kg).member("lb", e.lb).member("of", e.of).key("verdict");
    if (e.verdict) w.value(weight::unit_name(*e.verdict));
    else w.null();
    w.end();
  }
  w.end().end();
}

void write_skipped(json::Writer& w, const fitbit::Problems& problems, const std::vector<std::string>& unknown) {
  w.array();
  for (const fitbit::Problem& p : problems) {
    w.object().member("source", p.file);
    if (p.index >= 0) w.member("index", p.index);
    w.member("reason", p.reason).end();
  }
  std::map<std::string, int> folders;  // sorted: deterministic
  for (const std::string& path : unknown) {
    const size_t slash = path.find_last_of('/');
    ++folders[slash == std::string::npos ? std::string() : path.substr(0, slash + 1)];
  }
  for (const auto& [folder, n] : folders)
    w.object()
        .member("source", folder.empty() ? "./" : folder)
        .member("files", n)
        .member("reason", "not a kind this version converts")
        .end();
  w.end();
}

void write_strings(json::Writer& w, const std::vector<std::string>& items) {
  w.array();
  for (const std::string& s : items) w.value(s);
  w.end();
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
