// A forward cursor over JSON text in exactly the shape Fitbit writes (ASCII, strings without
// escapes, plain decimal numbers): the shared piece of the readers' fast paths
// (weight_json_scan.h, daily/minute_scan.h). Each reader accepts only that shape and gives up
// on anything else, leaving the file to its simdjson reader, so the two always agree.
#pragma once
#include <cmath>
#include <cstring>
#include <string_view>

#include "core/common/same_bytes.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

// A cursor over the file. Every method returns false when the input leaves the accepted shape.
class JsonScan {
 public:
  explicit JsonScan(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  void ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
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

 private:
  bool digits() {
    const char* start = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ > start;
  }

  const char* p_;
  const char* end_;
};

// A number value as a double: what simdjson's get_double gives for the same text (both are
// correctly rounded; long inputs are left to simdjson rather than compared digit by digit).
inline bool number_value(JsonScan& s, double& out) {
  std::string_view text;
  if (!s.number(text) || text.size() > 17) return false;
  return parse_decimal(text, out) && std::isfinite(out);
}

}  // namespace ts::fitbit
