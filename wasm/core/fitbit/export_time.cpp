#include "core/fitbit/export_time.h"

#include "core/common/civil_time.h"

namespace ts::fitbit {

using civil::days_from_civil;

std::string format_day(int64_t days) { return civil::iso_date(days * 86400); }

namespace {

// Reads exactly `n` digits at s[pos..]; advances pos.
bool digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool lit(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

bool valid_date(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && static_cast<unsigned>(d) <= civil::days_in_month(y, static_cast<unsigned>(m));
}

bool valid_time(int h, int mi, int s) { return h <= 23 && mi <= 59 && s <= 60; }

// "YYYY-MM-DDTHH:MM:SS[.fff]" -> seconds as if UTC, plus milliseconds; pos ends after it.
bool iso_core(std::string_view s, size_t& pos, int64_t& sec, int& ms) {
  int y, mo, d, h, mi, se;
  if (!(digits(s, pos, 4, y) && lit(s, pos, '-') && digits(s, pos, 2, mo) && lit(s, pos, '-') &&
        digits(s, pos, 2, d) && lit(s, pos, 'T') && digits(s, pos, 2, h) && lit(s, pos, ':') &&
        digits(s, pos, 2, mi) && lit(s, pos, ':') && digits(s, pos, 2, se)))
    return false;
  if (!valid_date(y, mo, d) || !valid_time(h, mi, se)) return false;
  ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100, n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      ++n;
    }
    if (n == 0) return false;
  }
  sec = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
  return true;
}

}  // namespace

bool parse_export_datetime(std::string_view s, int64_t& out_sec) {
  size_t pos = 0;
  int mo, d, yy, h, mi, se;
  if (!(digits(s, pos, 2, mo) && lit(s, pos, '/') && digits(s, pos, 2, d) && lit(s, pos, '/') &&
        digits(s, pos, 2, yy) && lit(s, pos, ' ') && digits(s, pos, 2, h) && lit(s, pos, ':') &&
        digits(s, pos, 2, mi) && lit(s, pos, ':') && digits(s, pos, 2, se) && pos == s.size()))
    return false;
  const int y = 2000 + yy;
  if (!valid_date(y, mo, d) || !valid_time(h, mi, se)) return false;
  out_sec = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
  return true;
}

bool parse_export_date(std::string_view s, int64_t& out_day) {
  size_t pos = 0;
  int mo, d, yy;
  if (!(digits(s, pos, 2, mo) && lit(s, pos, '/') && digits(s, pos, 2, d) && lit(s, pos, '/') &&
        digits(s, pos, 2, yy) && pos == s.size()))
    return false;
  if (!valid_date(2000 + yy, mo, d)) return false;
  out_day = days_from_civil(2000 + yy, mo, d);
  return true;
}

bool parse_iso_date(std::string_view s, int64_t& out_day) {
  size_t pos = 0;
  int y, mo, d;
  if (!(digits(s, pos, 4, y) && lit(s, pos, '-') && digits(s, pos, 2, mo) && lit(s, pos, '-') &&
        digits(s, pos, 2, d) && pos == s.size()))
    return false;
  if (!valid_date(y, mo, d)) return false;
  out_day = days_from_civil(y, mo, d);
  return true;
}

bool parse_iso_datetime_ms(std::string_view s, int64_t& out_ms) {
  size_t pos = 0;
  int64_t sec;
  int ms;
  if (!iso_core(s, pos, sec, ms)) return false;
  int64_t offset = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om;
    if (!(digits(s, pos, 2, oh) && lit(s, pos, ':') && digits(s, pos, 2, om))) return false;
    if (oh > 18 || om > 59) return false;
    offset = sign * (oh * 3600 + om * 60);
  }
  if (pos != s.size()) return false;
  out_ms = (sec - offset) * 1000 + ms;
  return true;
}

bool parse_iso_local_sec(std::string_view s, int64_t& out_sec) {
  size_t pos = 0;
  int ms;
  return iso_core(s, pos, out_sec, ms) && pos == s.size();
}

}  // namespace ts::fitbit
