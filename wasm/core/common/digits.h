// Reading the digits of dates and times written as text.
#pragma once
#include <cstddef>
#include <string_view>

namespace ts::text {

// Reads between min_n and max_n ASCII digits at s[pos..] — as many as there are, up to max_n —
// as a decimal number and advances pos past them. False (pos unchanged) when fewer than min_n.
inline bool read_digits(std::string_view s, size_t& pos, size_t min_n, size_t max_n, unsigned& out) {
  unsigned v = 0;
  size_t n = 0;
  while (n < max_n && pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9')
    v = v * 10 + static_cast<unsigned>(s[pos + n++] - '0');
  if (n < min_n) return false;
  pos += n;
  out = v;
  return true;
}

// Consumes the character `c` at s[pos]; false when another (or none) is there.
inline bool read_char(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace ts::text
