// Daily activity summed into local days -> Fitbit-style Activities CSVs (csv/activities-….csv),
// at most 75 days each. Assembly writes them from every daily step's days.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "core/convert/health_outputs.h"
#include "core/daily/activities_csv.h"
#include "core/daily/minute_series.h"

namespace ts::convert {

// The Activities CSV column a metric fills ("Steps", "Minutes Sedentary"; floors and climbed
// altitude both "Floors"): the name warnings give a metric, before converting and after.
std::string daily_column_name(daily::Metric m);

// The CSVs of `days`, and the warnings for the columns no metric file could fill (`read`:
// which metrics had a file read). A day with no activity recorded (every metric 0 but the
// sedentary minutes: Fitbit's filler past the export's date) is left out, and said so.
void write_daily_csvs(const daily::DayList& days, const bool (&read)[daily::kMetricCount], HealthOutputs& out);

}  // namespace ts::convert
