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

// How long a refused request of `cost` must wait before every tier of the class would allow
// it, at the current suspicion level.
int64_t wait_ms(const CompiledPolicy& p, const State& s, uint32_t c, int64_t t, int64_t cost, int64_t mult) {
  int64_t wait = 0;
  for (uint32_t i = 0; i < p.tier_count[c]; ++i) {
    const Tier& tr = p.tiers[c][i];
    if (tr.limit == kUnlimited) continue;
    // A zero tier never allows anything; its period is the only honest hint.
    if (tr.limit == 0) wait = std::max(wait, tr.period_ms);
    else wait = std::max(wait, allowed_at(tr, s.tat_ms[c * kMaxTiersPerClass + i], t, cost, mult) - t);
  }
  return wait;
}

void report(const CompiledPolicy& p, const State& s, uint32_t c, int64_t t, Decision& out) {
  const int64_t mult = 1 + out.level;
  out.tier_count = p.tier_count[c];
  for (uint32_t i = 0; i < p.tier_count[c]; ++i) {
    const Tier& tr = p.tiers[c][i];
    const int64_t tat = s.tat_ms[c * kMaxTiersPerClass + i];
    TierReport& r = out.tiers[i];
    r.limit = tr.limit;
    r.period_ms = tr.period_ms;
    r.reset_ms = std::max<int64_t>(0, tat - t);
    if (tr.limit == kUnlimited) r.remaining = -1;
    else if (tr.limit == 0) r.remaining = 0;
    else {
      // floor((t + τ - max(TAT, t)) / T) + 1 requests conform now; a negative lead means none
      // (C++ division truncates toward zero, so the sign is handled first).
      const int64_t lead = t + tr.tolerance_ms - std::max(tat, t);
      r.remaining = lead < 0 ? 0 : lead / (tr.interval_ms * mult) + 1;
    }
  }
  int64_t idle = std::max({s.strike_tat_ms, s.offense_tat_ms, s.blocked_until_ms});
  for (int64_t tat : s.tat_ms) idle = std::max(idle, tat);
  out.idle_at_ms = idle;
}

void refuse(const CompiledPolicy& p, State& s, int64_t t, Decision& out) {
  out.verdict = Verdict::limited;
  if (t >= s.retry_at_ms) return;  // the first refusal after a wait is no strike (limiter.h)
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

Error decide(const CompiledPolicy& p, State& state, int64_t now_ms, EndpointClass cls, int64_t cost,
             Decision& out) {
  const auto c = static_cast<uint32_t>(cls);
  if (c >= kClassCount) return fail(Status::invalid_argument, "unknown endpoint class");
  if (now_ms < 0 || now_ms > kMaxNowMs) return fail(Status::invalid_argument, "now is out of range");
  if (cost < 0 || cost > kMaxCost) return fail(Status::invalid_argument, "cost must be between 0 and 1000");
  if (state.magic != 0 && state.magic != kStateMagic)
    return fail(Status::integrity, "limiter state is not a limiter state of this version");

  // Every check that can fail is above; from here on the state is updated in place.
  State& s = state;
  if (s.magic == 0) {
    s = State{};
    s.magic = kStateMagic;
    s.policy_fingerprint = p.fingerprint;
  }
  if (s.policy_fingerprint != p.fingerprint) {
    std::fill(std::begin(s.tat_ms), std::end(s.tat_ms), 0);
    s.policy_fingerprint = p.fingerprint;
  }
  const int64_t t = std::max(now_ms, s.last_now_ms);
  s.last_now_ms = t;

  out = Decision{};
  bool refused_by_tiers = false;
  if (s.blocked_until_ms > t) {
    out.verdict = Verdict::blocked;
  } else if (cost > 0) {
    const int64_t mult = 1 + level_at(p, s, t);
    bool conforms = true;
    for (uint32_t i = 0; i < p.tier_count[c] && conforms; ++i) {
      const Tier& tr = p.tiers[c][i];
      if (tr.limit == 0) conforms = false;
      else if (tr.limit != kUnlimited) conforms = allowed_at(tr, s.tat_ms[c * kMaxTiersPerClass + i], t, cost, mult) <= t;
    }
    if (conforms) {
      // All or nothing: tiers are charged only once every one of them has agreed.
      for (uint32_t i = 0; i < p.tier_count[c]; ++i) {
        const Tier& tr = p.tiers[c][i];
        if (tr.limit == kUnlimited) continue;
        int64_t& tat = s.tat_ms[c * kMaxTiersPerClass + i];
        tat = std::max(tat, t) + cost * tr.interval_ms * mult;
      }
    } else {
      refused_by_tiers = true;
      refuse(p, s, t, out);
    }
  }
  out.level = level_at(p, s, t);
  if (out.verdict == Verdict::blocked) {
    out.blocked_until_ms = s.blocked_until_ms;
    out.retry_after_ms = s.blocked_until_ms - t;
  } else if (out.verdict == Verdict::limited) {
    out.retry_after_ms = wait_ms(p, s, c, t, cost, 1 + out.level);
  }
  if (refused_by_tiers) s.retry_at_ms = t + out.retry_after_ms;
  report(p, s, c, t, out);
  return {};
}

}  // namespace ts::limiter
