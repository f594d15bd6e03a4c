// format_number (common/number_text.h) against snprintf's "%.*f", trailing zeros dropped and
// "-0" as "0", and append_fixed against "%.*f" as it is (the daily activities CSV's distance) — the text every CSV and JSON number of the core had before it stopped calling
// snprintf where it can tell the answer without it. Numbered groups of values, each compared
// at every number of places it is written with.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/common/number_text.h"

namespace {

// The oracles' buffer holds any double's "%.3f" (at most ~315 characters) whole.
std::string expected(double v, int decimals) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// append_fixed's oracle: "%.*f" exactly.
std::string expected_fixed(double v, int decimals) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

void check_all(const std::vector<double>& values, const char* what) {
  size_t mismatches = 0;
  for (double v : values)
    for (int d = 0; d <= 3; ++d) {
      if (ts::text::format_number(v, d) != expected(v, d)) {
        if (++mismatches <= 5) FAIL_CHECK(what << ": " << v << " at " << d << " places: " << ts::text::format_number(v, d) << " vs " << expected(v, d));
      }
      std::string fixed = "row,";
      ts::text::append_fixed(fixed, v, d);
      if (fixed != "row," + expected_fixed(v, d)) {
        if (++mismatches <= 5) FAIL_CHECK(what << ": " << v << " at " << d << " fixed places: " << fixed << " vs " << expected_fixed(v, d));
      }
    }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("number text: the same digits as snprintf (numbered groups)", "[number_text]") {
  SECTION("1: every average of up to 300 readings of 30-220 bpm (the daily heart-rate table)") {
    std::vector<double> values;
    for (int n = 1; n <= 300; ++n)
      for (int64_t sum = 30 * n; sum <= 220 * n; sum += (n > 50 ? 7 : 1)) values.push_back(static_cast<double>(sum) / n);
    check_all(values, "averages");
  }
  SECTION("2: exact halves and near-halves at every place (where the two could round apart)") {
    std::vector<double> values;
    for (int i = 0; i < 20000; ++i) {
      const double h = (i + 0.5) / 1000.0;
      values.insert(values.end(), {h, std::nextafter(h, 0.0), std::nextafter(h, 1e9), (i + 0.5) / 100.0, (i + 0.5) / 10.0, i + 0.5, -h});
    }
    check_all(values, "halves");
  }
  SECTION("3: random values of every size, both signs, zeros and the out-of-range") {
    std::mt19937_64 rng(14);
    // 1e75 and DBL_MAX: "%.2f" is 78 and 312 characters (a 64-byte buffer cut them; found by review).
    std::vector<double> values = {0.0, -0.0, 1e9, -1e9, 999999999.9996, 1e12, 1e-12, -1e-12, NAN, INFINITY, -INFINITY, 1e75, -1e75, DBL_MAX, -DBL_MAX};
    for (int i = 0; i < 200000; ++i) {
      const double mag = std::pow(10.0, std::uniform_real_distribution<double>(-4, 10)(rng));
      values.push_back((rng() & 1 ? 1 : -1) * mag * std::uniform_real_distribution<double>(0, 1)(rng));
    }
    check_all(values, "random");
  }
  SECTION("4: distances in km of every whole number of metres up to 100 km, and of centimetres up to 2 km (the activities CSV)") {
    std::vector<double> values;
    for (int m = 0; m <= 100000; ++m) values.push_back(m * 100.0 / 100000.0);
    for (int cm = 0; cm <= 200000; ++cm) values.push_back(cm / 100000.0);
    check_all(values, "distances");
  }
}
