// Equality of short byte strings without memcmp. std::string_view's == calls memcmp, which in
// WebAssembly is a real function call (musl's, a byte at a time) rather than the inlined
// vector compare a native build gets; in the readers' per-record key tests and the steps'
// per-file name lookups those calls were a quarter of a weight conversion's CPU in WASM
// (node --cpu-prof over a build with --profiling-funcs). Eight bytes at a time through
// fixed-size memcpy, which compiles to one load on both targets; a tail is one more word read
// overlapping the last.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ts {

inline bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  size_t n = a.size();
  auto word8 = [](const char* s) {
    uint64_t x;
    std::memcpy(&x, s, 8);
    return x;
  };
  auto word4 = [](const char* s) {
    uint32_t x;
    std::memcpy(&x, s, 4);
    return x;
  };
  if (n >= 8) {
    // Whole words, then the last eight bytes (overlapping the last word read): no byte loop.
    for (size_t i = 0; i + 8 <= n; i += 8)
      if (word8(p + i) != word8(q + i)) return false;
    return word8(p + n - 8) == word8(q + n - 8);
  }
  if (n >= 4) return word4(p) == word4(q) && word4(p + n - 4) == word4(q + n - 4);
  for (; n > 0; --n, ++p, ++q)
    if (*p != *q) return false;
  return true;
}

// The equality for hash containers of names: same_bytes, not memcmp.
struct SameBytes {
  bool operator()(std::string_view a, std::string_view b) const { return same_bytes(a, b); }
};

}  // namespace ts
