#include "core/common/civil_time.h"

#include <cstdio>

namespace ts::civil {

DateTime from_seconds(int64_t sec) {
  int64_t days = sec >= 0 ? sec / 86400 : (sec - 86399) / 86400;
  int64_t rem = sec - days * 86400;
  // civil_from_days (Hinnant)
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  DateTime t;
  t.day = doy - (153 * mp + 2) / 5 + 1;
  t.month = mp < 10 ? mp + 3 : mp - 9;
  t.year = static_cast<int64_t>(yoe) + era * 400 + (t.month <= 2);
  t.hour = static_cast<unsigned>(rem / 3600);
  t.minute = static_cast<unsigned>(rem % 3600 / 60);
  t.second = static_cast<unsigned>(rem % 60);
  return t;
}

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool valid(const DateTime& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= days_in_month(t.year, t.month) &&
         t.hour < 24 && t.minute < 60 && t.second < 60;
}

namespace {
// Writes v as `width` digits at p (v < 10^width).
void digits(char* p, unsigned v, int width) {
  for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
}

std::string format(int64_t sec, bool with_time, const char* suffix) {
  const DateTime t = from_seconds(sec);
  char buf[48];
  // Years 0-9999 written digit by digit, as the snprintf below would: every CSV row, manifest
  // entry and FIT file name carries a date, and snprintf is a slow call in WASM (a twentieth
  // of an assembly's CPU).
  if (t.year >= 0 && t.year <= 9999) {
    digits(buf, static_cast<unsigned>(t.year), 4);
    buf[4] = '-';
    digits(buf + 5, t.month, 2);
    buf[7] = '-';
    digits(buf + 8, t.day, 2);
    if (!with_time) return std::string(buf, 10);
    buf[10] = 'T';
    digits(buf + 11, t.hour, 2);
    buf[13] = ':';
    digits(buf + 14, t.minute, 2);
    buf[16] = ':';
    digits(buf + 17, t.second, 2);
    return std::string(buf, 19) + suffix;
  }
  if (with_time)
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u%s", static_cast<long long>(t.year), t.month,
                  t.day, t.hour, t.minute, t.second, suffix);
  else
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(t.year), t.month, t.day);
  return buf;
}
}  // namespace

std::string iso_utc(int64_t utc_sec) { return format(utc_sec, true, "Z"); }
std::string iso_local(int64_t local_sec) { return format(local_sec, true, ""); }
std::string iso_date(int64_t sec) { return format(sec, false, ""); }

}  // namespace ts::civil
