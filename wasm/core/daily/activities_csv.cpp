#include "core/daily/activities_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/common/number_text.h"
#include "core/fitbit/export_time.h"

namespace ts::daily {

namespace {

constexpr char kHeader[] =
    "Activities\n"
    "Date,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,"
    "Minutes Fairly Active,Minutes Very Active,Activity Calories\n";

bool any(const DayTotals& t) {
  for (bool h : t.has)
    if (h) return true;
  return false;
}

// A whole double as long long, held to its range: a day's total is a sum of values, and parts a
// client crafts can make it past 2^63 (converting such a double is undefined behaviour).
long long saturated(double whole) {
  constexpr double kLimit = 9223372036854775807.0;  // 2^63: the first double past the range
  if (std::isnan(whole)) return 0;
  if (whole >= kLimit) return std::numeric_limits<long long>::max();
  if (whole < -kLimit) return std::numeric_limits<long long>::min();
  return static_cast<long long>(whole);
}

// llround's result (half away from zero) for every value it can represent.
long long whole(double v) { return saturated(std::round(v)); }

double metric(const DayTotals& t, Metric m) { return t.value[static_cast<int>(m)]; }

void append_int(std::string& out, long long v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

// The row snprintf's "%s,%lld,%lld,%.2f,%lld,%lld,%lld,%lld,%lld,0\n" wrote, written without
// it: a ten-year assembly writes one a day, and snprintf was a fourteenth of its CPU in V8's
// baseline tier (number_text.h append_fixed gives "%.2f"'s digits).
void append_row(std::string& out, int64_t day, const DayTotals& t) {
  const bool has_floors = t.has[static_cast<int>(Metric::floors)];
  const double floors = has_floors ? metric(t, Metric::floors) : metric(t, Metric::altitude_ft) / 10.0;
  out += fitbit::format_day(day);
  out += ',';
  append_int(out, whole(metric(t, Metric::calories)));
  out += ',';
  append_int(out, whole(metric(t, Metric::steps)));
  out += ',';
  text::append_fixed(out, metric(t, Metric::distance_cm) / 100000.0, 2);
  out += ',';
  append_int(out, saturated(std::floor(floors + 1e-9)));
  for (Metric m : {Metric::sedentary_minutes, Metric::lightly_active_minutes, Metric::fairly_active_minutes, Metric::very_active_minutes}) {
    out += ',';
    append_int(out, whole(metric(t, m)));
  }
  out += ",0\n";
}

template <typename Days>
std::vector<CsvFile> write_files(const Days& days, int rows_per_file) {
  if (rows_per_file < 1) rows_per_file = kDefaultRowsPerFile;
  std::vector<CsvFile> files;
  for (const auto& [day, totals] : days) {
    if (!any(totals)) continue;
    if (files.empty() || files.back().rows >= rows_per_file) {
      files.push_back({});
      // Grown once, not by doubling: a row is ~50 bytes (the reservation stays small whatever
      // rows_per_file a caller gives).
      files.back().text.reserve(sizeof kHeader + static_cast<size_t>(std::min(rows_per_file, 400)) * 64);
      files.back().text = kHeader;
      files.back().first_day = day;
    }
    CsvFile& f = files.back();
    append_row(f.text, day, totals);
    f.last_day = day;
    ++f.rows;
  }
  for (CsvFile& f : files)
    f.path = "csv/activities-" + fitbit::format_day(f.first_day) + "_" + fitbit::format_day(f.last_day) + ".csv";
  return files;
}

}  // namespace

std::vector<CsvFile> write_activities_csv(const std::map<int64_t, DayTotals>& days, int rows_per_file) {
  return write_files(days, rows_per_file);
}

std::vector<CsvFile> write_activities_csv(const DayList& days, int rows_per_file) { return write_files(days, rows_per_file); }

}  // namespace ts::daily
