// Heart data Garmin Connect cannot import, as readable CSV:
//   resting_heart_rate-*.json -> reference/resting_heart_rate.csv (date,resting_bpm,error_bpm)
//     {"dateTime":"03/01/24 00:00:00","value":{"date":"03/01/24","value":53.01,"error":6.79}}
//     A value of 0 means "not computed that day" and is dropped.
//   heart_rate-*.json (one file per UTC day, up to ~70,000 readings) ->
//     reference/heart_rate_daily.csv (date,min_bpm,avg_bpm,max_bpm,readings) per LOCAL day.
//     {"dateTime":"01/25/23 13:00:07","value":{"bpm":54,"confidence":2}} — dateTime is UTC.
//   heart_rate_YYYY-MM-DD.csv (Google's; the readings heart_rate-*.json files hold left out) -> the same.
//   Only the daily summary is written: the full series would be hundreds of MB of CSV.
//   A second counts once, with its first reading (two sources' rows at one second: the first
//   row of the file), as an activity file keeps one record a second.
#pragma once
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/problem.h"
#include "core/reference/reference_table.h"
#include "core/tz/transitions.h"

namespace ts::reference {

ReferenceTable make_resting_hr_table();
Error add_resting_hr_file(std::string_view path, std::string_view data, bool padded, ReferenceTable& table,
                          fitbit::Problems& problems);
// The days add_resting_hr_file would write a row for (a day in two files is one row), with the
// same problems, without writing the rows: the plan's report counts and dates them, and
// formatting every value was a tenth of a plan's CPU in V8's baseline tier.
Error count_resting_hr_file(std::string_view path, std::string_view data, bool padded, std::set<int64_t>& days,
                            fitbit::Problems& problems);

// Per-local-day accumulation of heart-rate readings (min, sum, max, count).
struct HeartRateDay {
  int32_t min_bpm = 1000, max_bpm = 0;
  int64_t sum = 0, readings = 0;
};
using HeartRateDays = std::map<int64_t, HeartRateDay>;

// The local days one heart-rate file's readings may lie on: a day file's one or two, a month
// file's up to 32, with room to spare. Readings on further days are left out and counted.
inline constexpr size_t kHeartRateFileDaysMax = 64;

// A file whose name ends in .csv is Google's (fitbit/google_heart_rate_csv.h: a day or a
// month of readings), any other Fitbit's JSON day. `json_days` (sorted): the days Fitbit's JSON
// files of the export are named for, whose readings a Google file leaves out: those of the UTC
// day and of the local day in `zone`, as a JSON day file is cut either way (the JSON holds
// them: fitbit/file_kinds.h apply_export_rules).
Error add_heart_rate_file(std::string_view path, std::string_view data, bool padded, const tz::Zone& zone,
                          HeartRateDays& days, fitbit::Problems& problems, const std::vector<int64_t>& json_days = {});
// reference/heart_rate_daily.csv: a row per day with readings, in day order. Written straight
// into its text (the days are already sorted and unique): as a ReferenceTable, each row's
// pieces, its key and its map node were a fifth of a ten-year assembly's CPU in V8's
// baseline tier, for a year of all-day heart rate.
TableCsv heart_rate_daily_csv(const HeartRateDays& days);

}  // namespace ts::reference
