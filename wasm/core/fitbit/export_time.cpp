#include "core/fitbit/export_time.h"

#include "core/common/civil_time.h"
#include "core/common/digits.h"
#include "core/common/same_bytes.h"

namespace ts::fitbit {

using civil::days_from_civil;

std::string format_day(int64_t days) { return civil::iso_date(days * 86400); }

namespace {

using text::read_char;

bool exactly(std::string_view s, size_t& pos, size_t n, unsigned& out) { return text::read_digits(s, pos, n, n, out); }

bool valid_date(unsigned y, unsigned m, unsigned d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= civil::days_in_month(y, m);
}

bool valid_time(unsigned h, unsigned mi, unsigned s) { return h <= 23 && mi <= 59 && s <= 60; }

// "YYYY-MM-DDTHH:MM:SS[.fff]" -> seconds as if UTC, plus milliseconds; pos ends after it.
bool iso_core(std::string_view s, size_t& pos, int64_t& sec, int& ms) {
  unsigned y, mo, d, h, mi, se;
  if (!(exactly(s, pos, 4, y) && read_char(s, pos, '-') && exactly(s, pos, 2, mo) && read_char(s, pos, '-') &&
        exactly(s, pos, 2, d) && read_char(s, pos, 'T') && exactly(s, pos, 2, h) && read_char(s, pos, ':') &&
        exactly(s, pos, 2, mi) && read_char(s, pos, ':') && exactly(s, pos, 2, se)))
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

// A two-digit year. Fitbit started in 2009, so 00-69 are 20YY; 70-99 are 19YY — a date no
// Fitbit export holds, which the readers then list as a time a FIT file cannot hold (before
// mid-1998) rather than move it 100 years into the future (helper finding: "01/10/97" was
// written as a weigh-in in 2097, unsaid).
int64_t two_digit_year(unsigned yy) { return yy >= 70 ? 1900 + static_cast<int64_t>(yy) : 2000 + static_cast<int64_t>(yy); }

// The date part of both shapes: "MM/DD/YY" (or, lenient, "M/D/YYYY" and the like).
bool parse_fitbit_date(std::string_view date, FitbitShape shape, int64_t& year, unsigned& month, unsigned& day) {
  const size_t lo = shape == FitbitShape::exact ? 2 : 1, hi = shape == FitbitShape::exact ? 2 : 4;
  size_t pos = 0;
  unsigned y = 0;
  if (!(text::read_digits(date, pos, lo, hi, month) && read_char(date, pos, '/') && text::read_digits(date, pos, lo, hi, day) &&
        read_char(date, pos, '/')))
    return false;
  const size_t year_at = pos;
  if (!text::read_digits(date, pos, lo, hi, y) || pos != date.size()) return false;
  if (pos - year_at == 2) year = two_digit_year(y);
  else if (pos - year_at == 4) year = y;
  else return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= civil::days_in_month(year, month);
}

// "MM/DD/YY" and "HH:MM:SS", the shape of nearly every record, read at fixed places: the
// fields either shape's general read below takes from them (a two-digit year as above).
bool read_usual_shape(std::string_view date, std::string_view time, civil::DateTime& t) {
  if (date.size() != 8 || time.size() != 8) return false;
  size_t d = 0, h = 0;
  unsigned mo, day, y, hour, mi, se;
  if (!(exactly(date, d, 2, mo) && read_char(date, d, '/') && exactly(date, d, 2, day) && read_char(date, d, '/') &&
        exactly(date, d, 2, y) && exactly(time, h, 2, hour) && read_char(time, h, ':') && exactly(time, h, 2, mi) &&
        read_char(time, h, ':') && exactly(time, h, 2, se)))
    return false;
  t = {two_digit_year(y), mo, day, hour, mi, se};
  return true;
}

}  // namespace

bool parse_fitbit_date_time(std::string_view date, std::string_view time, FitbitShape shape, int64_t& out_sec) {
  civil::DateTime t{};
  if (read_usual_shape(date, time, t)) {
    if (!(t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= civil::days_in_month(t.year, t.month))) return false;
  } else {
    if (!parse_fitbit_date(date, shape, t.year, t.month, t.day)) return false;
    const size_t lo = shape == FitbitShape::exact ? 2 : 1, hi = shape == FitbitShape::exact ? 2 : 4;
    size_t pos = 0;
    if (!(text::read_digits(time, pos, lo, hi, t.hour) && read_char(time, pos, ':') &&
          text::read_digits(time, pos, lo, hi, t.minute)))
      return false;
    const bool seconds_optional = shape == FitbitShape::lenient;
    if (pos < time.size() || !seconds_optional) {
      if (!(read_char(time, pos, ':') && text::read_digits(time, pos, lo, hi, t.second) && pos == time.size())) return false;
    }
  }
  // Machine-written stamps may carry a leap second (:60); it reads as the next minute's :00.
  const unsigned leap = shape == FitbitShape::exact && t.second == 60 ? 1 : 0;
  t.second -= leap;
  if (!civil::valid(t)) return false;
  out_sec = civil::to_seconds(t) + leap;
  return true;
}

bool parse_export_datetime(std::string_view s, int64_t& out_sec) {
  const size_t space = s.find(' ');
  if (space == std::string_view::npos) return false;
  return parse_fitbit_date_time(s.substr(0, space), s.substr(space + 1), FitbitShape::exact, out_sec);
}

bool ExportDateTimeReader::read(std::string_view s, int64_t& out_sec) {
  // "MM/DD/YY HH:MM:SS": 17 characters, the time at 9.
  if (!date_.empty() && s.size() == 17 && s[8] == ' ' && same_bytes(s.substr(0, 8), date_)) {
    unsigned h, mi, se;
    size_t pos = 9;
    if (exactly(s, pos, 2, h) && read_char(s, pos, ':') && exactly(s, pos, 2, mi) && read_char(s, pos, ':') &&
        exactly(s, pos, 2, se)) {
      // As parse_fitbit_date_time reads the exact shape: a leap second (:60) is the next
      // minute's :00, so h:mi:60 is day + h:mi + 60 s, even at 23:59:60.
      if (h > 23 || mi > 59 || se > 60) return false;
      out_sec = day_sec_ + h * 3600 + mi * 60 + se;
      return true;
    }
    return false;
  }
  if (!parse_export_datetime(s, out_sec)) return false;
  int64_t day;
  if (s.size() == 17 && s[8] == ' ' && parse_export_date(s.substr(0, 8), day)) {
    date_ = s.substr(0, 8);
    day_sec_ = day * 86400;
  }
  return true;
}

bool parse_export_date(std::string_view s, int64_t& out_day) {
  int64_t y;
  unsigned m, d;
  if (!parse_fitbit_date(s, FitbitShape::exact, y, m, d)) return false;
  out_day = days_from_civil(y, m, d);
  return true;
}

bool parse_iso_date(std::string_view s, int64_t& out_day) {
  size_t pos = 0;
  unsigned y, mo, d;
  if (!(exactly(s, pos, 4, y) && read_char(s, pos, '-') && exactly(s, pos, 2, mo) && read_char(s, pos, '-') &&
        exactly(s, pos, 2, d) && pos == s.size()))
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
    const int64_t sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    unsigned oh, om;
    if (!(exactly(s, pos, 2, oh) && read_char(s, pos, ':') && exactly(s, pos, 2, om))) return false;
    if (oh > 18 || om > 59) return false;
    offset = sign * static_cast<int64_t>(oh * 3600 + om * 60);
  }
  if (pos != s.size()) return false;
  out_ms = (sec - offset) * 1000 + ms;
  return true;
}

bool parse_utc_offset(std::string_view s, int64_t& east_sec) {
  if (s == "Z") return (east_sec = 0), true;
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return false;
  size_t i = 1;
  unsigned h = 0, m = 0;
  if (!exactly(s, i, 2, h)) return false;
  (void)read_char(s, i, ':');  // optional: "+0100" is Google's UserExercises_*.csv's ("…10:30:42+0000")
  if (!exactly(s, i, 2, m) || i != s.size() || h > 14 || m > 59) return false;
  east_sec = (s[0] == '-' ? -1 : 1) * static_cast<int64_t>(h * 3600 + m * 60);
  return true;
}

bool parse_iso_utc(std::string_view s, int64_t& utc_sec, bool round) {
  civil::DateTime t{};
  unsigned y = 0;
  size_t i = 0;
  if (!(exactly(s, i, 4, y) && read_char(s, i, '-') && exactly(s, i, 2, t.month) && read_char(s, i, '-') &&
        exactly(s, i, 2, t.day) && (read_char(s, i, 'T') || read_char(s, i, ' ')) && exactly(s, i, 2, t.hour) &&
        read_char(s, i, ':') && exactly(s, i, 2, t.minute) && read_char(s, i, ':') && exactly(s, i, 2, t.second)))
    return false;
  t.year = y;
  if (!civil::valid(t)) return false;
  int64_t up = 0;  // 1 when rounding takes the fraction to the next second
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (round && i < s.size() && s[i] >= '5' && s[i] <= '9') up = 1;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  // The zone ends the text; without one the time is not a UTC instant.
  int64_t offset = 0;
  if (!parse_utc_offset(s.substr(i), offset)) return false;
  utc_sec = civil::to_seconds(t) - offset + up;
  return true;
}

bool parse_iso_local_sec(std::string_view s, int64_t& out_sec) {
  size_t pos = 0;
  int ms;
  return iso_core(s, pos, out_sec, ms) && pos == s.size();
}

}  // namespace ts::fitbit
