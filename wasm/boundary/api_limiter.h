// Adapters for the limiter (core/limiter). Two kinds of entry:
//
// JSON (cold: once per isolate, or in tests), replayed by tests/cases/limiter.json:
//   limiter_policy  policy JSON -> the normalized policy JSON (defaults applied), or an
//                   invalid_argument error naming the bad field.
//   limiter_compile policy JSON -> the policy blob: the bytes of a CompiledPolicy. JS keeps it
//                   allocated in WASM memory for the isolate's life and passes it to every
//                   decision, so no decision parses JSON.
//   limiter_replay  {"policy"?: {...}, "t0"?: ms, "network"?: false, "steps": [{"at": ms after t0,
//                   "class": name, "client"?: "a", "newcomer"?: false, "cost"?: 1, "repeat"?: 1,
//                   "policy"?: {...}}]}
//                   -> {"steps": [{"admitted": n, "verdict", "level", "retryAfterMs",
//                   "blockedForMs", "idleInMs", "tiers": [[remaining, resetMs], ...]}]}
//                   Every step comes from one network. `client` names the cookie holder
//                   sending it (each name has its own state); null sends it anonymously;
//                   "newcomer": true sends it as an id minted for the request (limiter.h). Each
//                   step is `repeat` requests at the same instant; its output describes the
//                   last of them, plus how many of the `repeat` were admitted; idleInMs is the
//                   accountable state's (limiter.h). With "network": true each step also has
//                   "refusedBy" ("client", "ceiling" or null), "ceiling" (the network's tiers,
//                   like "tiers"), "networkIdleInMs" and "accountable" ("client" or
//                   "network": whose state the request's strikes and block are, limiter.h).
//                   A step with "policy" switches to that policy from then on. The states cross their 248-byte wire form between
//                   every request, as they do in the DO.
//
// In place (hot: every API request), see abi.h "In-place exports":
//   limiter_decide(ctx = policy blob, frame) with the frame laid out below. All slots are
//   little-endian f64 (integers, exact below 2^53) so JS reads them through one
//   Float64Array; the states are opaque bytes JS stores and hands back.
#pragma once
#include <cstdint>

#include "boundary/abi.h"
#include "core/limiter/limiter.h"

namespace ts::api {

namespace limiter_frame {
// Inputs (f64): now (Unix ms), class index (0 upload … 5 step), cost (0 = peek), and whether
// the request is anonymous (0), has a client (1: a cookie, a returning client if its state was
// never stored) or a newcomer's id minted for it (2; limiter.h).
inline constexpr uint32_t kNow = 0, kClass = 8, kCost = 16, kHasClient = 24;
// In/out: the network's and the client's 248-byte states (all zero for one never seen; the
// client's is ignored and left as it was for an anonymous request).
inline constexpr uint32_t kNetworkState = 32, kClientState = kNetworkState + limiter::kStateBytes;
// Outputs (f64): verdict (0 allowed, 1 limited, 2 blocked), refused by (0 none, 1 the client's
// tiers, 2 the ceiling), suspicion level, retry-after ms, blocked-until ms (0 = not blocked),
// network idle-at ms, client idle-at ms (0 = nothing of the client to store), client tier
// count, ceiling tier count, whether the accountable state is the network's (1) or the
// client's (0), then 4 slots
// per client tier and 4 per ceiling tier (up to 4 each): limit (-1 unlimited), period ms,
// remaining (-1 unlimited), reset ms.
inline constexpr uint32_t kDecision = kClientState + limiter::kStateBytes;
inline constexpr uint32_t kDecisionHeadSlots = 10;
inline constexpr uint32_t kDecisionSlots = kDecisionHeadSlots + 2 * 4 * 4;
inline constexpr uint32_t kBytes = kDecision + kDecisionSlots * 8 + boundary::kMessageBytes;
}  // namespace limiter_frame

Error limiter_policy(boundary::Input in, std::string& out);
Error limiter_compile(boundary::Input in, std::string& out);
Error limiter_replay(boundary::Input in, std::string& out);
Error limiter_decide(boundary::Input policy_blob, uint8_t* frame, uint32_t frame_len);

}  // namespace ts::api
