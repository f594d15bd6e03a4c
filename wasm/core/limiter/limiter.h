// The limiter's decision: a pure function
//     decide(policy, network state, client state?, now, class, cost)
//         -> (new network state, new client state, decision)
// Terms (tier, GCRA, TAT, interval, tolerance, strike, suspicion level, block, client,
// network, ceiling, anonymous) are defined in policy.h. This file adds:
//   state     — everything the limiter remembers about one client or one network, as a fixed
//               240-byte value (State below, copied byte for byte): one TAT per tier of every
//               class, the strike and offense times, the block end, the advised retry time,
//               and the latest `now` seen. A client's TATs are its own tiers'; a network's are
//               its ceiling's, and its strike fields are its anonymous requests'.
//   accountable — the state a refusal strikes and a block lives in: the client's, or the
//               network's for an anonymous request or a newcomer. No other client's request
//               can add to a client's.
//   strike rule — a refusal is a strike only when it arrives before the Retry-After of the
//               previous refusal, and at least the grace (policy.h) after the first refusal
//               of that wait: a client that obeys Retry-After is refused at most once
//               per wait and never becomes suspicious; one that ignores it climbs levels, then
//               gets blocked. Requests that reach the limiter within the grace could have been
//               sent before the first refusal's answer arrived — a page's or script's parallel
//               burst, all in flight at once — so they are refused without a strike (attack
//               finding: one parallel burst of 60 uploads got a browser blocked for 5 minutes
//               by refusals it had not yet seen).
//   newcomer  — a client id minted for this very request (it came without a cookie), whose
//               state was never stored. It is held to its network's anonymous requests'
//               strikes, level and block, and its refusals strike the network's state, not its
//               own; its state is stored only if the request is admitted, and the cookie is
//               handed out only then (index.js), so every cookie a client holds was admitted
//               once. Were a fresh id's refusals its own, a script dropping its cookie would
//               never reach a strike, and every refusal would write a new client's row (attack
//               findings). A cookie whose state is not stored (the alarm deleted it as idle: a
//               person back the next day) is a *returning* client: a fresh state of its own,
//               not a newcomer — so a neighbour's cookieless flood, which gets the network's
//               anonymous requests blocked, never blocks a person who has used the service.
//   idle_at   — the time from which the state is indistinguishable from a fresh one (every
//               TAT, strike and offense decayed, no block). Deleting it then gives no free
//               quota; the Durable Object's alarm does exactly that. (The advised retry time
//               is not waited for: forgetting it early costs at most one strike.)
//   peek      — a request of cost 0: it is decided and reported like any other but charges
//               nothing, adds no strike, and is refused only by a block. /api/usage/me and
//               the Durable Object's usage report are peeks.
//
// Clock rules: `now` is an argument. A clock that goes backwards is treated as standing still
// (the state keeps the latest `now` it has seen), so skew between isolates can neither crash
// the math nor hand out quota that has not been earned. Huge gaps are just a full refill.
#pragma once
#include <cstdint>

#include "core/common/status.h"
#include "core/limiter/policy.h"

namespace ts::limiter {

inline constexpr int64_t kMaxNowMs = int64_t{1} << 53;  // 285,000 years; exact as a JS number
inline constexpr int64_t kMaxCost = 1000;

struct State {
  uint32_t magic = 0;               // kStateMagic, or 0 for a client never seen
  uint32_t policy_fingerprint = 0;  // a new policy restarts every tier (not suspicion/blocks)
  int64_t last_now_ms = 0;
  int64_t strike_tat_ms = 0;   // strikes(t) = ceil((strike_tat - t) / strike_decay)
  int64_t offense_tat_ms = 0;  // offenses(t) = ceil((offense_tat - t) / offense_decay)
  int64_t blocked_until_ms = 0;
  int64_t retry_at_ms = 0;     // when the latest refusal told the client to come back
  int64_t tat_ms[kMaxTiers] = {};  // class c, tier i at [c * kMaxTiersPerClass + i]
  // Fields added later go here, after everything stored before them: the DO widens a shorter
  // stored state with zeros, and zero must mean what an old state meant.
  int64_t refused_at_ms = 0;   // the first refusal of the current wait (0: long ago)
};
inline constexpr uint32_t kStateMagic = 0x31534c54;  // "TLS1"
inline constexpr uint32_t kStateBytes = 248;
static_assert(sizeof(State) == kStateBytes, "State is a fixed wire format");

enum class Verdict : uint32_t {
  allowed = 0,
  limited = 1,  // a tier refused: HTTP 429 with Retry-After
  blocked = 2,  // the client is blocked: HTTP 403 until blocked_until_ms
};
const char* verdict_name(Verdict v);

// One tier as seen after the decision.
struct TierReport {
  int64_t limit = 0;      // kUnlimited for an unlimited tier
  int64_t period_ms = 0;
  int64_t remaining = 0;  // unit requests this tier would still allow now (-1 when unlimited)
  int64_t reset_ms = 0;   // until the tier is full again (0 = full)
};

// Which set of tiers refused a request.
enum class RefusedBy : uint32_t { none = 0, client = 1, ceiling = 2 };

struct Decision {
  Verdict verdict = Verdict::allowed;
  RefusedBy refused_by = RefusedBy::none;  // set when limited
  uint32_t tier_count = 0;     // the client's own tiers of the class (0 for anonymous)
  uint32_t ceiling_count = 0;  // the network's ceiling tiers of the class
  uint32_t network_accountable = 0;  // 1 when the accountable state is the network's (an
                                     // anonymous request or a newcomer): its block is the
                                     // network's requests without a known cookie
  int64_t level = 0;             // the accountable state's suspicion level after this decision
  int64_t retry_after_ms = 0;    // 0 when allowed; until the block ends when blocked
  int64_t blocked_until_ms = 0;  // 0 when not blocked
  int64_t client_idle_at_ms = 0;   // when the client's state equals a fresh one (0: no client)
  int64_t network_idle_at_ms = 0;  // when the network's state does
  TierReport tiers[kMaxTiersPerClass];
  TierReport ceiling[kMaxTiersPerClass];
};

// Decides one request and updates the states in place: `client` is the cookie holder's state
// (all zero for one never seen), or nullptr for an anonymous request. `newcomer`: a client
// never seen is a newcomer (its state is left all zero unless the request is admitted) rather
// than a returning client with a fresh state. The request passes only if every tier of its class
// allows it — the client's own and the network's ceiling — and is then charged to both; a
// refusal charges neither, and strikes only the accountable state. Fails only for arguments
// out of range (invalid_argument) or a state that is not a limiter state (integrity); on
// failure both states are unchanged.
Error decide(const CompiledPolicy& policy, State& network, State* client, int64_t now_ms, EndpointClass cls,
             int64_t cost, Decision& out, bool newcomer = false);

}  // namespace ts::limiter
