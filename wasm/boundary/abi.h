// The WASM boundary's ABI — the one memory-ownership rule, written down once.
//
//   1. JS allocates every input with ts_alloc_input(n): n bytes it then fills whole, followed
//      by kInputPadding zeroed bytes so simdjson may read past the end. It frees the input in
//      `finally`. ts_alloc (zeroed, any size) is for what JS keeps across calls (rule 5).
//   2. JS allocates one ts_out (8 bytes) per call and passes its address.
//   3. The core fills ts_out with a buffer it allocated: the result on status 0, the error
//      message (UTF-8) on any other status. That buffer belongs to the core until JS copies it
//      out and calls ts_free(out.data) — JS does so before it runs anything else.
//   4. Nothing in the core outlives a call: no global buffers, no caches, no clocks.
//
// In-place exports (the hot path: one limiter decision per API request, at > 1 M/s) follow
// the same rule without allocating anything per call:
//   5. JS allocates a context buffer (e.g. the compiled policy blob) and a fixed-size frame,
//      keeps both for as long as it likes (across calls), and frees them itself. Both are
//      JS-owned inputs; the core only reads the context and reads/writes the frame during the
//      call and keeps no pointer to either afterwards.
//   6. The frame's layout belongs to its export (documented with its handler). Its last
//      kMessageBytes bytes are the message area: on a non-zero status the core writes a
//      NUL-terminated UTF-8 error message there (truncated to fit); on status 0 it is untouched.
//
// Inputs may be spent:
//   7. During a call the core may overwrite its input buffer (a reader that parses in place
//      may write terminators into it; none does today). JS never reads an input after the
//      call; it only frees it.
//      Native callers pass a buffer of their own they do not read again.
//
// Every export is one line that hands its handler to ts::boundary::run or run_in_place
// (exports.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"

extern "C" {
struct ts_out {
  uint8_t* data;  // owned by the core until ts_free
  uint32_t len;
};
}

namespace ts::boundary {

// simdjson's SIMDJSON_PADDING; JS mirrors it in core.js as INPUT_PADDING.
inline constexpr size_t kInputPadding = 64;

// An input buffer the caller guarantees is followed by kInputPadding readable bytes.
struct Input {
  const uint8_t* data;
  size_t len;
};

// A handler reads its input and writes either its result or (on error) nothing: run() turns
// the returned Error into the message that crosses the boundary.
using Handler = Error (*)(Input in, std::string& out);

// Calls a handler and hands its result (or its error message) to JS through `out`.
int32_t run(Handler h, const uint8_t* in, uint32_t len, ts_out* out);

// The message area at the end of every in-place frame.
inline constexpr uint32_t kMessageBytes = 128;

// An in-place handler reads `ctx` and reads/writes `frame` (frame_len >= kMessageBytes).
using InPlaceHandler = Error (*)(Input ctx, uint8_t* frame, uint32_t frame_len);

// Calls an in-place handler; on error writes its message into the frame's message area.
int32_t run_in_place(InPlaceHandler h, const uint8_t* ctx, uint32_t ctx_len, uint8_t* frame, uint32_t frame_len);

}  // namespace ts::boundary
