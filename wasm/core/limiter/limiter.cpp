#include "core/limiter/limiter.h"

#include <algorithm>

namespace ts::limiter {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::allowed: return "allowed";
    case Verdict::limited: return "limited";
    case Verdict::blocked: return "blocked";
  }
  return "unknown";
}

namespace {

// Offenses remembered beyond this many change nothing (2^40 ms is far beyond any max_ms);
// capping them keeps offense_tat_ms bounded.
constexpr int64_t kMaxOffenses = 40;

// How many whole steps a decaying "TAT-style" time is still ahead of t: the strike and
// offense counters. Each event pushes the time one step further; time passing eats it away.
int64_t pending_steps(int64_t tat, int64_t t, int64_t step) {
  return tat <= t ? 0 : (tat - t + step - 1) / step;
}

int64_t strikes_at(const CompiledPolicy& p, const State& s, int64_t t) {
  return pending_steps(s.strike_tat_ms, t, p.suspicion.strike_decay_ms);
}

int64_t level_at(const CompiledPolicy& p, const State& s, int64_t t) {
  if (p.suspicion.max_level == 0) return 0;
  return std::min(p.suspicion.max_level, strikes_at(p, s, t) / p.suspicion.refusals_per_level);
}

// Strikes past the point where they change anything are not stored: this keeps
// strike_tat_ms bounded however long a client keeps being refused.
int64_t strike_cap(const CompiledPolicy& p) {
  return std::max(p.block.after_refusals, (p.suspicion.max_level + 1) * p.suspicion.refusals_per_level);
}

// When a request of `cost` would conform to tier `tr` (whose TAT is `tat`) at suspicion
// multiplier `mult`; > t means "not yet".
int64_t allowed_at(const Tier& tr, int64_t tat, int64_t t, int64_t cost, int64_t mult) {
  const int64_t interval = tr.interval_ms * mult;
  return std::max(tat, t) + (cost - 1) * interval - tr.tolerance_ms;
}

// One class's tiers as applied to one state: the client's own tiers on the client's TATs (at
// its suspicion multiplier), or the ceiling on the network's TATs (always at 1).
struct Tiers {
  const Tier* tiers = nullptr;
  uint32_t count = 0;
  int64_t* tat = nullptr;  // this class's TATs in the state
  int64_t mult = 1;

  bool conforms(int64_t t, int64_t cost) const {
    for (uint32_t i = 0; i < count; ++i) {
      const Tier& tr = tiers[i];
      if (tr.limit == 0) return false;
      if (tr.limit != kUnlimited && allowed_at(tr, tat[i], t, cost, mult) > t) return false;
    }
    return true;
  }

  void charge(int64_t t, int64_t cost) const {
    for (uint32_t i = 0; i < count; ++i) {
      if (tiers[i].limit == kUnlimited) continue;
      tat[i] = std::max(tat[i], t) + cost * tiers[i].interval_ms * mult;
    }
  }

  // How long a refused request of `cost` must wait before every tier would allow it.
  int64_t wait_ms(int64_t t, int64_t cost) const {
    int64_t wait = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const Tier& tr = tiers[i];
      if (tr.limit == kUnlimited) continue;
      // A zero tier never allows anything; its period is the only honest hint.
      if (tr.limit == 0) wait = std::max(wait, tr.period_ms);
      else wait = std::max(wait, allowed_at(tr, tat[i], t, cost, mult) - t);
    }
    return wait;
  }

  void report(int64_t t, TierReport* out) const {
    for (uint32_t i = 0; i < count; ++i) {
      const Tier& tr = tiers[i];
      TierReport& r = out[i];
      r.limit = tr.limit;
      r.period_ms = tr.period_ms;
      r.reset_ms = std::max<int64_t>(0, tat[i] - t);
      if (tr.limit == kUnlimited) r.remaining = -1;
      else if (tr.limit == 0) r.remaining = 0;
      else {
        // floor((t + τ - max(TAT, t)) / T) + 1 requests conform now; a negative lead means none
        // (C++ division truncates toward zero, so the sign is handled first).
        const int64_t lead = t + tr.tolerance_ms - std::max(tat[i], t);
        r.remaining = lead < 0 ? 0 : lead / (tr.interval_ms * mult) + 1;
      }
    }
  }
};

int64_t idle_at(const State& s) {
  int64_t idle = std::max({s.strike_tat_ms, s.offense_tat_ms, s.blocked_until_ms});
  for (int64_t tat : s.tat_ms) idle = std::max(idle, tat);
  return idle;
}

// A state never seen starts fresh; a state from another policy keeps its strikes and blocks
// but restarts its tiers (their TATs meant other intervals).
void adopt(const CompiledPolicy& p, State& s) {
  if (s.magic == 0) {
    s = State{};
    s.magic = kStateMagic;
    s.policy_fingerprint = p.fingerprint;
  }
  if (s.policy_fingerprint != p.fingerprint) {
    std::fill(std::begin(s.tat_ms), std::end(s.tat_ms), 0);
    s.policy_fingerprint = p.fingerprint;
  }
}

void refuse(const CompiledPolicy& p, State& s, int64_t t, Decision& out) {
  out.verdict = Verdict::limited;
  if (t >= s.retry_at_ms) {  // the first refusal after a wait is no strike (limiter.h)
    s.refused_at_ms = t;
    return;
  }
  // Still within the grace of that first refusal: possibly sent before its answer arrived.
  // At most half that refusal's wait (retry_at stays where it put it while the level holds),
  // so a client hammering a tier with short waits is still struck within each wait.
  if (t - s.refused_at_ms < std::min(p.suspicion.grace_ms, (s.retry_at_ms - s.refused_at_ms) / 2)) return;
  const int64_t decay = p.suspicion.strike_decay_ms;
  s.strike_tat_ms = std::min(std::max(s.strike_tat_ms, t) + decay, t + strike_cap(p) * decay);
  if (p.block.after_refusals > 0 && strikes_at(p, s, t) >= p.block.after_refusals) {
    // base · 2^offenses, capped — doubled step by step, since a shift could overflow.
    const int64_t offenses = pending_steps(s.offense_tat_ms, t, p.block.offense_decay_ms);
    int64_t length = p.block.base_ms;
    for (int64_t i = 0; i < offenses && length < p.block.max_ms; ++i) length *= 2;
    length = std::min(length, p.block.max_ms);
    s.blocked_until_ms = t + length;
    s.offense_tat_ms = std::min(std::max(s.offense_tat_ms, t) + p.block.offense_decay_ms,
                                t + kMaxOffenses * p.block.offense_decay_ms);
    out.verdict = Verdict::blocked;
  }
}

}  // namespace

Error decide(const CompiledPolicy& p, State& network, State* client, int64_t now_ms, EndpointClass cls,
             int64_t cost, Decision& out, bool newcomer_if_unseen) {
  const auto c = static_cast<uint32_t>(cls);
  if (c >= kClassCount) return fail(Status::invalid_argument, "unknown endpoint class");
  if (now_ms < 0 || now_ms > kMaxNowMs) return fail(Status::invalid_argument, "now is out of range");
  if (cost < 0 || cost > kMaxCost) return fail(Status::invalid_argument, "cost must be between 0 and 1000");
  for (const State* s : {static_cast<const State*>(&network), static_cast<const State*>(client)})
    if (s && s->magic != 0 && s->magic != kStateMagic)
      return fail(Status::integrity, "limiter state is not a limiter state of this version");
  if (client == &network) return fail(Status::invalid_argument, "a client cannot be its own network");

  // Every check that can fail is above; from here on the states are updated in place.
  const bool newcomer = newcomer_if_unseen && client && client->magic == 0;
  adopt(p, network);
  if (client) adopt(p, *client);
  // One clock for both: the latest either has seen, so neither can be handed time back.
  const int64_t t = std::max({now_ms, network.last_now_ms, client ? client->last_now_ms : 0});
  network.last_now_ms = t;
  if (client) client->last_now_ms = t;
  State& acc = client && !newcomer ? *client : network;

  out = Decision{};
  const Tiers own{p.tiers[c], client ? p.tier_count[c] : 0u, client ? client->tat_ms + c * kMaxTiersPerClass : nullptr,
                  1 + level_at(p, acc, t)};
  const Tiers ceiling{p.ceiling[c], p.ceiling_count[c], network.tat_ms + c * kMaxTiersPerClass, 1};
  bool refused_by_tiers = false;
  bool charged = false;
  if (acc.blocked_until_ms > t) {
    out.verdict = Verdict::blocked;
  } else if (cost > 0) {
    const bool own_ok = own.conforms(t, cost);
    if (own_ok && ceiling.conforms(t, cost)) {
      // All or nothing: no tier is charged until every one of both sets has agreed.
      own.charge(t, cost);
      ceiling.charge(t, cost);
      charged = true;
    } else {
      refused_by_tiers = true;
      out.refused_by = own_ok ? RefusedBy::ceiling : RefusedBy::client;
      refuse(p, acc, t, out);
    }
  }
  // An admitted newcomer is a client from now on: what follows reports its own state, which
  // is where its next request's strikes go.
  const State& now_acc = newcomer && charged ? *client : acc;
  out.level = level_at(p, now_acc, t);
  // Waits and remaining counts at the level this decision leaves, so the advice holds.
  const Tiers own_now{own.tiers, own.count, own.tat, 1 + out.level};
  if (out.verdict == Verdict::blocked) {
    out.refused_by = RefusedBy::none;
    out.blocked_until_ms = acc.blocked_until_ms;
    out.retry_after_ms = acc.blocked_until_ms - t;
  } else if (out.verdict == Verdict::limited) {
    out.retry_after_ms = std::max(own_now.wait_ms(t, cost), ceiling.wait_ms(t, cost));
  }
  if (refused_by_tiers) acc.retry_at_ms = t + out.retry_after_ms;
  out.tier_count = own_now.count;
  own_now.report(t, out.tiers);
  out.ceiling_count = ceiling.count;
  ceiling.report(t, out.ceiling);
  out.network_accountable = &now_acc == &network;
  // A newcomer not admitted stays a state never seen: nothing of it to store (limiter.h).
  if (newcomer && !charged) *client = State{};
  out.network_idle_at_ms = idle_at(network);
  out.client_idle_at_ms = client && client->magic != 0 ? idle_at(*client) : 0;
  return {};
}

}  // namespace ts::limiter
