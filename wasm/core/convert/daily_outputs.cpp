#include "core/convert/daily_outputs.h"

#include "core/daily/activities_csv.h"
#include "core/fitbit/export_time.h"

namespace ts::convert {

namespace {

// The Activities CSV columns and the metric that fills each: a metric the export lacks is
// written as 0 and named in a warning.
std::string missing_columns(const bool (&seen)[daily::kMetricCount]) {
  static const struct { daily::Metric m; const char* column; } kColumns[] = {
      {daily::Metric::calories, "Calories Burned"},          {daily::Metric::steps, "Steps"},
      {daily::Metric::distance_cm, "Distance"},              {daily::Metric::sedentary_minutes, "Minutes Sedentary"},
      {daily::Metric::lightly_active_minutes, "Minutes Lightly Active"},
      {daily::Metric::fairly_active_minutes, "Minutes Fairly Active"},
      {daily::Metric::very_active_minutes, "Minutes Very Active"},
  };
  std::string missing;
  for (const auto& c : kColumns)
    if (!seen[static_cast<int>(c.m)]) missing += std::string(missing.empty() ? "" : ", ") + c.column;
  if (!seen[static_cast<int>(daily::Metric::floors)] && !seen[static_cast<int>(daily::Metric::altitude_ft)])
    missing += std::string(missing.empty() ? "" : ", ") + "Floors";
  return missing;
}

}  // namespace

void write_daily_csvs(const daily::DayList& days, const bool (&read)[daily::kMetricCount], HealthOutputs& out) {
  const auto csvs = daily::write_activities_csv(days, daily::kDefaultRowsPerFile);
  if (csvs.empty()) return;
  const std::string missing = missing_columns(read);
  if (!missing.empty()) out.warnings.push_back("daily CSV: the export has no data for " + missing + "; written as 0");
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
