// The daily "Activities" CSV in the Fitbit layout Garmin Connect's Import Data page takes
// (docs/formats.md):
//   Activities
//   Date,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,Minutes Fairly Active,Minutes Very Active,Activity Calories
//   2023-02-25,2104,8312,6.12,4,1021,201,14,31,0
// Rules the importer is known to need: LF line endings, no blank field, small files. So every
// field is a number (a metric the export lacks is written 0, and the caller reports which
// columns had no source), and days are split into files of at most `rows_per_file` rows
// (about 75 are reported to work). Distance is in kilometres (the user picks "metric" on the
// import page; IMPORT.txt says so). Activity Calories has no source in the export and is 0.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/daily/minute_series.h"

namespace ts::daily {

inline constexpr int kDefaultRowsPerFile = 75;

struct CsvFile {
  std::string path;  // "csv/activities-2023-01-01_2023-03-16.csv"
  std::string text;
  int64_t rows = 0;
  int64_t first_day = 0, last_day = 0;  // civil days
};

// Days in ascending order, each once (a map's entries, or assembly's DayList).
using DayList = std::vector<std::pair<int64_t, DayTotals>>;

// Days with no recorded value at all are not written.
std::vector<CsvFile> write_activities_csv(const std::map<int64_t, DayTotals>& days, int rows_per_file);
std::vector<CsvFile> write_activities_csv(const DayList& days, int rows_per_file);

}  // namespace ts::daily
