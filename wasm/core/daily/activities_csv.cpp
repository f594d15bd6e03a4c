#include "core/daily/activities_csv.h"

#include <cmath>
#include <cstdio>

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

long long whole(double v) { return static_cast<long long>(std::llround(v)); }

double metric(const DayTotals& t, Metric m) { return t.value[static_cast<int>(m)]; }

void append_row(std::string& out, int64_t day, const DayTotals& t) {
  const bool has_floors = t.has[static_cast<int>(Metric::floors)];
  const double floors = has_floors ? metric(t, Metric::floors) : metric(t, Metric::altitude_ft) / 10.0;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s,%lld,%lld,%.2f,%lld,%lld,%lld,%lld,%lld,0\n", fitbit::format_day(day).c_str(),
                whole(metric(t, Metric::calories)), whole(metric(t, Metric::steps)),
                metric(t, Metric::distance_cm) / 100000.0, static_cast<long long>(std::floor(floors + 1e-9)),
                whole(metric(t, Metric::sedentary_minutes)), whole(metric(t, Metric::lightly_active_minutes)),
                whole(metric(t, Metric::fairly_active_minutes)), whole(metric(t, Metric::very_active_minutes)));
  out += buf;
}

}  // namespace

std::vector<CsvFile> write_activities_csv(const std::map<int64_t, DayTotals>& days, int rows_per_file) {
  if (rows_per_file < 1) rows_per_file = kDefaultRowsPerFile;
  std::vector<CsvFile> files;
  for (const auto& [day, totals] : days) {
    if (!any(totals)) continue;
    if (files.empty() || files.back().rows >= rows_per_file) {
      files.push_back({});
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

}  // namespace ts::daily
