// Eight bytes at a time (SWAR): which bytes of a 64-bit word are a given byte, or below one.
// The readers and the JSON writer pass over runs of plain bytes (a string's text, an exercise
// file between structural characters) looking for the first that matters; a byte loop was the
// largest cost of the weight scan and of the plan's record ranges in WASM, where memchr is a
// call into musl rather than an inlined vector search.
//
// Each test sets bit 7 of every byte that matches, and may also set it in bytes ABOVE the
// first match (a subtraction's borrow runs upward), never below it: so the lowest flagged byte
// (first_flagged) is always exact, which is all a caller looking for the first match needs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ts::words {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the first byte in memory is the word's lowest");

inline constexpr uint64_t kOnes = 0x0101010101010101ull;
inline constexpr uint64_t kHigh = 0x8080808080808080ull;

// The eight bytes at p (no alignment needed).
inline uint64_t load(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Bytes equal to c.
inline uint64_t equal_to(uint64_t x, char c) {
  const uint64_t y = x ^ (kOnes * static_cast<unsigned char>(c));
  return (y - kOnes) & ~y & kHigh;
}

// Bytes below n (n at most 0x80).
inline uint64_t below(uint64_t x, unsigned char n) { return (x - kOnes * n) & ~x & kHigh; }

// Bytes of 0x80 and above (not ASCII).
inline uint64_t not_ascii(uint64_t x) { return x & kHigh; }

// Where the lowest flagged byte is, 0-7 (mask not 0).
inline size_t first_flagged(uint64_t mask) { return static_cast<size_t>(__builtin_ctzll(mask)) / 8; }

// a < b as std::string_view orders them (unsigned bytes, then length), compared eight bytes at
// a time: sorting the ~2,000 paths of an export, which share long prefixes ("Takeout/Fitbit/
// Global Export Data/"), spent most of its time in musl's byte-by-byte memcmp.
inline bool less(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  size_t i = 0;
  for (; n - i >= 8; i += 8) {
    const uint64_t x = load(a.data() + i), y = load(b.data() + i);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);  // the first byte in memory weighs most
  }
  for (; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return a.size() < b.size();
}

}  // namespace ts::words
