// Every function JS may call, in one place. Each is one line: it hands a handler to
// ts::boundary::run, which applies the ownership rule in abi.h. worker-shim/shared/core.js holds
// the matching allow-list; tests/node/core-boundary.test.js checks the two agree.
#include <cstdlib>
#include <cstring>

#include "boundary/abi.h"
#include "boundary/api_convert.h"
#include "boundary/api_files.h"
#include "boundary/api_inspect.h"
#include "boundary/api_limiter.h"
#include "boundary/api_steps.h"
#include "boundary/api_ttl.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define TS_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define TS_EXPORT
#endif

using ts::boundary::run;
using ts::boundary::run_in_place;

extern "C" {

TS_EXPORT void* ts_alloc(uint32_t n) { return std::calloc(n ? n : 1, 1); }
// An input of n bytes that JS fills whole, and its kInputPadding zeroed bytes (abi.h rule 1).
// Only the padding is zeroed: calloc cleared the whole buffer just before JS wrote every byte of
// it again (for a ten-year weight history, 700 KB cleared per call for nothing).
TS_EXPORT void* ts_alloc_input(uint32_t n) {
  auto* p = static_cast<uint8_t*>(std::malloc(size_t{n} + ts::boundary::kInputPadding));
  if (p != nullptr) std::memset(p + n, 0, ts::boundary::kInputPadding);
  return p;
}
TS_EXPORT void ts_free(void* p) { std::free(p); }
TS_EXPORT uint32_t ts_abi_version() { return 1; }

TS_EXPORT int32_t ts_ttl_expiry(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::ttl_expiry, in, n, out); }
TS_EXPORT int32_t ts_inspect_file(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::inspect_file, in, n, out); }
TS_EXPORT int32_t ts_ttl_plan(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::ttl_plan, in, n, out); }
TS_EXPORT int32_t ts_validate(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::validate, in, n, out); }
TS_EXPORT int32_t ts_convert(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::convert, in, n, out); }
TS_EXPORT int32_t ts_plan(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::plan, in, n, out); }
TS_EXPORT int32_t ts_step(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::step, in, n, out); }
TS_EXPORT int32_t ts_assemble(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::assemble, in, n, out); }
TS_EXPORT int32_t ts_gather(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::gather, in, n, out); }
TS_EXPORT int32_t ts_step_pieces(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::step_pieces, in, n, out); }
TS_EXPORT int32_t ts_digest(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::digest, in, n, out); }
TS_EXPORT int32_t ts_weight_preview(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::weight_preview, in, n, out); }
TS_EXPORT int32_t ts_file_kinds(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::file_kinds, in, n, out); }
TS_EXPORT int32_t ts_classify_paths(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::classify_paths, in, n, out); }
TS_EXPORT int32_t ts_tz_resolve(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::tz_resolve, in, n, out); }

TS_EXPORT int32_t ts_limiter_policy(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::limiter_policy, in, n, out); }
TS_EXPORT int32_t ts_limiter_compile(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::limiter_compile, in, n, out); }
TS_EXPORT int32_t ts_limiter_replay(const uint8_t* in, uint32_t n, ts_out* out) { return run(ts::api::limiter_replay, in, n, out); }
// In place (abi.h rules 5-6): ctx = the policy blob, frame = api_limiter.h limiter_frame.
TS_EXPORT int32_t ts_limiter_decide(const uint8_t* blob, uint32_t blob_len, uint8_t* frame, uint32_t frame_len) { return run_in_place(ts::api::limiter_decide, blob, blob_len, frame, frame_len); }

}  // extern "C"
