#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "boundary/abi.h"

namespace ts::boundary {

namespace {
void hand_over(const std::string& bytes, ts_out* out) {
  // malloc(0) may return nullptr; always hand JS a real pointer it can free.
  auto* buf = static_cast<uint8_t*>(std::malloc(bytes.size() ? bytes.size() : 1));
  if (buf == nullptr) {
    out->data = nullptr;
    out->len = 0;
    return;
  }
  if (!bytes.empty()) std::memcpy(buf, bytes.data(), bytes.size());
  out->data = buf;
  out->len = static_cast<uint32_t>(bytes.size());
}
}  // namespace

int32_t run(Handler h, const uint8_t* in, uint32_t len, ts_out* out) {
  if (out == nullptr) return static_cast<int32_t>(Status::invalid_argument);
  if (in == nullptr && len != 0) {
    hand_over("input pointer is null", out);
    return static_cast<int32_t>(Status::invalid_argument);
  }
  static const uint8_t kEmpty[kInputPadding] = {};
  std::string result;
  const Error err = h(Input{in ? in : kEmpty, len}, result);
  if (err) {
    hand_over(err.message, out);
    return static_cast<int32_t>(err.status);
  }
  hand_over(result, out);
  if (out->data == nullptr) return static_cast<int32_t>(Status::capacity);
  return 0;
}

int32_t run_in_place(InPlaceHandler h, const uint8_t* ctx, uint32_t ctx_len, uint8_t* frame, uint32_t frame_len) {
  if (frame == nullptr || frame_len < kMessageBytes) return static_cast<int32_t>(Status::invalid_argument);
  uint8_t* message = frame + frame_len - kMessageBytes;
  Error err;
  if (ctx == nullptr && ctx_len != 0) err = fail(Status::invalid_argument, "context pointer is null");
  else err = h(Input{ctx, ctx_len}, frame, frame_len);
  if (!err) return 0;
  const size_t n = std::min<size_t>(err.message.size(), kMessageBytes - 1);
  std::memcpy(message, err.message.data(), n);
  message[n] = 0;
  return static_cast<int32_t>(err.status);
}

}  // namespace ts::boundary
