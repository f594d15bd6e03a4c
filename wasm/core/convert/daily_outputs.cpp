#include "core/convert/daily_outputs.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/daily/activities_csv.h"
#include "core/fitbit/export_time.h"

namespace ts::convert {

namespace {

// The Activities CSV columns and the metric that fills each (Floors: floors, else climbed
// altitude). A metric the export lacks is written as 0 and named in a warning.
struct Column {
  daily::Metric m;
  const char* name;
};
constexpr Column kColumns[] = {
    {daily::Metric::calories, "Calories Burned"},
    {daily::Metric::steps, "Steps"},
    {daily::Metric::distance_cm, "Distance"},
    {daily::Metric::sedentary_minutes, "Minutes Sedentary"},
    {daily::Metric::lightly_active_minutes, "Minutes Lightly Active"},
    {daily::Metric::fairly_active_minutes, "Minutes Fairly Active"},
    {daily::Metric::very_active_minutes, "Minutes Very Active"},
};

std::string missing_columns(const bool (&seen)[daily::kMetricCount]) {
  std::string missing;
  for (const auto& c : kColumns)
    if (!seen[static_cast<int>(c.m)]) missing += std::string(missing.empty() ? "" : ", ") + c.name;
  if (!seen[static_cast<int>(daily::Metric::floors)] && !seen[static_cast<int>(daily::Metric::altitude_ft)])
    missing += std::string(missing.empty() ? "" : ", ") + "Floors";
  return missing;
}

// A column the export has, with no reading on some of the days written: a 0 there is no
// measurement, yet Garmin takes it as one (a day of 0 kcal). Fitbit writes these metrics for
// every minute or day the tracker was worn, zeros included (a real export's steps: 31,776 of
// 36,876 minutes "0"), so a day without one is a day its files do not cover — a month's file
// missing, a Takeout part not given — or one the tracker was not worn. Floors are left out:
// climbed altitude is written only for minutes with a climb (the same export: no "0" among
// 383), so a day without one is a day of no stairs (helper finding: 30 days of Calories
// Burned 0 beside their steps, without a word).
// "2023-01-01", or "the first 2023-01-01, the last 2023-01-30": the days a warning names.
std::string days_named(int64_t n, int64_t first, int64_t last) {
  return n > 1 ? "the first " + fitbit::format_day(first) + ", the last " + fitbit::format_day(last) : fitbit::format_day(first);
}

void say_uncovered_days(const daily::DayList& days, const bool (&read)[daily::kMetricCount], HealthOutputs& out) {
  // Columns without a reading on the same days are said in one line (steps and distance come
  // from one device and lack the same days: review finding, two identical lines).
  struct Uncovered {
    std::string columns;
    std::vector<int64_t> which;  // the days (ascending), to tell columns of the same days
  };
  std::vector<Uncovered> said;
  for (const auto& c : kColumns) {
    const int m = static_cast<int>(c.m);
    if (!read[m]) continue;  // the whole column: missing_columns
    Uncovered u;
    for (const auto& d : days)
      if (!d.second.has[m]) u.which.push_back(d.first);
    if (u.which.empty()) continue;
    auto same = std::find_if(said.begin(), said.end(), [&](const Uncovered& s) { return s.which == u.which; });
    if (same != said.end()) {
      same->columns += std::string(", ") + c.name;
      continue;
    }
    u.columns = c.name;
    said.push_back(std::move(u));
  }
  for (const Uncovered& u : said) {
    const int64_t n = static_cast<int64_t>(u.which.size());
    out.warnings.push_back("daily CSV: " + u.columns + " " + (u.columns.find(',') == std::string::npos ? "has" : "have") +
                           " no reading on " + std::to_string(n) + " of the " + std::to_string(days.size()) +
                           " day(s) written (" + days_named(n, u.which.front(), u.which.back()) +
                           "): no file of the export covers them, or the tracker was not worn; written as 0");
  }
}

// A day with no activity recorded: every metric 0 but the sedentary minutes. Fitbit's 30-day
// files fill the days after the export was made with exactly that (1,440 sedentary minutes,
// 0 calories, 0 steps), and every real public export checked ended in 6-26 of them (helper
// finding); no worn or unworn day looks so when the export has calories, since a day without
// the tracker still has its resting calories (without calories files, such a day holds
// nothing Garmin could use either: no steps, no distance, no active minute). Imported, they
// would write days of nothing into Garmin — the very days the person may already wear one.
bool no_activity(const daily::DayTotals& d) {
  for (int m = 0; m < daily::kMetricCount; ++m)
    if (m != static_cast<int>(daily::Metric::sedentary_minutes) && d.value[m] != 0) return false;
  return true;
}

}  // namespace

std::string daily_column_name(daily::Metric m) {
  for (const auto& c : kColumns)
    if (c.m == m) return c.name;
  return "Floors";  // floors and climbed altitude: the one column
}

void write_daily_csvs(const daily::DayList& all, const bool (&read)[daily::kMetricCount], HealthOutputs& out) {
  daily::DayList days;
  days.reserve(all.size());
  int64_t left = 0, first = 0, last = 0;
  for (const auto& d : all) {
    if (!no_activity(d.second)) {
      days.push_back(d);
      continue;
    }
    if (left++ == 0) first = d.first;
    last = d.first;
  }
  if (left > 0)
    out.warnings.push_back("daily CSV: " + std::to_string(left) + " day(s) with no activity recorded (0 calories, 0 steps, " +
                           "no active minutes: the tracker recorded nothing, as on the days Fitbit adds after the export was made) left out: " +
                           days_named(left, first, last));
  const auto csvs = daily::write_activities_csv(days, daily::kDefaultRowsPerFile);
  if (csvs.empty()) return;
  const std::string missing = missing_columns(read);
  // "No data read", not "the export has no data": a file of the kind that could not be read
  // at all is named in skipped (helper finding: the warning denied a month of steps whose file
  // was cut short).
  if (!missing.empty())
    out.warnings.push_back("daily CSV: no data was read for " + missing + " (the export has none, or its files could not be read: see skipped); written as 0");
  say_uncovered_days(days, read, out);
  out.warnings.push_back("daily CSV: Activity Calories has no source in a Fitbit export; written as 0");
  for (const auto& c : csvs) {
    ProducedFile pf;
    pf.path = c.path;
    pf.kind = "daily";
    pf.records = static_cast<size_t>(c.rows);
    pf.first = fitbit::format_day(c.first_day);
    pf.last = fitbit::format_day(c.last_day);
    pf.bytes = c.text;
    out.files.push_back(std::move(pf));
  }
}

}  // namespace ts::convert
