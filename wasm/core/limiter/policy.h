// The limiter's policy: which tiers guard each endpoint class, how suspicion tightens them and
// how blocks grow. Written by an operator as one JSON object (wrangler var LIMITER_POLICY),
// validated once, then compiled into a fixed-size binary value (CompiledPolicy) that the hot
// path reads without parsing anything.
//
// Terms, defined once:
//   endpoint class — what a request is for: upload, validate, convert, download, usage
//                    (cheap reads: /api/usage/me, /api/status, unknown paths) or step (the
//                    requests that run a conversion's steps: one conversion is counted once
//                    by convert, its many steps by step). Each class has its own tiers; a
//                    client's state holds all classes.
//   tier           — one guarantee: "at most `limit` requests in ANY window of `period_ms`,
//                    at most `burst` of them back to back". A class has 0..4 tiers and a request
//                    passes only if every tier of its class allows it.
//   GCRA           — generic cell rate algorithm. A tier remembers one time, its TAT
//                    (theoretical arrival time: when the tier would be empty again if requests
//                    kept arriving exactly at the sustained rate). A request at time t is
//                    allowed when t >= TAT - tolerance; allowing it moves TAT to
//                    max(TAT, t) + interval.
//   interval       — emission interval T: the sustained spacing between requests. To honour
//                    "limit per period" in every window while allowing a burst of B, it is
//                    T = ceil(period / (limit - burst + 1)): n requests in a window of length W
//                    need (n - 1)·T - tolerance < W, so n ≤ ceil(W/T) + B - 1 ≤ limit for
//                    W = period. Rounding T up only makes the tier stricter.
//   tolerance      — τ = (burst - 1)·T: how far ahead of the sustained schedule a client may run.
//   strike         — one refused request. Strikes decay linearly: one is forgotten every
//                    `strike_decay_ms`. They are kept as one time (like a TAT), not a counter.
//   grace          — the time after the first refusal of a wait during which further
//                    refusals are no strikes: they could have been sent before that refusal's
//                    answer arrived (limiter.h, strike rule). It is `grace_ms` (default 1 s),
//                    or half that refusal's wait if shorter: requests sent at once reach the
//                    limiter within the network's jitter of each other, but a loaded machine
//                    spreads 60 uploads over more than a quarter second (measured on wrangler
//                    dev beside a fuzzer); and since the grace restarts with each wait, a
//                    script hammering a tier with short waits (a client's steps: 299 ms) must
//                    still be struck in the rest of each wait. A Retry-After is never under
//                    1 s, so a request inside the grace is never one that obeyed it.
//   suspicion level — strikes / refusals_per_level, capped at max_level. At level s every
//                    interval is multiplied by (1 + s): level 1 halves the sustained rates and
//                    the bursts, level 3 quarters them.
//   block          — when strikes reach `after_refusals`, the client is refused everything for
//                    base_ms · 2^offenses (capped at max_ms), where offenses counts earlier
//                    blocks still remembered (one forgotten every offense_decay_ms).
//   client         — who a request is charged to: the holder of a valid signed cookie. Its own
//                    tiers (`classes`), suspicion and blocks are its alone.
//   network        — the IP subnet a request comes from (IPv4 /24, IPv6 /56).
//   ceiling        — the network's tiers (`ceiling`): every request from the network, whoever
//                    sends it, is charged to them as well as to its client's own, so what any
//                    number of clients in one network get together is bounded. The ceiling is
//                    never tightened by suspicion: it is shared, and tightening it would make
//                    the neighbours pay for one client's behaviour.
//   anonymous      — a request without a valid cookie: it has no tiers of its own, so the
//                    ceiling alone decides it, and its strikes, suspicion and blocks are the
//                    network's — they refuse the network's anonymous requests, never a client.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace ts::limiter {

enum class EndpointClass : uint32_t { upload = 0, validate = 1, convert = 2, download = 3, usage = 4, step = 5 };
inline constexpr uint32_t kClassCount = 6;
inline constexpr uint32_t kMaxTiersPerClass = 4;
inline constexpr uint32_t kMaxTiers = kClassCount * kMaxTiersPerClass;
inline constexpr uint32_t kTierNameBytes = 16;  // 15 characters + NUL

// Bounds that keep every sum below 2^62, so no arithmetic in decide() can overflow.
inline constexpr int64_t kMaxLimit = 1'000'000;
inline constexpr int64_t kMaxPeriodMs = 366LL * 24 * 3600 * 1000;  // one (leap) year
inline constexpr int64_t kMaxLevel = 10;
inline constexpr int64_t kMaxBlockMs = kMaxPeriodMs;
// A limit that never refuses: the tier is reported but charges nothing.
inline constexpr int64_t kUnlimited = -1;

const char* class_name(EndpointClass c);
// Parses "upload", "validate", …; false when the name is none of them.
bool parse_class(std::string_view name, EndpointClass& out);

struct Tier {
  int64_t limit = 0;         // requests per period; 0 = refuse all; kUnlimited = never refuse
  int64_t period_ms = 0;
  int64_t burst = 0;         // 1..limit
  int64_t interval_ms = 0;   // T (derived)
  int64_t tolerance_ms = 0;  // τ (derived)
  char name[kTierNameBytes] = {};
};

struct Suspicion {
  int64_t refusals_per_level = 0;
  int64_t max_level = 0;  // 0 disables suspicion
  int64_t strike_decay_ms = 0;
  int64_t grace_ms = 0;  // 0 = every early refusal strikes
};
inline constexpr int64_t kMaxGraceMs = 60'000;

struct Block {
  int64_t after_refusals = 0;  // 0 disables blocking
  int64_t base_ms = 0;
  int64_t max_ms = 0;
  int64_t offense_decay_ms = 0;
};

// The compiled policy: a plain value, copied byte for byte across the WASM boundary (the
// "policy blob"). Only this core build produces it (limiter_compile), so the hot path checks
// its magic and size but does not re-validate it.
struct CompiledPolicy {
  uint32_t magic = 0;
  uint32_t size = 0;         // sizeof(CompiledPolicy): a blob from another build is refused
  uint32_t fingerprint = 0;  // FNV-1a of the policy's content; states remember it
  uint32_t tier_count[kClassCount] = {};
  Tier tiers[kClassCount][kMaxTiersPerClass] = {};     // a client's own
  uint32_t ceiling_count[kClassCount] = {};
  Tier ceiling[kClassCount][kMaxTiersPerClass] = {};   // the network's, shared
  Suspicion suspicion;
  Block block;
};

inline constexpr uint32_t kPolicyMagic = 0x31504c54;  // "TLP1"

// The defaults a free service needs, as a policy JSON. A client gets at most: uploads 20 per
// 5 min, validations 30 per 5 min, conversions 10 per hour and 30 per day, downloads 50 per
// 5 min — each a guarantee over every window, not a fixed-window count. A network gets four
// clients' worth (docs/architecture.md, "The limiter", says why).
extern const char* const kDefaultPolicyJson;

// Builds a CompiledPolicy from policy JSON. Missing top-level parts take the defaults (an
// empty string or "{}" is the default policy); a class that is given (in `classes` or
// `ceiling`) replaces that class's default tiers there; a suspicion or block object that is
// given must be complete (but for suspicion.graceMs, which keeps the default when left out);
// unknown fields are refused so a typo cannot silently weaken a limit.
// Errors name the offending field: "limiter policy: classes.upload[1].burst must be …".
Error compile_policy(std::string_view json, CompiledPolicy& out);

// The normalized policy as JSON (every class, every field, defaults applied): what
// /api/usage/me shows and what the Worker uses for tier names in headers.
std::string policy_json(const CompiledPolicy& p);

}  // namespace ts::limiter
