// Adapters for the limiter (core/limiter). Two kinds of entry:
//
// JSON (cold: once per isolate, or in tests), replayed by tests/cases/limiter.json:
//   limiter_policy  policy JSON -> the normalized policy JSON (defaults applied), or an
//                   invalid_argument error naming the bad field.
//   limiter_compile policy JSON -> the policy blob: the bytes of a CompiledPolicy. JS keeps it
//                   allocated in WASM memory for the isolate's life and passes it to every
//                   decision, so no decision parses JSON.
//   limiter_replay  {"policy"?: {...}, "t0"?: ms, "steps": [{"at": ms after t0, "class": name,
//                   "cost"?: 1, "repeat"?: 1, "policy"?: {...}}]}
//                   -> {"steps": [{"admitted": n, "verdict", "level", "retryAfterMs",
//                   "blockedForMs", "idleInMs", "tiers": [[remaining, resetMs], ...]}]}
//                   Each step is `repeat` requests at the same instant; its output describes
//                   the last of them, plus how many of the `repeat` were admitted. A step with
//                   "policy" switches to that policy from then on. The state crosses its
//                   240-byte wire form between every request, as it does in the DO.
//
// In place (hot: every API request), see abi.h "In-place exports":
//   limiter_decide(ctx = policy blob, frame) with the frame laid out below. All slots are
//   little-endian f64 (integers, exact below 2^53) so JS reads them through one
//   Float64Array; the state is opaque bytes JS stores and hands back.
#pragma once
#include <cstdint>

#include "boundary/abi.h"

namespace ts::api {

namespace limiter_frame {
// Inputs (f64): now (Unix ms), class index (0 upload … 5 step), cost (0 = peek).
inline constexpr uint32_t kNow = 0, kClass = 8, kCost = 16;
// In/out: the client's 240-byte state (all zero for a client never seen).
inline constexpr uint32_t kState = 32;
// Outputs (f64): verdict (0 allowed, 1 limited, 2 blocked), suspicion level, retry-after ms,
// blocked-until ms (0 = not blocked), idle-at ms, tier count, then per tier (4 slots each, up
// to 4 tiers): limit (-1 unlimited), period ms, remaining (-1 unlimited), reset ms.
inline constexpr uint32_t kDecision = 272;
inline constexpr uint32_t kDecisionSlots = 6 + 4 * 4;
inline constexpr uint32_t kBytes = kDecision + kDecisionSlots * 8 + boundary::kMessageBytes;
}  // namespace limiter_frame

Error limiter_policy(boundary::Input in, std::string& out);
Error limiter_compile(boundary::Input in, std::string& out);
Error limiter_replay(boundary::Input in, std::string& out);
Error limiter_decide(boundary::Input policy_blob, uint8_t* frame, uint32_t frame_len);

}  // namespace ts::api
