// Time stamps as Fitbit exports write them, turned into Unix time.
//
// Terms, defined once:
//   export date-time — "MM/DD/YY HH:MM:SS" (two-digit year: 20YY, or 19YY from 70). What it means depends on the
//                      field: per-minute `dateTime` and exercise `startTime` are UTC; weight
//                      `date`+`time` are local wall-clock time. The parser only turns the
//                      digits into seconds "as if UTC"; the caller knows which it is.
//   ISO time         — TCX `<Time>`: "2023-01-06T01:08:57.000Z" or with a "+01:00" offset.
//   civil day        — a day number since 1970-01-01 (day 0), the unit of daily outputs
//                      (calendar arithmetic itself is core/common/civil_time.h).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ts::fitbit {

// Floor division of Unix seconds into a civil day (correct for times before 1970 too).
inline int64_t day_of(int64_t unix_sec) {
  return unix_sec >= 0 ? unix_sec / 86400 : -((-unix_sec + 86399) / 86400);
}

// "YYYY-MM-DD" for a civil day.
std::string format_day(int64_t days);

// Fitbit's export date-time as a date and a time -> seconds since 1970 as if the digits were
// UTC. False when malformed or a field is out of range. Two shapes:
//   exact   — "MM/DD/YY" and "HH:MM:SS", two digits each (a leap second :60 is read as the
//             next minute): the machine-written stamps of per-minute data, heart rate and
//             exercise startTime, where anything else is a damaged record.
//   lenient — "M/D/YY" or "M/D/YYYY" and "H:MM" or "H:MM:SS", fields of 1-4 digits: weight
//             logs' separate `date` and `time`, which older exports wrote this loosely.
enum class FitbitShape { exact, lenient };
bool parse_fitbit_date_time(std::string_view date, std::string_view time, FitbitShape shape, int64_t& out_sec);

// "MM/DD/YY HH:MM:SS" (exact shape, one space) -> seconds since 1970 as if UTC.
bool parse_export_datetime(std::string_view s, int64_t& out_sec);

// parse_export_datetime for a run of stamps, giving the same answer for each, faster: a file
// of per-minute data has 1,440 stamps a day with one date part, so the date part of the last
// stamp read in full is remembered (its text and its day), and a stamp with the same date part
// reads only its "HH:MM:SS". Lives for one file's read (it holds a view into that file).
class ExportDateTimeReader {
 public:
  bool read(std::string_view s, int64_t& out_sec);

 private:
  std::string_view date_;  // "MM/DD/YY" of the last stamp read in full; empty before the first
  int64_t day_sec_ = 0;    // its 00:00:00, as if UTC
};

// "MM/DD/YY" -> civil day.
bool parse_export_date(std::string_view s, int64_t& out_day);

// "YYYY-MM-DD" -> civil day.
bool parse_iso_date(std::string_view s, int64_t& out_day);

// ISO 8601 date-time with optional fraction and a "Z" or "±HH:MM" offset -> Unix ms (UTC).
// Without an offset the digits are taken as UTC (TCX requires one; a missing one is rare).
bool parse_iso_datetime_ms(std::string_view s, int64_t& out_ms);

// A UTC offset, the whole of `s`: "Z", "+HH:MM"/"-HH:MM", or "+HHMM" as Google's CSVs write
// it (UserExercises_*.csv's "…10:30:42+0000", sleeps' "+0530") -> seconds east of UTC. False
// for any other shape, and for hours over 14 or minutes over 59: no zone's. Every real offset
// lies within -12:00..+14:00; the bound is looser, the same both ways, so that no offset the
// sleeps CSV reader read before it shared this one is refused now.
bool parse_utc_offset(std::string_view s, int64_t& east_sec);

// "YYYY-MM-DDTHH:MM:SS[.fff]" (or a space for the T) and an offset as parse_utc_offset reads it
// -> UTC seconds: an instant, so the zone is required (weight.csv timestamps). A fraction of a
// second is dropped, or with `round` taken to the nearest second (.5 up).
bool parse_iso_utc(std::string_view s, int64_t& utc_sec, bool round = false);

// ISO 8601 local date-time without offset ("2024-03-20T22:04:00.000") -> seconds as if UTC.
bool parse_iso_local_sec(std::string_view s, int64_t& out_sec);

}  // namespace ts::fitbit
