// Calendar arithmetic without a time-zone database: civil (proleptic Gregorian) dates and
// times <-> a count of seconds. The same count means a UTC instant or a local wall-clock time
// depending on who holds it; the names say which ("utc_sec", "local_sec").
#pragma once
#include <cstdint>
#include <string>

namespace ts::civil {

// Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil; valid for any
// year the int64 can hold).
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct DateTime {
  int64_t year;
  unsigned month, day, hour, minute, second;
};

DateTime from_seconds(int64_t sec);

constexpr bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned days_in_month(int64_t y, unsigned m);

// True when every field is in range (month 1-12, day within the month, 00:00:00-23:59:59).
bool valid(const DateTime& t);

inline int64_t to_seconds(const DateTime& t) {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

// "2023-03-12T07:30:00Z" (utc) or "2023-03-12T02:30:00" (local, no suffix).
std::string iso_utc(int64_t utc_sec);
std::string iso_local(int64_t local_sec);
// "2023-03-12"
std::string iso_date(int64_t sec);

}  // namespace ts::civil
