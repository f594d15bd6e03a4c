#include "boundary/api_limiter.h"

#include <cmath>
#include <cstring>
#include <map>

#include "boundary/json_args.h"
#include "core/common/json_writer.h"
#include "core/limiter/limiter.h"

namespace ts::api {

namespace {

using limiter::CompiledPolicy;
using limiter::Decision;
using limiter::State;

std::string_view text(boundary::Input in) { return {reinterpret_cast<const char*>(in.data), in.len}; }

// A blob is trusted only if it is the right size and carries the magic: the hot path cannot
// afford to re-validate it, and only limiter_compile (this build) produces it. The counts are
// still checked, because they index arrays. The blob is read in place when aligned (JS
// allocates it with ts_alloc, so it always is): copying 1.2 KB per decision would cost more
// than the decision.
Error read_blob(boundary::Input in, CompiledPolicy& spare, const CompiledPolicy*& p) {
  if (in.len != sizeof(CompiledPolicy)) return fail(Status::integrity, "policy blob has the wrong size (compile it with this core build)");
  if (reinterpret_cast<uintptr_t>(in.data) % alignof(CompiledPolicy) == 0) {
    p = reinterpret_cast<const CompiledPolicy*>(in.data);
  } else {
    std::memcpy(static_cast<void*>(&spare), in.data, sizeof spare);
    p = &spare;
  }
  if (p->magic != limiter::kPolicyMagic || p->size != sizeof(CompiledPolicy))
    return fail(Status::integrity, "policy blob is not a compiled limiter policy");
  for (uint32_t c = 0; c < limiter::kClassCount; ++c) {
    if (p->tier_count[c] > limiter::kMaxTiersPerClass) return fail(Status::integrity, "policy blob is corrupt");
    for (uint32_t i = 0; i < p->tier_count[c]; ++i)
      if (p->tiers[c][i].limit > 0 && p->tiers[c][i].interval_ms <= 0) return fail(Status::integrity, "policy blob is corrupt");
  }
  if (p->suspicion.strike_decay_ms <= 0 || p->suspicion.refusals_per_level <= 0 || p->block.offense_decay_ms <= 0)
    return fail(Status::integrity, "policy blob is corrupt");
  return {};
}

// An f64 slot that must hold an integer in [lo, hi].
bool slot_int(double v, int64_t lo, int64_t hi, int64_t& out) {
  if (!(v >= static_cast<double>(lo) && v <= static_cast<double>(hi))) return false;  // also NaN
  out = static_cast<int64_t>(v);
  return static_cast<double>(out) == v;
}

double get_slot(const uint8_t* frame, uint32_t off) {
  double v;
  std::memcpy(&v, frame + off, 8);
  return v;
}
void put_slot(uint8_t* frame, uint32_t off, int64_t v) {
  const double d = static_cast<double>(v);
  std::memcpy(frame + off, &d, 8);
}

std::string minified(simdjson::dom::element e) { return simdjson::minify(e); }

}  // namespace

Error limiter_policy(boundary::Input in, std::string& out) {
  CompiledPolicy p;
  if (Error e = limiter::compile_policy(text(in), p)) return e;
  out = limiter::policy_json(p);
  return {};
}

Error limiter_compile(boundary::Input in, std::string& out) {
  CompiledPolicy p;
  if (Error e = limiter::compile_policy(text(in), p)) return e;
  out.assign(reinterpret_cast<const char*>(&p), sizeof p);
  return {};
}

Error limiter_decide(boundary::Input policy_blob, uint8_t* frame, uint32_t frame_len) {
  namespace f = limiter_frame;
  if (frame_len != f::kBytes) return fail(Status::invalid_argument, "limiter frame has the wrong size");
  // Only touched for a misaligned blob; left uninitialized so the common case pays nothing.
  union Spare {
    Spare() {}
    CompiledPolicy policy;
  } spare;
  const CompiledPolicy* p = nullptr;
  if (Error e = read_blob(policy_blob, spare.policy, p)) return e;
  int64_t now = 0, cls = 0, cost = 0, has_client = 0;
  if (!slot_int(get_slot(frame, f::kNow), 0, limiter::kMaxNowMs, now))
    return fail(Status::invalid_argument, "now must be a whole number of ms since 1970");
  if (!slot_int(get_slot(frame, f::kClass), 0, limiter::kClassCount - 1, cls))
    return fail(Status::invalid_argument, "unknown endpoint class");
  if (!slot_int(get_slot(frame, f::kCost), 0, limiter::kMaxCost, cost))
    return fail(Status::invalid_argument, "cost must be a whole number between 0 and 1000");
  if (!slot_int(get_slot(frame, f::kHasClient), 0, 2, has_client))
    return fail(Status::invalid_argument, "the client flag must be 0, 1 or 2");
  // The states are decided in place in the frame (both 8-aligned in an 8-aligned frame).
  if (reinterpret_cast<uintptr_t>(frame) % alignof(State) != 0)
    return fail(Status::invalid_argument, "limiter frame must be 8-byte aligned");
  State& network = *reinterpret_cast<State*>(frame + f::kNetworkState);
  State* client = has_client ? reinterpret_cast<State*>(frame + f::kClientState) : nullptr;
  Decision d;
  if (Error e = limiter::decide(*p, network, client, now, static_cast<limiter::EndpointClass>(cls), cost, d, has_client == 2))
    return e;
  uint32_t o = f::kDecision;
  for (int64_t v : {static_cast<int64_t>(d.verdict), static_cast<int64_t>(d.refused_by), d.level, d.retry_after_ms,
                    d.blocked_until_ms, d.network_idle_at_ms, d.client_idle_at_ms, static_cast<int64_t>(d.tier_count),
                    static_cast<int64_t>(d.ceiling_count), static_cast<int64_t>(d.network_accountable)}) {
    put_slot(frame, o, v);
    o += 8;
  }
  for (const limiter::TierReport* reports : {d.tiers, d.ceiling}) {
    for (uint32_t i = 0; i < limiter::kMaxTiersPerClass; ++i) {
      const limiter::TierReport& r = reports[i];
      for (int64_t v : {r.limit, r.period_ms, r.remaining, r.reset_ms}) {
        put_slot(frame, o, v);
        o += 8;
      }
    }
  }
  return {};
}

Error limiter_replay(boundary::Input in, std::string& out) {
  simdjson::dom::parser parser;
  boundary::JsonArgs args;
  if (Error e = boundary::JsonArgs::parse(parser, in, args)) return e;
  CompiledPolicy p;
  std::string policy_text;
  simdjson::dom::element pe;
  if (!args.object()["policy"].get(pe)) policy_text = minified(pe);
  if (Error e = limiter::compile_policy(policy_text, p)) return e;
  int64_t t0 = 0;
  if (Error e = args.get_int_or("t0", 1'700'000'000'000, t0)) return e;
  bool show_network = false;
  simdjson::dom::element ne;
  if (!args.object()["network"].get(ne) && ne.get_bool().get(show_network))
    return fail(Status::invalid_argument, "field 'network' must be true or false");
  simdjson::dom::array steps;
  if (args.object()["steps"].get_array().get(steps)) return fail(Status::invalid_argument, "field 'steps' must be an array");

  // The states as the DO stores them: the network's, and one per client name.
  std::string network_wire(limiter::kStateBytes, '\0');
  std::map<std::string, std::string, std::less<>> clients;
  auto load = [](const std::string& wire) {
    State s;
    std::memcpy(static_cast<void*>(&s), wire.data(), sizeof s);
    return s;
  };
  out.clear();
  json::Writer w(out);
  auto reports = [&w](const char* key, const limiter::TierReport* r, uint32_t n) {
    w.key(key).array();
    for (uint32_t i = 0; i < n; ++i) w.array().value(r[i].remaining).value(r[i].reset_ms).end();
    w.end();
  };
  w.object().key("steps").array();
  for (simdjson::dom::element se : steps) {
    simdjson::dom::object so;
    if (se.get_object().get(so)) return fail(Status::invalid_argument, "each step must be an object");
    if (!so["policy"].get(pe))
      if (Error e = limiter::compile_policy(minified(pe), p)) return e;
    int64_t at = 0, cost = 1, repeat = 1;
    std::string_view cls_name;
    limiter::EndpointClass cls;
    if (so["at"].get_int64().get(at)) return fail(Status::invalid_argument, "step field 'at' must be an integer");
    if (so["class"].get_string().get(cls_name) || !limiter::parse_class(cls_name, cls))
      return fail(Status::invalid_argument, "step field 'class' must name an endpoint class");
    if (so["cost"].error() == simdjson::SUCCESS && so["cost"].get_int64().get(cost))
      return fail(Status::invalid_argument, "step field 'cost' must be an integer");
    if (so["repeat"].error() == simdjson::SUCCESS && (so["repeat"].get_int64().get(repeat) || repeat < 1 || repeat > 100000))
      return fail(Status::invalid_argument, "step field 'repeat' must be between 1 and 100000");
    std::string* client_wire = nullptr;
    simdjson::dom::element ce;
    if (so["client"].get(ce)) {
      client_wire = &clients.try_emplace("a", limiter::kStateBytes, '\0').first->second;
    } else if (!ce.is_null()) {
      std::string_view name;
      if (ce.get_string().get(name)) return fail(Status::invalid_argument, "step field 'client' must be a name or null");
      client_wire = &clients.try_emplace(std::string(name), limiter::kStateBytes, '\0').first->second;
    }
    bool newcomer = false;
    simdjson::dom::element nce;
    if (!so["newcomer"].get(nce) && nce.get_bool().get(newcomer))
      return fail(Status::invalid_argument, "step field 'newcomer' must be true or false");
    Decision d;
    int64_t admitted = 0;
    for (int64_t r = 0; r < repeat; ++r) {
      State net = load(network_wire);
      State cl = client_wire ? load(*client_wire) : State{};
      if (Error e = limiter::decide(p, net, client_wire ? &cl : nullptr, t0 + at, cls, cost, d, newcomer)) return e;
      std::memcpy(network_wire.data(), &net, sizeof net);
      if (client_wire) std::memcpy(client_wire->data(), &cl, sizeof cl);
      admitted += d.verdict == limiter::Verdict::allowed;
    }
    const int64_t t = load(network_wire).last_now_ms;  // the instant decided (a clock gone backwards stands still)
    const int64_t idle_at = d.network_accountable ? d.network_idle_at_ms : d.client_idle_at_ms;
    w.object()
        .member("admitted", admitted)
        .member("verdict", limiter::verdict_name(d.verdict))
        .member("level", d.level)
        .member("retryAfterMs", d.retry_after_ms)
        .member("blockedForMs", d.blocked_until_ms ? d.blocked_until_ms - t : 0)
        .member("idleInMs", std::max<int64_t>(0, idle_at - t));
    reports("tiers", d.tiers, d.tier_count);
    if (show_network) {
      w.key("refusedBy");
      if (d.refused_by == limiter::RefusedBy::client) w.value("client");
      else if (d.refused_by == limiter::RefusedBy::ceiling) w.value("ceiling");
      else w.null();
      reports("ceiling", d.ceiling, d.ceiling_count);
      w.member("networkIdleInMs", std::max<int64_t>(0, d.network_idle_at_ms - t));
      w.member("accountable", d.network_accountable ? "network" : "client");
    }
    w.end();
  }
  w.end().end();
  return {};
}

}  // namespace ts::api
