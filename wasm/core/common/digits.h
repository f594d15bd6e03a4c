// Reading the digits of dates and times written as text.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ts::text {

// Reads between min_n and max_n ASCII digits at s[pos..] — as many as there are, up to max_n
// (at most 19, which an int64 holds) — as a decimal number and advances pos past them. False
// (pos unchanged) when fewer than min_n.
template <typename T>
bool read_digits(std::string_view s, size_t& pos, size_t min_n, size_t max_n, T& out) {
  uint64_t v = 0;
  size_t n = 0;
  while (n < max_n && pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9')
    v = v * 10 + static_cast<uint64_t>(s[pos + n++] - '0');
  if (n < min_n) return false;
  pos += n;
  out = static_cast<T>(v);
  return true;
}

// Consumes the character `c` at s[pos]; false when another (or none) is there.
inline bool read_char(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace ts::text
