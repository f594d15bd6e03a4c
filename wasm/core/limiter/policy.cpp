#include "core/limiter/policy.h"

#include <cstring>

#include "core/common/json_writer.h"
#include "simdjson.h"

namespace ts::limiter {

// Tier guarantees: "limit per period, burst back to back". The 5-minute and hour tiers are
// the service's published limits (policy.h); the minute tiers stop a script from spending a
// whole window in one second, and the day tiers bound what one client can take from the free
// plan's daily budgets. The ceiling is four clients' sustained rates with two clients' bursts:
// a household, or the few people of an office converting in the same hour, all at full speed,
// and two of them starting in the same second each get their whole burst
// (docs/architecture.md, "Why the numbers are what they are").
const char* const kDefaultPolicyJson = R"({
  "classes": {
    "upload":   [{"name": "minute", "limit": 10,  "periodMs": 60000,    "burst": 5},
                 {"name": "5min",   "limit": 20,  "periodMs": 300000,   "burst": 5},
                 {"name": "day",    "limit": 200, "periodMs": 86400000, "burst": 20}],
    "validate": [{"name": "minute", "limit": 15,  "periodMs": 60000,    "burst": 5},
                 {"name": "5min",   "limit": 30,  "periodMs": 300000,   "burst": 10}],
    "convert":  [{"name": "minute", "limit": 3,   "periodMs": 60000,    "burst": 2},
                 {"name": "hour",   "limit": 10,  "periodMs": 3600000,  "burst": 3},
                 {"name": "day",    "limit": 30,  "periodMs": 86400000, "burst": 10}],
    "download": [{"name": "minute", "limit": 20,  "periodMs": 60000,    "burst": 10},
                 {"name": "5min",   "limit": 50,  "periodMs": 300000,   "burst": 10}],
    "usage":    [{"name": "minute", "limit": 30,  "periodMs": 60000,    "burst": 10}],
    "step":     [{"name": "minute", "limit": 300, "periodMs": 60000,    "burst": 100},
                 {"name": "hour",   "limit": 2000, "periodMs": 3600000, "burst": 1000},
                 {"name": "day",    "limit": 5000, "periodMs": 86400000, "burst": 1000}]
  },
  "ceiling": {
    "upload":   [{"name": "minute", "limit": 40,  "periodMs": 60000,    "burst": 10},
                 {"name": "5min",   "limit": 80,  "periodMs": 300000,   "burst": 10},
                 {"name": "day",    "limit": 800, "periodMs": 86400000, "burst": 40}],
    "validate": [{"name": "minute", "limit": 60,  "periodMs": 60000,    "burst": 10},
                 {"name": "5min",   "limit": 120, "periodMs": 300000,   "burst": 20}],
    "convert":  [{"name": "minute", "limit": 12,  "periodMs": 60000,    "burst": 4},
                 {"name": "hour",   "limit": 40,  "periodMs": 3600000,  "burst": 6},
                 {"name": "day",    "limit": 120, "periodMs": 86400000, "burst": 20}],
    "download": [{"name": "minute", "limit": 80,  "periodMs": 60000,    "burst": 20},
                 {"name": "5min",   "limit": 200, "periodMs": 300000,   "burst": 20}],
    "usage":    [{"name": "minute", "limit": 120, "periodMs": 60000,    "burst": 20}],
    "step":     [{"name": "minute", "limit": 1200, "periodMs": 60000,    "burst": 200},
                 {"name": "hour",   "limit": 8000, "periodMs": 3600000,  "burst": 2000},
                 {"name": "day",    "limit": 20000, "periodMs": 86400000, "burst": 2000}]
  },
  "suspicion": {"refusalsPerLevel": 5, "maxLevel": 3, "strikeDecayMs": 60000, "graceMs": 1000},
  "block": {"afterRefusals": 20, "baseMs": 300000, "maxMs": 86400000, "offenseDecayMs": 86400000}
})";

const char* class_name(EndpointClass c) {
  switch (c) {
    case EndpointClass::upload: return "upload";
    case EndpointClass::validate: return "validate";
    case EndpointClass::convert: return "convert";
    case EndpointClass::download: return "download";
    case EndpointClass::usage: return "usage";
    case EndpointClass::step: return "step";
  }
  return "unknown";
}

bool parse_class(std::string_view name, EndpointClass& out) {
  for (uint32_t i = 0; i < kClassCount; ++i) {
    if (name == class_name(static_cast<EndpointClass>(i))) {
      out = static_cast<EndpointClass>(i);
      return true;
    }
  }
  return false;
}

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

Error bad(const std::string& where, const std::string& what) {
  return fail(Status::invalid_argument, "limiter policy: " + where + " " + what);
}

// Reads an integer field in [lo, hi].
Error read_int(object obj, const std::string& where, std::string_view key, int64_t lo, int64_t hi,
               int64_t& out) {
  element e;
  const std::string at = where + "." + std::string(key);
  if (obj[key].get(e)) return bad(at, "is required");
  if (e.get_int64().get(out)) return bad(at, "must be an integer");
  if (out < lo || out > hi)
    return bad(at, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return {};
}

Error only_keys(object obj, const std::string& where, std::initializer_list<std::string_view> keys) {
  for (auto field : obj) {
    bool known = false;
    for (auto k : keys) known = known || field.key == k;
    if (!known) return bad(where, "has an unknown field '" + std::string(field.key) + "'");
  }
  return {};
}

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() >= kTierNameBytes) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Error read_tier(element e, const std::string& where, Tier& t) {
  object obj;
  if (e.get_object().get(obj)) return bad(where, "must be an object");
  if (Error err = only_keys(obj, where, {"name", "limit", "periodMs", "burst", "unlimited"})) return err;
  std::string_view name;
  if (obj["name"].get_string().get(name) || !valid_name(name))
    return bad(where + ".name", "must be 1-15 characters of a-z, 0-9, '-' or '_'");
  std::memcpy(t.name, name.data(), name.size());
  bool unlimited = false;
  element u;
  if (!obj["unlimited"].get(u) && u.get_bool().get(unlimited)) return bad(where + ".unlimited", "must be true or false");
  if (Error err = read_int(obj, where, "periodMs", 1000, kMaxPeriodMs, t.period_ms)) return err;
  if (t.period_ms % 1000 != 0)
    return bad(where + ".periodMs", "must be a whole number of seconds (RateLimit headers count in seconds)");
  if (unlimited) {
    if (obj["limit"].error() == simdjson::SUCCESS || obj["burst"].error() == simdjson::SUCCESS)
      return bad(where, "is unlimited, so it takes no limit or burst");
    t.limit = kUnlimited;
    return {};
  }
  if (Error err = read_int(obj, where, "limit", 0, kMaxLimit, t.limit)) return err;
  if (obj["burst"].error() == simdjson::SUCCESS) {
    if (Error err = read_int(obj, where, "burst", t.limit == 0 ? 0 : 1, t.limit, t.burst)) return err;
  } else {
    t.burst = t.limit;
  }
  if (t.limit > 0) {
    const int64_t steady = t.limit - t.burst + 1;  // requests the sustained rate adds per period
    t.interval_ms = (t.period_ms + steady - 1) / steady;
    t.tolerance_ms = (t.burst - 1) * t.interval_ms;
  }
  return {};
}

// Reads `classes` or `ceiling` (`section` names it in errors) into one table of tiers.
Error read_classes(object classes, const std::string& section, uint32_t (&count)[kClassCount],
                   Tier (&table)[kClassCount][kMaxTiersPerClass]) {
  for (auto field : classes) {
    EndpointClass c;
    const std::string where = section + "." + std::string(field.key);
    if (!parse_class(field.key, c))
      return bad(section, "has an unknown class '" + std::string(field.key) +
                              "' (known: upload, validate, convert, download, usage, step)");
    simdjson::dom::array tiers;
    if (field.value.get_array().get(tiers)) return bad(where, "must be an array of tiers");
    const auto ci = static_cast<uint32_t>(c);
    if (tiers.size() > kMaxTiersPerClass) return bad(where, "has more than 4 tiers");
    count[ci] = 0;
    for (auto& t : table[ci]) t = Tier{};
    uint32_t i = 0;
    for (element te : tiers) {
      Tier& t = table[ci][i];
      if (Error err = read_tier(te, where + "[" + std::to_string(i) + "]", t)) return err;
      for (uint32_t j = 0; j < i; ++j)
        if (std::strcmp(table[ci][j].name, t.name) == 0) return bad(where, "names two tiers '" + std::string(t.name) + "'");
      ++i;
    }
    count[ci] = i;
  }
  return {};
}

Error read_suspicion(object obj, Suspicion& s) {
  const std::string w = "suspicion";
  if (Error e = only_keys(obj, w, {"refusalsPerLevel", "maxLevel", "strikeDecayMs", "graceMs"})) return e;
  if (Error e = read_int(obj, w, "refusalsPerLevel", 1, kMaxLimit, s.refusals_per_level)) return e;
  if (Error e = read_int(obj, w, "maxLevel", 0, kMaxLevel, s.max_level)) return e;
  // Optional, unlike the rest: policies written before it existed keep working, with the
  // default grace.
  if (obj["graceMs"].error() == simdjson::SUCCESS)
    if (Error e = read_int(obj, w, "graceMs", 0, kMaxGraceMs, s.grace_ms)) return e;
  return read_int(obj, w, "strikeDecayMs", 1, kMaxPeriodMs, s.strike_decay_ms);
}

Error read_block(object obj, Block& b) {
  const std::string w = "block";
  if (Error e = only_keys(obj, w, {"afterRefusals", "baseMs", "maxMs", "offenseDecayMs"})) return e;
  if (Error e = read_int(obj, w, "afterRefusals", 0, kMaxLimit, b.after_refusals)) return e;
  if (Error e = read_int(obj, w, "baseMs", 1, kMaxBlockMs, b.base_ms)) return e;
  if (Error e = read_int(obj, w, "maxMs", b.base_ms, kMaxBlockMs, b.max_ms)) return e;
  return read_int(obj, w, "offenseDecayMs", 1, kMaxPeriodMs, b.offense_decay_ms);
}

// Applies one policy document on top of `p` (defaults first, then the operator's).
Error apply(std::string_view json, CompiledPolicy& p) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(simdjson::padded_string(json)).get(doc)) return bad("is", "not valid JSON");
  object root;
  if (doc.get_object().get(root)) return bad("must be", "a JSON object");
  if (Error e = only_keys(root, "(top level)", {"classes", "ceiling", "suspicion", "block"})) return e;
  element e;
  if (!root["classes"].get(e)) {
    object classes;
    if (e.get_object().get(classes)) return bad("classes", "must be an object of class -> tiers");
    if (Error err = read_classes(classes, "classes", p.tier_count, p.tiers)) return err;
  }
  if (!root["ceiling"].get(e)) {
    object ceiling;
    if (e.get_object().get(ceiling)) return bad("ceiling", "must be an object of class -> tiers");
    if (Error err = read_classes(ceiling, "ceiling", p.ceiling_count, p.ceiling)) return err;
  }
  if (!root["suspicion"].get(e)) {
    object s;
    if (e.get_object().get(s)) return bad("suspicion", "must be an object");
    if (Error err = read_suspicion(s, p.suspicion)) return err;
  }
  if (!root["block"].get(e)) {
    object b;
    if (e.get_object().get(b)) return bad("block", "must be an object");
    if (Error err = read_block(b, p.block)) return err;
  }
  return {};
}

uint32_t fnv1a(const void* data, size_t n) {
  const auto* b = static_cast<const uint8_t*>(data);
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 16777619u;
  return h;
}

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
  return true;
}

}  // namespace

Error compile_policy(std::string_view json, CompiledPolicy& out) {
  CompiledPolicy p;  // value-initialized: padding and unused tiers are zero, so the
                     // fingerprint depends only on content
  std::memset(static_cast<void*>(&p), 0, sizeof p);
  if (Error e = apply(kDefaultPolicyJson, p)) return e;
  if (!blank(json))
    if (Error e = apply(json, p)) return e;
  p.magic = kPolicyMagic;
  p.size = sizeof(CompiledPolicy);
  p.fingerprint = fnv1a(&p.tier_count, sizeof p - offsetof(CompiledPolicy, tier_count));
  out = p;
  return {};
}

std::string policy_json(const CompiledPolicy& p) {
  std::string s;
  json::Writer w(s);
  // Both tables have one shape: class -> tiers.
  auto table = [&w](const char* key, const uint32_t (&count)[kClassCount], const Tier (&tiers)[kClassCount][kMaxTiersPerClass]) {
    w.key(key).object();
    for (uint32_t c = 0; c < kClassCount; ++c) {
      w.key(class_name(static_cast<EndpointClass>(c))).array();
      for (uint32_t i = 0; i < count[c]; ++i) {
        const Tier& t = tiers[c][i];
        w.object().member("name", t.name).member("periodMs", t.period_ms);
        if (t.limit == kUnlimited) w.member("unlimited", true);
        else w.member("limit", t.limit).member("burst", t.burst);
        w.end();
      }
      w.end();
    }
    w.end();
  };
  w.object();
  table("classes", p.tier_count, p.tiers);
  table("ceiling", p.ceiling_count, p.ceiling);
  w.key("suspicion")
      .object()
      .member("refusalsPerLevel", p.suspicion.refusals_per_level)
      .member("maxLevel", p.suspicion.max_level)
      .member("strikeDecayMs", p.suspicion.strike_decay_ms)
      .member("graceMs", p.suspicion.grace_ms)
      .end()
      .key("block")
      .object()
      .member("afterRefusals", p.block.after_refusals)
      .member("baseMs", p.block.base_ms)
      .member("maxMs", p.block.max_ms)
      .member("offenseDecayMs", p.block.offense_decay_ms)
      .end()
      .end();
  return s;
}

}  // namespace ts::limiter
