#include "core/fitbit/text_number.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace ts::fitbit {

namespace {
constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Clinger's fast path: up to 15 significant digits and 22 decimals make both the mantissa and
// the power of ten exact doubles, so one division is correctly rounded — the same double
// strtod returns, without its cost (musl's strtod is slow in WASM).
bool fast_decimal(std::string_view s, double& out) {
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  uint64_t mantissa = 0;
  int digits = 0, decimals = 0;
  bool dot = false, any = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    any = true;
    if (mantissa == 0 && c == '0' && !dot) continue;  // leading zeros
    mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
    if (mantissa != 0) ++digits;
    if (dot) ++decimals;
    if (digits > 15 || decimals > 22) return false;
  }
  if (!any) return false;
  const double v = static_cast<double>(mantissa) / kPow10[decimals];
  out = negative ? -v : v;
  return true;
}
// Whether an exponent, if the text has one, is at most kMaxExponent either way. No value an
// export holds (a weight, a heart rate, a coordinate, a day's calories) needs more, and strtod
// works through a number the size of its exponent: "1e308", valid JSON, cost ~10 us a value in
// WASM, so a 2 MiB file of them took 41-48 times its step's estimate (attack finding). Such a
// value is now not read, as "1e309" (not finite) was not before.
constexpr int kMaxExponent = 30;
bool small_exponent(std::string_view s) {
  const size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return true;
  size_t i = e + 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  int exponent = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
    if ((exponent = exponent * 10 + (s[i] - '0')) > kMaxExponent) return false;
  return true;
}
}  // namespace

bool parse_decimal(std::string_view s, double& out) {
  if (parse_plain_decimal(s, out)) return true;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || s.size() > 40) return false;
  if (fast_decimal(s, out)) return true;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  if (!small_exponent(s)) return false;
  const std::string copy(s);  // strtod needs a terminator
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(v)) return false;
  out = v;
  return true;
}

}  // namespace ts::fitbit
