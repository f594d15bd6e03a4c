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

namespace {
// [{"takeout": "takeout-20240101T000000Z", "missing": [2, 4]}, …]: a name of letters, digits
// and '-' (what Takeout's archive names hold before the part number), parts 1-999 ascending.
Error parse_missing_parts(simdjson::dom::element e, std::vector<MissingParts>& out) {
  const Error shape = bad("'missingParts' must be [{\"takeout\": \"takeout-20240101T000000Z\", \"missing\": [2]}, …]: at most " +
                          std::to_string(kMaxMissingPartsExports) + " exports, each with at most " + std::to_string(kMaxMissingParts) +
                          " part numbers from 1 to 999 in ascending order");
  simdjson::dom::array list;
  if (e.get_array().get(list) || list.size() > kMaxMissingPartsExports) return shape;
  for (simdjson::dom::element item : list) {
    MissingParts m;
    std::string_view name;
    simdjson::dom::array parts;
    simdjson::dom::object members;
    // Exactly its two members: a misspelt one ("mising") is refused, not dropped (attack finding).
    if (item.get_object().get(members) || members.size() != 2 || item["takeout"].get_string().get(name) || name.empty() || name.size() > kMaxTakeoutName || item["missing"].get_array().get(parts) ||
        parts.size() == 0 || parts.size() > kMaxMissingParts)
      return shape;
    for (char c : name)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return shape;
    m.takeout = std::string(name);
    for (simdjson::dom::element p : parts) {
      int64_t n = 0;
      if (p.get_int64().get(n) || n < 1 || n > 999 || (!m.missing.empty() && n <= m.missing.back())) return shape;
      m.missing.push_back(static_cast<int>(n));
    }
    out.push_back(std::move(m));
  }
  return {};
}
}  // namespace

std::string missing_parts_warning(const std::vector<MissingParts>& parts) {
  std::string out;
  for (const MissingParts& m : parts) {
    // Ten numbers at most, then how many in all.
    constexpr size_t kListed = 10;
    std::string list;
    const size_t listed = m.missing.size() > kListed ? kListed : m.missing.size();
    for (size_t i = 0; i < listed; ++i)
      list += (i == 0 ? "" : i + 1 == m.missing.size() ? " and " : ", ") + std::to_string(m.missing[i]);
    if (listed < m.missing.size()) list += ", … (" + std::to_string(m.missing.size()) + " in all)";
    const bool one = m.missing.size() == 1;
    out += std::string(out.empty() ? "" : " ") + (one ? "Part " : "Parts ") + list + " of " + m.takeout + (one ? " was" : " were") +
           " not given.";
  }
  if (out.empty()) return out;
  return out +
         " Google splits a large export into numbered parts, and Fitbit's files can be in any of them: these files lack "
         "what the missing parts hold (months of weigh-ins or steps, workouts' tracks, …), so some days may show 0 steps "
         "and some workouts no map. Convert again with every part given together.";
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
  if (!obj["includeHeartRate"].get(e) && !e.is_null())
    if (e.get_bool().get(out.include_heart_rate)) return bad("'includeHeartRate' must be true or false");
  if (!obj["missingParts"].get(e) && !e.is_null())
    if (Error err = parse_missing_parts(e, out.missing_parts)) return err;
  if (!obj["weightEntriesPerFile"].get(e) && !e.is_null()) {
    int64_t n = 0;
    if (e.get_int64().get(n) || n < 1 || n > static_cast<int64_t>(weight::kMaxPerFile))
      return bad("'weightEntriesPerFile' must be an integer from 1 to " + std::to_string(weight::kMaxPerFile));
    out.weight_per_file = static_cast<uint32_t>(n);
  }
  return {};
}

}  // namespace ts::convert
