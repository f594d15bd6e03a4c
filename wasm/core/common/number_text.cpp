#include "core/common/number_text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace ts::text {

namespace {

// snprintf's "%.*f" whole: a double's "%.3f" can be over 300 characters, so the text is
// measured first rather than cut at a buffer's end.
std::string printf_fixed(double v, int decimals) {
  const int n = std::snprintf(nullptr, 0, "%.*f", decimals, v);
  if (n <= 0) return std::string();
  std::string s(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), "%.*f", decimals, v);
  s.resize(static_cast<size_t>(n));
  return s;
}

// snprintf's "%.*f", trailing zeros and a bare point dropped, "-0" as "0".
std::string by_printf(double v, int decimals) {
  std::string s = printf_fixed(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// q, a whole number of 10^-places, written with its point; `keep_zeros`: every place written,
// else trailing zeros (and then the point) dropped. Into the end of buf; returns the start.
char* digits_of(uint64_t q, int places, bool keep_zeros, char* end) {
  char* p = end;
  if (!keep_zeros) {
    while (places > 0 && q % 10 == 0) {  // trailing zeros of the fraction: not written
      q /= 10;
      --places;
    }
  }
  for (int i = 0; i < places; ++i, q /= 10) *--p = static_cast<char>('0' + q % 10);
  if (places > 0) *--p = '.';
  do {
    *--p = static_cast<char>('0' + q % 10);
    q /= 10;
  } while (q != 0);
  return p;
}

// |v| × 10^decimals rounded as snprintf would, when that is safe to tell without it (below).
bool scaled(double v, int decimals, uint64_t& q) {
  static const double kScale[] = {1, 10, 100, 1000};
  if (decimals < 0 || decimals > 3 || !std::isfinite(v)) return false;
  const double x = std::fabs(v) * kScale[decimals];
  const double whole = std::floor(x);
  const double frac = x - whole;
  if (!(x < 1e9 && std::fabs(frac - 0.5) > 1e-5)) return false;
  q = static_cast<uint64_t>(whole) + (frac > 0.5 ? 1 : 0);
  return true;
}

}  // namespace

// The same text without snprintf where that is safe to tell. snprintf rounds the double's
// exact value to `decimals` places; v × 10^decimals computed in doubles is within 1e-7 of that
// exact product while it stays under 1e9, so unless its fraction is within 1e-5 of a half —
// the one place where the two could round apart — rounding it gives snprintf's digits. Near a
// half, snprintf decides. In WASM snprintf is a long call (format parsing, then an exact
// decimal expansion): a ten-year assembly's daily heart-rate averages spent a tenth of it
// there in V8's baseline tier. tests/cpp/number_text_test.cpp compares the two on every
// average of up to 300 readings and on random values.
std::string format_number(double v, int decimals) {
  uint64_t q = 0;
  if (scaled(v, decimals, q)) {
    char buf[32];
    char* end = buf + sizeof buf;
    const char* p = digits_of(q, decimals, false, end);
    std::string s(p, static_cast<size_t>(end - p));
    if (v < 0 && s != "0") s.insert(s.begin(), '-');
    return s;
  }
  return by_printf(v, decimals);
}

// As format_number, but every place kept and a negative sign kept as snprintf keeps it
// ("-0.00"): the daily activities CSV writes its distance so, once for each day of ten years.
void append_fixed(std::string& out, double v, int decimals) {
  uint64_t q = 0;
  if (scaled(v, decimals, q)) {
    char buf[32];
    char* end = buf + sizeof buf;
    const char* p = digits_of(q, decimals, true, end);
    if (std::signbit(v)) out += '-';
    out.append(p, static_cast<size_t>(end - p));
    return;
  }
  out += printf_fixed(v, decimals);
}

}  // namespace ts::text
