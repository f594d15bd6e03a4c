#include "core/convert/options.h"

#include "core/weight/weight_fit.h"
#include "simdjson.h"

namespace ts::convert {

namespace {
Error bad(const std::string& what) { return fail(Status::invalid_argument, "option " + what); }
}  // namespace

Error parse_zone(simdjson::dom::element e, Options& out) {
  simdjson::dom::object tz;
  if (e.get_object().get(tz)) return bad("'timeZone' must be an object {name, transitions}");
  std::string_view name;
  if (!tz["name"].get_string().get(name)) out.zone_name = std::string(name);
  simdjson::dom::element ex;
  if (!tz["explicit"].get(ex) && !ex.is_null() && ex.get_bool().get(out.zone_explicit))
    return bad("'timeZone.explicit' must be true or false");
  simdjson::dom::array arr;
  if (tz["transitions"].get_array().get(arr)) return bad("'timeZone.transitions' must be an array of [utcSec, offsetSec]");
  std::vector<tz::Transition> list;
  size_t i = 0;
  for (simdjson::dom::element t : arr) {
    simdjson::dom::array pair;
    int64_t utc = 0, off = 0;
    if (t.get_array().get(pair) || pair.size() != 2 || pair.at(0).get_int64().get(utc) || pair.at(1).get_int64().get(off) ||
        off < -tz::kMaxOffsetSec || off > tz::kMaxOffsetSec)
      return bad("'timeZone.transitions[" + std::to_string(i) + "]' must be [utcSec, offsetSec] in whole seconds");
    list.push_back({utc, static_cast<int32_t>(off)});
    ++i;
  }
  tz::Zone zone;
  if (Error e = tz::Zone::make(std::move(list), zone)) return e;
  out.zone = std::move(zone);
  return {};
}

bool Options::wants(std::string_view kind) const {
  if (kinds.empty()) return true;
  for (const auto& k : kinds)
    if (k == kind) return true;
  return false;
}

Error parse_options(std::string_view json, Options& out) {
  out = Options{};
  if (json.empty()) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size(), true).get(doc)) return fail(Status::format, "options are not a JSON object");
  return parse_options(doc, out);
}

Error parse_options(simdjson::dom::element doc, Options& out) {
  out = Options{};
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return fail(Status::format, "options are not a JSON object");
  simdjson::dom::element e;
  if (!obj["timeZone"].get(e) && !e.is_null())
    if (Error err = parse_zone(e, out)) return err;
  if (!obj["weightUnit"].get(e) && !e.is_null()) {
    std::string_view u;
    if (e.get_string().get(u) || (u != "auto" && u != "lb" && u != "kg")) return bad("'weightUnit' must be \"auto\", \"lb\" or \"kg\"");
    if (u == "lb") out.weight_unit = weight::Unit::lb;
    if (u == "kg") out.weight_unit = weight::Unit::kg;
  }
  if (!obj["kinds"].get(e) && !e.is_null()) {
    simdjson::dom::array arr;
    if (e.get_array().get(arr)) return bad("'kinds' must be an array of strings");
    for (simdjson::dom::element k : arr) {
      std::string_view s;
      if (k.get_string().get(s)) return bad("'kinds' must be an array of strings");
      out.kinds.emplace_back(s);
    }
  }
  if (!obj["includeAutoDetected"].get(e) && !e.is_null())
    if (e.get_bool().get(out.include_auto_detected)) return bad("'includeAutoDetected' must be true or false");
  if (!obj["includeImplausible"].get(e) && !e.is_null())
    if (e.get_bool().get(out.include_implausible)) return bad("'includeImplausible' must be true or false");
  if (!obj["weightEntriesPerFile"].get(e) && !e.is_null()) {
    int64_t n = 0;
    if (e.get_int64().get(n) || n < 1 || n > static_cast<int64_t>(weight::kMaxPerFile))
      return bad("'weightEntriesPerFile' must be an integer from 1 to " + std::to_string(weight::kMaxPerFile));
    out.weight_per_file = static_cast<uint32_t>(n);
  }
  return {};
}

}  // namespace ts::convert
