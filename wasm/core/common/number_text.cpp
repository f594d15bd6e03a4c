#include "core/common/number_text.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace ts::text {

namespace {

// snprintf's "%.*f", trailing zeros and a bare point dropped, "-0" as "0".
std::string by_printf(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
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
  static const double kScale[] = {1, 10, 100, 1000};
  if (decimals >= 0 && decimals <= 3 && std::isfinite(v)) {
    const double x = std::fabs(v) * kScale[decimals];
    const double whole = std::floor(x);
    const double frac = x - whole;
    if (x < 1e9 && std::fabs(frac - 0.5) > 1e-5) {
      uint64_t q = static_cast<uint64_t>(whole) + (frac > 0.5 ? 1 : 0);
      // Digits of q, a point before the last `decimals` of them; trailing zeros dropped.
      char buf[32];
      char* end = buf + sizeof buf;
      char* p = end;
      int places = decimals;
      while (places > 0 && q % 10 == 0) {  // trailing zeros of the fraction: not written
        q /= 10;
        --places;
      }
      for (int i = 0; i < places; ++i, q /= 10) *--p = static_cast<char>('0' + q % 10);
      if (places > 0) *--p = '.';
      do {
        *--p = static_cast<char>('0' + q % 10);
        q /= 10;
      } while (q != 0);
      std::string s(p, static_cast<size_t>(end - p));
      if (v < 0 && s != "0") s.insert(s.begin(), '-');
      return s;
    }
  }
  return by_printf(v, decimals);
}

}  // namespace ts::text
