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
#include <map>
#include <set>
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

// a.compare(b)'s sign (bytes compared as unsigned, a prefix first), without memcmp: assembly
// keeps ~7,000 reference rows in key order and compares each key with the one before, and
// musl's byte loop was a third of reading them in V8's baseline tier. Eight bytes at a time:
// the first word that differs decides, its bytes swapped so the first byte is the highest.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "compare_bytes swaps words read little-endian (WASM, x86, ARM)");
inline int compare_bytes(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
  }
  for (; i < n; ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

// Equality with ASCII letters compared without their case (other bytes as they are): export
// file names, CSV headers and units that real exports write in either case ("STEPS-…",
// "Kilometer"). A byte loop: the strings are short, and the case must be folded per byte.
inline bool same_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The order for sets and maps of names: compare_bytes, not memcmp (a call in WASM).
// Why a tree, never a hash, for a set or map keyed by strings a request chooses (paths, skipped
// entries, folders, file names): the WASM build's std::hash<std::string_view> is MurmurHash2
// seeded with the string's length, no secret, so a client can make any number of names
// collide, and each insert then compares with every earlier one (attack finding: 36,000
// colliding output paths in a 1 MB assembly body cost 5.9 s in V8's baseline tier, 2,887 times
// a real ten-year assembly; 16,000 colliding skipped entries in a gather, 1.35 s). A tree costs
// O(log n) compares whatever the names.
struct BytesLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return compare_bytes(a, b) < 0; }
};
template <class V>
using NameMap = std::map<std::string_view, V, BytesLess>;
using NameSet = std::set<std::string_view, BytesLess>;

}  // namespace ts
