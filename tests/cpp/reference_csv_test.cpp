// Reference CSVs (what Garmin cannot import) and the time parsing every reader relies on.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "core/common/civil_time.h"
#include "core/convert/reference_outputs.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"
#include "core/workout/activity_types.h"

using namespace ts;

TEST_CASE("reference: sleep rows keep local times as written, sorted, repeated logs once", "[reference]") {
  auto t = reference::make_sleep_table();
  fitbit::Problems problems;
  const std::string later =
      R"([{"logId":2,"dateOfSleep":"2024-03-22","startTime":"2024-03-21T23:00:00.000","endTime":"2024-03-22T07:00:00.000","minutesAsleep":420,"minutesAwake":60,"timeInBed":480,"efficiency":88,"type":"classic","mainSleep":true,"levels":{"summary":{"asleep":{"count":0,"minutes":420},"restless":{"count":3,"minutes":40},"awake":{"count":1,"minutes":20}}}}])";
  const std::string earlier =
      R"([{"logId":1,"dateOfSleep":"2024-03-21","startTime":"2024-03-20T22:04:00.000","endTime":"2024-03-21T06:55:00.000","minutesAsleep":474,"minutesAwake":57,"timeInBed":531,"efficiency":93,"minutesToFallAsleep":0,"type":"stages","mainSleep":true,"levels":{"summary":{"deep":{"minutes":80},"light":{"minutes":250},"rem":{"minutes":144},"wake":{"minutes":57}}}}])";
  REQUIRE_FALSE(reference::add_sleep_file("sleep-2024-03-22.json", later, false, t, problems));
  REQUIRE_FALSE(reference::add_sleep_file("sleep-2024-03-21.json", earlier, false, t, problems));
  REQUIRE_FALSE(reference::add_sleep_file("sleep-2024-03-21.json", earlier, false, t, problems));  // the same file twice
  CHECK(problems.empty());
  CHECK(t.csv() ==
        "date_of_sleep,start_local,end_local,type,main_sleep,minutes_asleep,minutes_awake,time_in_bed,efficiency,"
        "minutes_to_fall_asleep,deep_minutes,light_minutes,rem_minutes,wake_minutes,asleep_minutes,restless_minutes,"
        "awake_minutes\n"
        "2024-03-21,2024-03-20T22:04:00.000,2024-03-21T06:55:00.000,stages,true,474,57,531,93,0,80,250,144,57,,,\n"
        "2024-03-22,2024-03-21T23:00:00.000,2024-03-22T07:00:00.000,classic,true,420,60,480,88,,,,,,420,40,20\n");
  CHECK(fitbit::format_day(t.first_day) == "2024-03-21");
  CHECK(fitbit::format_day(t.last_day) == "2024-03-22");
}

TEST_CASE("reference: resting heart rate drops zeros; heart rate summarised per local day", "[reference]") {
  auto rhr = reference::make_resting_hr_table();
  fitbit::Problems problems;
  REQUIRE_FALSE(reference::add_resting_hr_file(
      "resting_heart_rate-2024-03-01.json",
      R"([{"dateTime":"03/01/24 00:00:00","value":{"date":"03/01/24","value":53.01,"error":6.79}},
          {"dateTime":"03/02/24 00:00:00","value":{"date":"03/02/24","value":0,"error":0}}])",
      false, rhr, problems));
  CHECK(rhr.csv() == "date,resting_bpm,error_bpm\n2024-03-01,53.01,6.79\n");

  reference::HeartRateDays days;
  tz::Zone zone;
  REQUIRE_FALSE(tz::Zone::make({{0, 3600}}, zone));  // UTC+1: 23:30 UTC is the next local day
  REQUIRE_FALSE(reference::add_heart_rate_file(
      "heart_rate-2023-01-25.json",
      R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":50,"confidence":2}},
          {"dateTime":"01/25/23 13:00:12","value":{"bpm":61,"confidence":3}},
          {"dateTime":"01/25/23 23:30:00","value":{"bpm":70,"confidence":3}}])",
      false, zone, days, problems));
  CHECK(problems.empty());
  CHECK(reference::heart_rate_daily_csv(days).text ==
        "date,min_bpm,avg_bpm,max_bpm,readings\n2023-01-25,50,55.5,61,2\n2023-01-26,70,70,70,1\n");
}

TEST_CASE("export time: shapes and ranges", "[time]") {
  int64_t s = 0, ms = 0, d = 0;
  CHECK(fitbit::parse_export_datetime("01/06/23 01:08:57", s));
  CHECK(s == 1672967337);
  CHECK_FALSE(fitbit::parse_export_datetime("13/06/23 01:08:57", s));
  CHECK_FALSE(fitbit::parse_export_datetime("02/29/23 01:08:57", s));  // 2023 is not a leap year
  CHECK(fitbit::parse_export_datetime("02/29/24 00:00:00", s));
  CHECK_FALSE(fitbit::parse_export_datetime("01/06/23 01:08:57 ", s));
  CHECK(fitbit::parse_iso_datetime_ms("2023-01-06T01:08:57.25Z", ms));
  CHECK(ms == 1672967337250);
  CHECK(fitbit::parse_iso_datetime_ms("2023-01-05T17:08:57-08:00", ms));
  CHECK(ms == 1672967337000);
  CHECK_FALSE(fitbit::parse_iso_datetime_ms("2023-01-05T17:08:57+8", ms));
  CHECK(fitbit::parse_iso_date("1969-12-31", d));
  CHECK(d == -1);
  CHECK(fitbit::format_day(d) == "1969-12-31");
  CHECK(fitbit::day_of(-1) == -1);
  CHECK(fitbit::parse_export_date("03/01/24", d));
  CHECK(fitbit::format_day(d) == "2024-03-01");
}

TEST_CASE("activity types: at least 40 entries, the well-known ids right, unique ids", "[workout]") {
  size_t n = 0;
  const workout::ActivityTypeEntry* t = workout::activity_type_table(n);
  CHECK(n >= 40);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      if (t[i].fitbit_id != 0) CHECK(t[i].fitbit_id != t[j].fitbit_id);
      CHECK(std::string(t[i].fitbit_name) != t[j].fitbit_name);
    }
  struct Want {
    int64_t id;
    const char* name;
    int sport, sub;
  };
  const Want wants[] = {{90013, "", 11, 0}, {90009, "", 1, 0}, {90019, "", 1, 1}, {90024, "", 5, 17},
                        {55001, "", 2, 6},  {52000, "", 10, 43}, {90012, "", 17, 0}, {0, "weights", 10, 20},
                        {0, "ELLIPTICAL", 4, 15}, {0, "", 0, 0},
                        // ids real exports write under names of other languages ("Aerobic" in a German one)
                        {3001, "Aerobic", 10, 26}, {53000, "普拉提", 10, 44}, {91043, "Gewichtheben", 10, 20},
                        // and ids they wrote that had no entry (helper finding): a German treadmill,
                        // Aerobics, Powerlifting, "10 Minute Abs"
                        {20049, "Laufband", 1, 1}, {91047, "Aerobics", 10, 26}, {91044, "Powerlifting", 10, 20},
                        {3101, "10 Minute Abs", 10, 20}};
  for (const Want& w : wants) {
    const auto m = workout::map_activity(w.id, w.name);
    INFO(w.id << " " << w.name);
    CHECK(m.sport == w.sport);
    CHECK(m.sub_sport == w.sub);
  }
}

// A file copied as it is to reference/other/ is counted in the manifest: a CSV's rows after
// its header, a JSON array's elements.
TEST_CASE("reference: a copied file's records, whether or not a line break ends its last row (numbered rows)", "[reference]") {
  struct Row {
    int n;
    const char* name;
    const char* data;
    size_t records;
    const char* why;
  };
  const Row rows[] = {
      {1, "Daily HRV Summary - 2023-09-19.csv", "timestamp,rmssd\n2023-09-19T00:00:00,41.2\n", 1, "a line break after the last row"},
      {2, "Daily HRV Summary - 2023-09-19.csv", "timestamp,rmssd\n2023-09-19T00:00:00,41.2", 1, "helper finding: no line break after it (a real export's files): counted a row short"},
      {3, "Daily HRV Summary - 2023-09-19.csv", "timestamp,rmssd\n1,2\r\n3,4", 2, "CRLF rows, the last without one"},
      {4, "Daily HRV Summary - 2023-09-19.csv", "timestamp,rmssd", 0, "a header alone"},
      {5, "Daily HRV Summary - 2023-09-19.csv", "", 0, "an empty file"},
      {6, "Stress Score.json", "[{\"a\":1},{\"a\":2}]", 2, "a JSON array's elements"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    convert::HealthOutputs out;
    convert::copy_other_health_file(r.name, r.data, std::string("reference/other/") + r.name, out);
    REQUIRE(out.files.size() == 1);
    CHECK(out.files[0].records == r.records);
  }
}

// heart_rate_daily.csv counts a second once, with its first reading, as an activity file keeps
// one record a second: two sources' rows at one second weighted the day and counted it twice.
TEST_CASE("reference: heart rate summary counts one reading a second, blank lines none (numbered rows)", "[reference]") {
  struct Row {
    int n;
    const char* path;
    const char* data;
    const char* want;  // the summary's row for 2024-10-27 (UTC)
    const char* why;
  };
  const Row rows[] = {
      {1, "heart_rate_2024-10-27.csv",
       "timestamp,beats per minute,data source\n2024-10-27T08:00:00Z,60.0,Watch\n2024-10-27T08:00:00Z,90.0,Phone\n"
       "2024-10-27T08:00:05Z,62.0,Watch\n",
       "2024-10-27,60,61,62,2", "helper finding: two sources at one second, next to each other: the first row kept"},
      {2, "heart_rate_2024-10-27.csv",
       "timestamp,beats per minute,data source\n2024-10-27T08:00:00Z,60.0,Watch\n2024-10-27T08:00:05Z,62.0,Watch\n"
       "2024-10-27T08:00:00Z,90.0,Phone\n2024-10-27T08:00:07Z,70.0,Phone\n",
       "2024-10-27,60,64,70,3", "each source's rows in a block: put in time order, the file's first row of a second kept"},
      {3, "heart_rate_2024-10-27.csv",
       "timestamp,beats per minute,data source\n2024-10-27T08:00:00Z,60.0,Watch\n2024-10-27T08:00:01Z,90.0,Phone\n",
       "2024-10-27,60,75,90,2", "two seconds, two readings: nothing left out"},
      {4, "heart_rate-2024-10-27.json",
       R"([{"dateTime":"10/27/24 08:00:00","value":{"bpm":60,"confidence":2}},
           {"dateTime":"10/27/24 08:00:00","value":{"bpm":90,"confidence":2}},
           {"dateTime":"10/27/24 08:00:05","value":{"bpm":62,"confidence":2}}])",
       "2024-10-27,60,61,62,2", "Fitbit's day file with a second twice: the same rule"},
      // Blank lines in Google's CSV, anywhere, passed a byte at a time (attack finding: 2 MiB of
      // them, each read as a row, cost a step four times its estimate): as if not there.
      {5, "heart_rate_2024-10-27.csv", "timestamp,beats per minute\n\n\n2024-10-27T08:00:00Z,60\n\r\n\r\n2024-10-27T08:00:05Z,62\n\n",
       "2024-10-27,60,61,62,2", "LF and CRLF blank lines"},
      {6, "heart_rate_2024-10-27.csv", "timestamp,beats per minute\r\n\r\n\r\n\r\n2024-10-27T08:00:00Z,60\r\n2024-10-27T08:00:05Z,62\r\n",
       "2024-10-27,60,61,62,2", "a run of CRLF blank lines after the header"},
      {7, "heart_rate_2024-10-27.csv", "timestamp,beats per minute\n\n2024-10-27T08:00:00Z,60\n\n2024-10-27T08:00:05Z,62",
       "2024-10-27,60,61,62,2", "no line break at the end"},
  };
  tz::Zone utc;
  REQUIRE_FALSE(tz::Zone::make({{0, 0}}, utc));
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    reference::HeartRateDays days;
    fitbit::Problems problems;
    REQUIRE_FALSE(reference::add_heart_rate_file(r.path, r.data, false, utc, days, problems));
    CHECK(problems.empty());
    CHECK(reference::heart_rate_daily_csv(days).text == std::string("date,min_bpm,avg_bpm,max_bpm,readings\n") + r.want + "\n");
  }
}

TEST_CASE("reference: one heart-rate file's readings lie on at most kHeartRateFileDaysMax days (numbered rows)", "[reference]") {
  // A file of one reading on each of `days` consecutive days from 2024-01-01 (UTC), as Google's
  // CSV or Fitbit's JSON. Attack finding: 87,000 such days in 2 MiB cost a step 3.7 times its
  // estimate and wrote 1.1 MB of table; a real file's readings lie on one to 32 days.
  struct Row {
    int n;
    bool csv;
    int days;
    size_t rows;       // the table's rows
    int64_t left_out;  // readings counted in the problem (0: no problem)
    const char* why;
  };
  const Row rows[] = {
      {1, true, 32, 32, 0, "a month of Google's, a local day over: all read"},
      {2, true, 64, 64, 0, "at the cap: all read"},
      {3, true, 70, 64, 6, "past it: the first 64 days' readings read, the 6 on later days left out and counted"},
      {4, false, 70, 64, 6, "Fitbit's JSON by the same rule"},
  };
  tz::Zone utc;
  REQUIRE_FALSE(tz::Zone::make({{0, 0}}, utc));
  REQUIRE(reference::kHeartRateFileDaysMax == 64);
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    std::string data = r.csv ? "timestamp,beats per minute\n" : "[";
    for (int d = 0; d < r.days; ++d) {
      const civil::DateTime t = civil::from_seconds((civil::days_from_civil(2024, 1, 1) + d) * 86400 + 3600);
      char buf[96];
      if (r.csv)
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT01:00:00Z,60\n", static_cast<long long>(t.year), t.month, t.day);
      else
        std::snprintf(buf, sizeof buf, "%s{\"dateTime\":\"%02u/%02u/%02lld 01:00:00\",\"value\":{\"bpm\":60,\"confidence\":2}}",
                      d ? "," : "", t.month, t.day, static_cast<long long>(t.year % 100));
      data += buf;
    }
    if (!r.csv) data += "]";
    reference::HeartRateDays days;
    fitbit::Problems problems;
    const char* path = r.csv ? "heart_rate_2024-01-01.csv" : "heart_rate-2024-01-01.json";
    REQUIRE_FALSE(reference::add_heart_rate_file(path, data, false, utc, days, problems));
    CHECK(reference::heart_rate_daily_csv(days).rows == r.rows);
    if (r.left_out == 0) {
      CHECK(problems.empty());
    } else {
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].reason == std::to_string(r.left_out) +
                                      " reading(s) on more local days than one heart-rate file holds (at most 64) left out");
    }
  }
}
