#include "core/fitbit/export_time.h"

#include <cstdio>

namespace ts::fitbit {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

std::string format_day(int64_t days) {
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

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

unsigned days_in_month(int y, int m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool valid_date(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && static_cast<unsigned>(d) <= days_in_month(y, m);
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
