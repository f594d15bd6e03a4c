// A forward cursor over JSON text in exactly the shape Fitbit writes (ASCII, strings without
// escapes, plain decimal numbers): the shared piece of the readers' fast paths
// (weight_json_scan.h, daily/minute_scan.h). Each reader accepts only that shape and gives up
// on anything else, leaving the file to its simdjson reader, so the two always agree.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/common/byte_words.h"
#include "core/common/same_bytes.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

// JSON's whitespace: what a reader that searches a file rather than walking it (the
// heart-rate slices and windows) steps over between a record's '{' and its first key.
inline bool json_blank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// A cursor over the file. Every method returns false when the input leaves the accepted shape.
class JsonScan {
 public:
  explicit JsonScan(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  void ws() {
    // One compare and one bit test per byte: Fitbit indents every key ("\n  ").
    constexpr uint64_t kSpace = (1ull << ' ') | (1ull << '\n') | (1ull << '\r') | (1ull << '\t');
    while (p_ < end_) {
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c > ' ' || !((kSpace >> c) & 1)) return;
      ++p_;
    }
  }
  bool at_end() const { return p_ == end_; }
  bool peek(char c) const { return p_ < end_ && *p_ == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++p_;
    return true;
  }

  // A string without escapes or control characters, ASCII only: its contents.
  bool string(std::string_view& out) {
    if (!take('"')) return false;
    const char* start = p_;
    // Eight bytes at a time up to the first that ends or leaves a plain string: half of a
    // weight file's bytes are inside strings, and a byte loop was its reader's largest cost.
    while (end_ - p_ >= 8) {
      const uint64_t x = words::load(p_);
      const uint64_t stop = words::equal_to(x, '"') | words::equal_to(x, '\\') | words::below(x, 0x20) | words::not_ascii(x);
      if (stop) {
        p_ += words::first_flagged(stop);
        break;
      }
      p_ += 8;
    }
    while (p_ < end_) {
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\' || c < 0x20 || c >= 0x80) return false;
      ++p_;
    }
    return false;
  }

  // A JSON number without sign or exponent ("0", "193.9", "24.002"): its text.
  bool number(std::string_view& out) {
    const char* start = p_;
    if (p_ < end_ && *p_ == '0') {
      ++p_;
    } else {
      if (!digits()) return false;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (!digits()) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E' || (*p_ >= '0' && *p_ <= '9'))) return false;  // exponent; "01"
    out = std::string_view(start, static_cast<size_t>(p_ - start));
    return true;
  }

  // Exactly the bytes of `w` next (a keyword, or a key with its quotes).
  bool literal(std::string_view w) {
    if (static_cast<size_t>(end_ - p_) < w.size() || !same_bytes(std::string_view(p_, w.size()), w)) return false;
    p_ += w.size();
    return true;
  }

  char next() const { return p_ < end_ ? *p_ : '\0'; }

  // Where the cursor is (a reader that keeps the bytes it passed over: weight_json_scan.cpp).
  const char* pos() const { return p_; }

  // A number of number()'s shape, at most 17 characters, as a double: the one parse_decimal
  // gives for its text, read in the same pass (the digits are not walked twice).
  bool decimal(double& out) {
    const char* start = p_;
    uint64_t mantissa = 0;
    int significant = 0, decimals = 0;
    auto run = [&](bool fraction) {
      const char* from = p_;
      for (; p_ < end_ && *p_ >= '0' && *p_ <= '9'; ++p_) {
        mantissa = mantissa * 10 + static_cast<uint64_t>(*p_ - '0');
        if (mantissa != 0) ++significant;  // leading zeros are not significant
        if (fraction) ++decimals;
        if (p_ - start >= 17) return false;  // longer than number_value takes (and than 19 digits fit)
      }
      return p_ > from;
    };
    if (p_ < end_ && *p_ == '0') ++p_;
    else if (!run(false)) return false;
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (!run(true)) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E' || (*p_ >= '0' && *p_ <= '9'))) return false;  // exponent; "01"
    // Clinger's fast path, as parse_decimal takes it: both the mantissa and 10^decimals exact.
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};
    if (significant <= 15) {
      out = static_cast<double>(mantissa) / kPow10[decimals];
      return true;
    }
    return parse_decimal(std::string_view(start, static_cast<size_t>(p_ - start)), out);
  }

 private:
  bool digits() {
    const char* start = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ > start;
  }

  const char* p_;
  const char* end_;
};

// An object of exactly the keys `a` and `b` (each with its quotes: "\"dateTime\""), each once,
// in either order; read_a() / read_b() read a key's value, the cursor at its first byte. The
// record shape every fast path takes (minute_scan.h, heart_rate_scan.h): another key, an
// escape in one, or a key twice is not the shape.
template <typename ReadA, typename ReadB>
bool two_key_object(JsonScan& s, std::string_view a, std::string_view b, ReadA&& read_a, ReadB&& read_b) {
  if (!s.take('{')) return false;
  bool has_a = false, has_b = false;
  for (int field = 0; field < 2; ++field) {
    s.ws();
    if (field == 1) {
      if (!s.take(',')) return false;
      s.ws();
    }
    const bool is_a = s.literal(a);
    if (!is_a && !s.literal(b)) return false;
    s.ws();
    if (!s.take(':')) return false;
    s.ws();
    bool& has = is_a ? has_a : has_b;
    if (has || !(is_a ? read_a() : read_b())) return false;
    has = true;
  }
  s.ws();
  return s.take('}');
}

// The whole input is one array, each element read by read_element() (the cursor at its first
// byte), with nothing but whitespace after it.
template <typename ReadElement>
bool whole_array(JsonScan& s, ReadElement&& read_element) {
  s.ws();
  if (!s.take('[')) return false;
  s.ws();
  if (!s.take(']')) {
    for (;;) {
      s.ws();
      if (!read_element()) return false;
      s.ws();
      if (s.take(']')) break;
      if (!s.take(',')) return false;
    }
  }
  s.ws();
  return s.at_end();
}

// A number value as a double: what simdjson's get_double gives for the same text (both are
// correctly rounded; long inputs are left to simdjson rather than compared digit by digit).
inline bool number_value(JsonScan& s, double& out) {
  return s.decimal(out) && std::isfinite(out);
}

}  // namespace ts::fitbit
