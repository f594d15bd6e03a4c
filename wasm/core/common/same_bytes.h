// Equality of short byte strings without memcmp. std::string_view's == calls memcmp, which in
// WebAssembly is a real function call (musl's, a byte at a time) rather than the inlined
// vector compare a native build gets; in the readers' per-record key tests and the steps'
// per-file name lookups those calls were a quarter of a weight conversion's CPU in WASM
// (node --cpu-prof over a build with --profiling-funcs). Eight bytes at a time through
// fixed-size memcpy, which compiles to one load on both targets.
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
  for (; n >= 8; n -= 8, p += 8, q += 8) {
    uint64_t x, y;
    std::memcpy(&x, p, 8);
    std::memcpy(&y, q, 8);
    if (x != y) return false;
  }
  for (; n > 0; --n, ++p, ++q)
    if (*p != *q) return false;
  return true;
}

// The equality for hash containers of names: same_bytes, not memcmp.
struct SameBytes {
  bool operator()(std::string_view a, std::string_view b) const { return same_bytes(a, b); }
};

}  // namespace ts
