// parse_decimal (fitbit/text_number.h) reads every number Fitbit writes as text. Its shortcuts
// (whole numbers of up to 9 digits; Clinger's fast path) must give the double strtod gives,
// and refuse what the general path refuses. Numbered rows, each with why it is there.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

#include "core/fitbit/text_number.h"

namespace {

// The reference: strtod on the text with its spaces trimmed, the whole text consumed, finite,
// and only the characters a decimal number may have.
bool reference(const std::string& text, double& out) {
  const size_t a = text.find_first_not_of(' ');
  if (a == std::string::npos) return false;
  const std::string t = text.substr(a, text.find_last_not_of(' ') - a + 1);
  if (t.size() > 40 || t.find_first_not_of("0123456789.-+eE") != std::string::npos) return false;
  // An exponent past 30 either way is refused (no field needs one; strtod's cost grows with it).
  const size_t e = t.find_first_of("eE");
  if (e != std::string::npos) {
    const std::string digits = t.substr(e + 1 + (e + 1 < t.size() && (t[e + 1] == '+' || t[e + 1] == '-')));
    const size_t run = digits.find_first_not_of("0123456789");
    const std::string lead = digits.substr(0, run);
    if (lead.find_first_not_of('0') != std::string::npos && (lead.size() - lead.find_first_not_of('0') > 2 || std::stoi(lead) > 30)) return false;
  }
  char* end = nullptr;
  out = std::strtod(t.c_str(), &end);
  return end == t.c_str() + t.size() && std::isfinite(out);
}

void same_as_reference(const std::string& text) {
  double want = -1, got = -1;
  const bool ok = reference(text, want);
  INFO("\"" << text << "\"");
  REQUIRE(ts::fitbit::parse_decimal(text, got) == ok);
  if (ok) REQUIRE(got == want);
}

}  // namespace

TEST_CASE("parse_decimal: the shortcuts give strtod's double", "[number]") {
  struct Row {
    int n;
    const char* why;
    const char* text;
  };
  const Row rows[] = {
      {1, "zero, a minute without steps", "0"},
      {2, "a small whole number (the common per-minute value)", "57"},
      {3, "leading zeros", "007"},
      {4, "nine digits, the longest whole-number shortcut", "999999999"},
      {5, "ten digits: past the shortcut", "4294967296"},
      {6, "a decimal (weight)", "165.2"},
      {7, "spaces around (CSV cells)", " 57 "},
      {8, "a sign", "-5"},
      {9, "an exponent", "1e3"},
      {10, "nothing", ""},
      {11, "only spaces", "   "},
      {12, "a letter after digits", "12a"},
      {13, "a second dot", "1.2.3"},
      {14, "seventeen significant digits (strtod's path)", "12345678901234567"},
      {15, "a dot alone", "."},
      {16, "an exponent of 30, the largest read", "1e30"},
      {17, "1e308 is refused: strtod took ~10 us a value in WASM (attack: a file of them cost 41-48x its estimate)", "1e308"},
      {18, "the smallest subnormal, refused alike", "5e-324"},
      {19, "an exponent of 31 with a sign", "2.5E+31"},
      {20, "an exponent written with leading zeros is its value", "1e0000030"},
      {21, "an exponent of -30", "-7.5e-30"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    same_as_reference(r.text);
  }
  std::mt19937 rng(5);
  const std::string alphabet = "0123456789. -e";  // and exponents: see the loop below
  for (int i = 0; i < 20000; ++i) {
    std::string t;
    for (size_t len = rng() % 12; len > 0; --len) t += alphabet[rng() % (i % 2 ? 10 : alphabet.size())];
    same_as_reference(t);
  }
  // Exponents either side of the bound, with mantissas of every shape.
  for (int i = 0; i < 4000; ++i) {
    std::string t = std::to_string(rng() % 100000);
    if (i % 3) t += "." + std::to_string(rng() % 1000);
    t += (i % 2 ? "e-" : "e") + std::to_string(rng() % 400);
    same_as_reference(t);
  }
}
