// "TSB1": how a set of named files crosses the WASM boundary in one buffer (conversion
// inputs, conversion outputs). All integers are u32 little-endian:
//   "TSB1" | options_len | options (UTF-8 JSON, may be empty) | file_count |
//   (name_len | name (UTF-8 path) | data_len | data)*
// worker-shim/shared/bundle.js is the JS side of the same format.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"

namespace ts::convert {

struct BundleFile {
  std::string_view name;
  std::string_view data;
  // A JSON file's UTF-8 byte-order mark, cut from the front of `data` when decoded: JSON
  // forbids one (RFC 8259 §8.1) and simdjson refuses it, but an editor that saves "UTF-8 with
  // BOM" (Notepad did by default) writes one, and the file means the same. Cut once here, every
  // reader — plan, digest, steps, on every path — sees the same bytes, so a record's place in
  // its file (workout_records.h) is one number everywhere. 3 or 0.
  uint32_t bom = 0;
  // The whole file's size, when `data` is a piece of it (step_pieces.h); 0 otherwise.
  uint64_t whole_size = 0;
  // The file's size as it was given (a digest is written for it: exercise_digest.h), or the
  // whole file's when a piece of it was given.
  size_t given_size() const { return whole_size ? static_cast<size_t>(whole_size) : data.size() + bom; }
};

// Views into the decoded buffer, which must outlive them.
struct BundleView {
  std::string_view options;
  std::vector<BundleFile> files;
  // True when at least kReadablePadding readable bytes follow every file's data (the bytes
  // of the next file's header, or the padding after the whole buffer): JSON readers can then
  // parse in place instead of copying (simdjson reads, never uses, up to 64 bytes past the end).
  bool padded = false;
};

inline constexpr size_t kReadablePadding = 64;  // == SIMDJSON_PADDING

inline constexpr uint32_t kMaxBundleFiles = 200000;

// One file as a decoded bundle holds it: a name ending in ".json" (any case) has its
// byte-order mark cut (BundleFile::bom). What decode_bundle makes of each file, for a caller
// that has the files apart (the CLI's steps: no bundle of a month's file written and read back).
BundleFile bundle_file(std::string_view name, std::string_view data);

// Errors: format (wrong magic, truncated, lengths past the end, trailing bytes), capacity.
// Each file as bundle_file() gives it.
// `readable_after`: how many readable bytes follow data[len - 1] (sets BundleView::padded).
Error decode_bundle(const uint8_t* data, size_t len, size_t readable_after, BundleView& out);

// Builds a bundle; add files in the order they should appear.
class BundleWriter {
 public:
  explicit BundleWriter(std::string_view options = {});
  void add(std::string_view name, std::string_view data);
  // Room for `bytes` more of names and data: a caller that knows its files' sizes saves the
  // copies of growing by doubling.
  void reserve(size_t bytes) { bytes_.reserve(bytes_.size() + bytes); }
  std::string finish();

 private:
  std::string bytes_;
  uint32_t count_ = 0;
  size_t count_at_ = 0;
};

}  // namespace ts::convert
