// Decimal numbers written as text in CSVs ("65000.0", "-3", "1e3"). Locale-free, so native
// and WASM read the same digits the same way.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ts::fitbit {

// The usual number ("57", "-74.0020030", "42.5"): an optional '-', digits, perhaps a dot and
// digits, at most 15 digits in all, so the mantissa (leading zeros and all) and the power of
// ten are exact doubles and one division is correctly rounded: the double parse_decimal (and
// strtod) gives. false for anything else, which parse_decimal then reads. Inline, in two tight
// loops: a GPS track is ~25,000 numbers, and in WASM the call and a branch per byte on the dot
// and the digit counts were a tenth of reading one.
inline bool parse_plain_decimal(std::string_view s, double& out) {
  constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const size_t n = s.size();
  const bool negative = n > 0 && s[0] == '-';
  size_t i = negative ? 1 : 0;
  const size_t from = i;
  uint64_t mantissa = 0;
  unsigned d;
  while (i < n && (d = static_cast<unsigned char>(s[i]) - '0') <= 9) {
    mantissa = mantissa * 10 + d;
    ++i;
  }
  size_t decimals = 0;
  const bool dot = i < n && s[i] == '.';
  if (dot) {
    const size_t first = ++i;
    while (i < n && (d = static_cast<unsigned char>(s[i]) - '0') <= 9) {
      mantissa = mantissa * 10 + d;
      ++i;
    }
    decimals = i - first;
  }
  const size_t digits = i - from - (dot ? 1 : 0);
  if (i != n || digits == 0 || digits > 15) return false;
  const double v = static_cast<double>(mantissa) / kPow10[decimals];
  out = negative ? -v : v;
  return true;
}

// Whole-string match; false for empty, trailing garbage, inf or nan.
bool parse_decimal(std::string_view s, double& out);

}  // namespace ts::fitbit
