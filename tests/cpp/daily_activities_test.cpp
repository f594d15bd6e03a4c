// Per-minute series -> local days -> the Activities CSV. Numbered cases; times are UTC
// "MM/DD/YY HH:MM:SS" as the export writes them, zones are fixed offsets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/convert/daily_outputs.h"
#include "core/daily/activities_csv.h"
#include "core/daily/minute_series.h"
#include "simdjson.h"

using ts::daily::DailySeries;
using ts::daily::Metric;

namespace {

struct File {
  Metric metric;
  std::string json;
};

struct Case {
  int n;
  const char* why;
  int32_t offset_sec;  // the zone: one fixed offset
  std::vector<File> files;
  int rows_per_file;
  std::vector<std::string> csv_bodies;  // each file's rows after the two header lines
  std::vector<ts::tz::Transition> transitions = {};  // when given, the zone instead of offset_sec
};

// America/New_York around 2023's clock changes: forward at 2023-03-12 07:00 UTC (02:00 local
// is skipped), back at 2023-11-05 06:00 UTC (01:00-01:59 local happens twice).
const std::vector<ts::tz::Transition> kNewYork2023 = {
    {0, -5 * 3600}, {1678604400, -4 * 3600}, {1699164000, -5 * 3600}};

std::string rec(const char* dt, const char* v) {
  return std::string("{\"dateTime\":\"") + dt + "\",\"value\":\"" + v + "\"}";
}
std::string arr(std::initializer_list<std::string> items) {
  std::string s = "[";
  for (const auto& i : items) s += (s.size() > 1 ? "," : "") + i;
  return s + "]";
}

constexpr char kHeader[] =
    "Activities\nDate,Calories Burned,Steps,Distance,Floors,Minutes Sedentary,Minutes Lightly Active,"
    "Minutes Fairly Active,Minutes Very Active,Activity Calories\n";

}  // namespace

TEST_CASE("daily: per-minute data summed into local days, written as Activities CSV", "[daily]") {
  const std::vector<Case> cases = {
      {1, "steps of one UTC day sum into one row; absent metrics are 0, never blank", 0,
       {{Metric::steps, arr({rec("02/25/23 13:52:00", "5"), rec("02/25/23 13:53:00", "7")})}}, 75,
       {"2023-02-25,0,12,0.00,0,0,0,0,0,0\n"}},
      {2, "the same minute from two devices counts once, with the larger value", 0,
       {{Metric::steps, arr({rec("02/25/23 13:52:00", "5"), rec("02/25/23 13:52:00", "40"), rec("02/25/23 13:53:00", "1")})}},
       75, {"2023-02-25,0,41,0.00,0,0,0,0,0,0\n"}},
      {3, "a minute repeated in two files (overlapping ranges) also counts once", 0,
       {{Metric::steps, arr({rec("02/25/23 23:59:00", "30")})},
        {Metric::steps, arr({rec("02/25/23 23:59:00", "30"), rec("02/26/23 00:00:00", "2")})}},
       75, {"2023-02-25,0,30,0.00,0,0,0,0,0,0\n2023-02-26,0,2,0.00,0,0,0,0,0,0\n"}},
      {4, "UTC minutes move to the local day: 03:30 UTC is the previous day at UTC-5", -5 * 3600,
       {{Metric::steps, arr({rec("02/26/23 03:30:00", "10"), rec("02/26/23 05:00:00", "20")})}}, 75,
       {"2023-02-25,0,10,0.00,0,0,0,0,0,0\n2023-02-26,0,20,0.00,0,0,0,0,0,0\n"}},
      {5, "distance is centimetres per minute, written as km with 2 decimals; calories rounded", 0,
       {{Metric::distance_cm, arr({rec("02/25/23 10:00:00", "61234"), rec("02/25/23 10:01:00", "100000")})},
        {Metric::calories, arr({rec("02/25/23 10:00:00", "1.26"), rec("02/25/23 10:01:00", "1.3")})}},
       75, {"2023-02-25,3,0,1.61,0,0,0,0,0,0\n"}},
      {6, "active minutes come from the daily files and are not shifted by the zone", -5 * 3600,
       {{Metric::sedentary_minutes, arr({rec("02/25/23 00:00:00", "1000")})},
        {Metric::lightly_active_minutes, arr({rec("02/25/23 00:00:00", "200")})},
        {Metric::fairly_active_minutes, arr({rec("02/25/23 00:00:00", "15")})},
        {Metric::very_active_minutes, arr({rec("02/25/23 00:00:00", "30")})}},
       75, {"2023-02-25,0,0,0.00,0,1000,200,15,30,0\n"}},
      {7, "floors per minute are summed; without floors files, altitude feet / 10 gives floors", 0,
       {{Metric::floors, arr({rec("02/25/23 10:00:00", "1"), rec("02/25/23 10:05:00", "2")})},
        {Metric::altitude_ft, arr({rec("02/26/23 10:00:00", "10"), rec("02/26/23 10:01:00", "25")})}},
       75, {"2023-02-25,0,0,0.00,3,0,0,0,0,0\n2023-02-26,0,0,0.00,3,0,0,0,0,0\n"}},
      {8, "rows are split into files of at most rows_per_file days", 0,
       {{Metric::steps, arr({rec("01/01/23 10:00:00", "1"), rec("01/02/23 10:00:00", "2"), rec("01/03/23 10:00:00", "3")})}},
       2, {"2023-01-01,0,1,0.00,0,0,0,0,0,0\n2023-01-02,0,2,0.00,0,0,0,0,0,0\n", "2023-01-03,0,3,0.00,0,0,0,0,0,0\n"}},
      {9, "calories written twice in the hour clocks fall back (local times going back): the second hour counts, at its later instant", 0,
       {{Metric::calories, arr({rec("11/05/23 01:58:00", "1"), rec("11/05/23 01:59:00", "1"), rec("11/05/23 01:00:00", "2"),
                                rec("11/05/23 01:59:00", "2"), rec("11/05/23 02:00:00", "1")})}},
       75, {"2023-11-05,7,0,0.00,0,0,0,0,0,0\n"}, kNewYork2023},
      {10, "a local minute read again where the clock shows it once is a twin, counted once with the larger value", 0,
       {{Metric::calories, arr({rec("02/25/23 10:00:00", "5"), rec("02/25/23 10:01:00", "5"), rec("02/25/23 10:00:00", "3")})}},
       75, {"2023-02-25,10,0,0.00,0,0,0,0,0,0\n"}},
      {11, "the skipped hour's local minutes (Fitbit writes all 1,440 on the day clocks go forward) count beside the hour after", 0,
       {{Metric::calories, arr({rec("03/12/23 01:59:00", "1"), rec("03/12/23 02:00:00", "1"), rec("03/12/23 02:59:00", "1"),
                                rec("03/12/23 03:00:00", "1"), rec("03/12/23 03:30:00", "1")})}},
       75, {"2023-03-12,5,0,0.00,0,0,0,0,0,0\n"}, kNewYork2023},
      {12, "going back more than two hours is another copy, not the repeated hour: the twin minutes count once", 0,
       {{Metric::calories, arr({rec("11/05/23 01:30:00", "1"), rec("11/05/23 04:00:00", "1"), rec("11/05/23 01:30:00", "4")})}},
       75, {"2023-11-05,5,0,0.00,0,0,0,0,0,0\n"}, kNewYork2023},
      {13, "floors in a repeated hour count twice too; steps (UTC times) never go back, and a repeat stays a twin", 0,
       {{Metric::floors, arr({rec("11/05/23 01:30:00", "1"), rec("11/05/23 01:59:00", "1"), rec("11/05/23 01:30:00", "1")})},
        {Metric::steps, arr({rec("11/05/23 05:30:00", "10"), rec("11/05/23 05:59:00", "10"), rec("11/05/23 05:30:00", "10")})}},
       75, {"2023-11-05,0,20,0.00,3,0,0,0,0,0\n"}, kNewYork2023},
      {14, "a skipped hour that ends at midnight (America/Nuuk 2024: 23:00 -02:00 becomes 00:00 -01:00) stays on its label's day (review finding: moved to the next)", 0,
       {{Metric::calories, arr({rec("03/30/24 22:59:00", "1"), rec("03/30/24 23:00:00", "1"), rec("03/30/24 23:30:00", "1"),
                                rec("03/30/24 23:59:00", "1"), rec("03/31/24 00:00:00", "1")})}},
       75, {"2024-03-30,4,0,0.00,0,0,0,0,0,0\n2024-03-31,1,0,0.00,0,0,0,0,0,0\n"}, {{0, -2 * 3600}, {1711846800, -3600}}},
      {15, "helper finding: an older export's filler (1,440 sedentary minutes for each day after it was made) beside a newer "
           "export's count of the same day yields to the count, in either order (the larger won)", 0,
       {{Metric::sedentary_minutes, arr({rec("04/05/26 00:00:00", "1440"), rec("04/06/26 00:00:00", "1440")})},
        {Metric::sedentary_minutes, arr({rec("04/05/26 00:00:00", "1431"), rec("04/06/26 00:00:00", "793")})},
        {Metric::sedentary_minutes, arr({rec("04/06/26 00:00:00", "1440")})}},
       75, {"2026-04-05,0,0,0.00,0,1431,0,0,0,0\n2026-04-06,0,0,0.00,0,793,0,0,0,0\n"}},
      {16, "two counts of one day below a whole day: the larger, as for every metric; two fillers: the filler", 0,
       {{Metric::sedentary_minutes, arr({rec("04/01/26 00:00:00", "850"), rec("04/02/26 00:00:00", "1440")})},
        {Metric::sedentary_minutes, arr({rec("04/01/26 00:00:00", "1300"), rec("04/02/26 00:00:00", "1440")})}},
       75, {"2026-04-01,0,0,0.00,0,1300,0,0,0,0\n2026-04-02,0,0,0.00,0,1440,0,0,0,0\n"}},
  };
  for (const Case& c : cases) {
    SECTION("case " + std::to_string(c.n) + ": " + c.why) {
      DailySeries series;
      for (const File& f : c.files) {
        ts::fitbit::Problems problems;
        REQUIRE_FALSE(series.add_file(f.metric, "per-minute.json", f.json, false, problems));
        CHECK(problems.empty());
      }
      ts::tz::Zone zone;
      REQUIRE_FALSE(ts::tz::Zone::make(c.transitions.empty() ? std::vector<ts::tz::Transition>{{0, c.offset_sec}} : c.transitions, zone));
      const auto files = ts::daily::write_activities_csv(series.by_local_day(zone), c.rows_per_file);
      REQUIRE(files.size() == c.csv_bodies.size());
      for (size_t i = 0; i < files.size(); ++i) {
        CHECK(files[i].text == kHeader + c.csv_bodies[i]);
        CHECK(files[i].text.find('\r') == std::string::npos);
        CHECK(files[i].text.find(",,") == std::string::npos);
        CHECK(files[i].path.rfind("csv/activities-", 0) == 0);
      }
    }
  }
}

TEST_CASE("daily: which metric a file name gives, by numbered rows", "[daily]") {
  struct Row {
    int n;
    const char* why;
    const char* path;
    bool ok;
    Metric want;
  };
  const std::vector<Row> rows = {
      {1, "Fitbit's own name", "a/b/steps-2023-02-25.json", true, Metric::steps},
      {2, "the longest prefix", "moderately_active_minutes-2023-02-25.json", true, Metric::fairly_active_minutes},
      {3, "the prefix in capitals: the classifier counts it, so it must convert (its data was lost in silence)",
       "a/STEPS-2023-02-25.json", true, Metric::steps},
      {4, "the first letter in capitals", "Distance-2023-02-25.json", true, Metric::distance_cm},
      {5, "the extension in capitals", "calories-2023-02-25.JSON", true, Metric::calories},
      {6, "mixed case in a long prefix", "Very_Active_Minutes-2023-02-25.Json", true, Metric::very_active_minutes},
      {7, "no date after the prefix", "steps.json", false, Metric::steps},
      {8, "not JSON", "steps-2023-02-25.csv", false, Metric::steps},
      {9, "a letter, not a digit, after the dash", "steps-x2023.json", false, Metric::steps},
      {10, "another kind that shares no prefix", "sleep-2023-02-25.json", false, Metric::steps},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    Metric m = Metric::count_;
    CHECK(ts::daily::metric_of_file(row.path, m) == row.ok);
    if (row.ok) CHECK(m == row.want);
  }
}

TEST_CASE("daily: file names tell the metric, the date range names the CSV", "[daily]") {
  Metric m;
  CHECK(ts::daily::metric_of_file("a/b/steps-2023-02-25.json", m));
  CHECK(m == Metric::steps);
  CHECK(ts::daily::metric_of_file("moderately_active_minutes-2023-02-25.json", m));
  CHECK(m == Metric::fairly_active_minutes);
  CHECK_FALSE(ts::daily::metric_of_file("steps.json", m));
  CHECK_FALSE(ts::daily::metric_of_file("steps-2023-02-25.csv", m));
  DailySeries series;
  ts::fitbit::Problems problems;
  REQUIRE_FALSE(series.add_file(Metric::steps, "steps-2023-01-01.json", arr({rec("01/01/23 10:00:00", "1"), rec("03/16/23 10:00:00", "1")}),
                                false, problems));
  ts::tz::Zone utc;
  REQUIRE_FALSE(ts::tz::Zone::make({{0, 0}}, utc));
  const auto files = ts::daily::write_activities_csv(series.by_local_day(utc), 75);
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == "csv/activities-2023-01-01_2023-03-16.csv");
  CHECK(files[0].rows == 2);
}

// Found by the `gathered` fuzzer: parts a client crafts can sum a day past 2^63, and turning
// such a double into an integer was undefined behaviour. Such totals are held to the range.
TEST_CASE("daily: a total no integer can hold is written at the end of the range", "[daily]") {
  ts::daily::DayTotals t;
  for (Metric m : {Metric::calories, Metric::steps, Metric::altitude_ft}) {
    t.value[static_cast<int>(m)] = 1e300;
    t.has[static_cast<int>(m)] = true;
  }
  t.value[static_cast<int>(Metric::sedentary_minutes)] = -1e300;
  t.has[static_cast<int>(Metric::sedentary_minutes)] = true;
  const ts::daily::DayList days{{0, t}};
  const auto files = ts::daily::write_activities_csv(days, 75);
  REQUIRE(files.size() == 1);
  const std::string row = files[0].text.substr(files[0].text.rfind("1970-01-01"));
  CHECK(row.rfind("1970-01-01,9223372036854775807,9223372036854775807,0.00,9223372036854775807,-9223372036854775808,0,0,0,0\n", 0) == 0);
}

// Helper finding (real public exports): Fitbit's 30-day files fill the days after the export
// was made with 1,440 sedentary minutes and 0 for the rest, and those days were written into
// the CSV Garmin imports. Each row: a day's values, and whether it is written.
TEST_CASE("daily: a day with no activity recorded is left out and said so, by numbered rows", "[daily]") {
  using ts::daily::Metric;
  struct Row {
    int n;
    const char* why;
    std::vector<std::pair<Metric, double>> values;
    bool written;
  };
  const std::vector<Row> rows = {
      {1, "Fitbit's filler: 1,440 sedentary minutes, nothing else", {{Metric::sedentary_minutes, 1440}, {Metric::calories, 0}, {Metric::steps, 0}}, false},
      {2, "a day without the tracker: its resting calories", {{Metric::sedentary_minutes, 1440}, {Metric::calories, 1650}}, true},
      {3, "nothing at all", {}, false},
      {4, "steps alone", {{Metric::steps, 12}}, true},
      {5, "active minutes alone", {{Metric::sedentary_minutes, 1400}, {Metric::lightly_active_minutes, 40}}, true},
      {6, "floors from altitude alone", {{Metric::altitude_ft, 10}}, true},
  };
  bool read[ts::daily::kMetricCount] = {};
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::daily::DayList days;
    ts::daily::DayTotals kept;
    kept.value[static_cast<int>(Metric::steps)] = 5000;
    kept.has[static_cast<int>(Metric::steps)] = true;
    days.emplace_back(19000, kept);
    ts::daily::DayTotals d;
    for (const auto& [m, v] : r.values) {
      d.value[static_cast<int>(m)] = v;
      d.has[static_cast<int>(m)] = true;
    }
    days.emplace_back(19001, d);
    ts::convert::HealthOutputs out;
    ts::convert::write_daily_csvs(days, read, out);
    REQUIRE(out.files.size() == 1);
    CHECK(out.files[0].records == (r.written ? 2u : 1u));
    const bool said = std::any_of(out.warnings.begin(), out.warnings.end(), [](const std::string& w) {
      return w.find("1 day(s) with no activity recorded") != std::string::npos && w.find("left out: 2022-01-09") != std::string::npos;
    });
    CHECK(said == !r.written);
  }
}

TEST_CASE("daily: a column with no reading on some of the days written is said so, by numbered rows", "[daily]") {
  using ts::daily::Metric;
  struct Row {
    int n;
    const char* why;
    std::vector<std::vector<Metric>> days;  // the metrics each day (2023-01-01 on) has a reading of
    std::vector<Metric> read;               // the metrics the export has files of
    std::vector<std::string> said;          // the warnings about single days' columns, in order
  };
  const std::vector<Row> rows = {
      {1, "every day has every metric read: nothing said", {{Metric::steps, Metric::calories}, {Metric::steps, Metric::calories}},
       {Metric::steps, Metric::calories}, {}},
      {2, "calories' file covers the second day only (helper finding: 30 days of 0 kcal without a word)",
       {{Metric::steps}, {Metric::steps, Metric::calories}}, {Metric::steps, Metric::calories},
       {"daily CSV: Calories Burned has no reading on 1 of the 2 day(s) written (2023-01-01): no file of the export covers them, "
        "or the tracker was not worn; written as 0"}},
      {3, "a metric the export has no file of is said once for the export, not per day", {{Metric::steps}, {Metric::steps}},
       {Metric::steps}, {}},
      {4, "floors: climbed altitude is written only for minutes with a climb, so a day without is no gap",
       {{Metric::steps, Metric::altitude_ft}, {Metric::steps}}, {Metric::steps, Metric::altitude_ft}, {}},
      {5, "several days and columns: each column once, with its first and last day",
       {{Metric::steps}, {Metric::calories}, {Metric::steps}, {Metric::calories}}, {Metric::steps, Metric::calories},
       {"daily CSV: Calories Burned has no reading on 2 of the 4 day(s) written (the first 2023-01-01, the last 2023-01-03): no file "
        "of the export covers them, or the tracker was not worn; written as 0",
        "daily CSV: Steps has no reading on 2 of the 4 day(s) written (the first 2023-01-02, the last 2023-01-04): no file of the "
        "export covers them, or the tracker was not worn; written as 0"}},
      {6, "an active-minutes day file missing: its day is said", {{Metric::steps, Metric::very_active_minutes}, {Metric::steps}},
       {Metric::steps, Metric::very_active_minutes},
       {"daily CSV: Minutes Very Active has no reading on 1 of the 2 day(s) written (2023-01-02): no file of the export covers "
        "them, or the tracker was not worn; written as 0"}},
      {7, "columns without a reading on the same days are one line (review finding: Steps and Distance, two identical lines)",
       {{Metric::calories}, {Metric::steps, Metric::distance_cm, Metric::calories}}, {Metric::steps, Metric::distance_cm, Metric::calories},
       {"daily CSV: Steps, Distance have no reading on 1 of the 2 day(s) written (2023-01-01): no file of the export covers "
        "them, or the tracker was not worn; written as 0"}},
  };
  constexpr int64_t kJan1st2023 = 19358;
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::daily::DayList days;
    for (size_t i = 0; i < r.days.size(); ++i) {
      ts::daily::DayTotals d;
      for (Metric m : r.days[i]) {
        d.value[static_cast<int>(m)] = 10;
        d.has[static_cast<int>(m)] = true;
      }
      days.emplace_back(kJan1st2023 + static_cast<int64_t>(i), d);
    }
    bool read[ts::daily::kMetricCount] = {};
    for (Metric m : r.read) read[static_cast<int>(m)] = true;
    ts::convert::HealthOutputs out;
    ts::convert::write_daily_csvs(days, read, out);
    std::vector<std::string> said;
    for (const std::string& w : out.warnings)
      if (w.find(" no reading on ") != std::string::npos) said.push_back(w);
    CHECK(said == r.said);
  }
}

TEST_CASE("daily: a per-minute file cut short keeps the records before its defect, by numbered rows", "[daily]") {
  struct Row {
    int n;
    const char* why;
    std::string json;
    bool read;               // whether add_file takes the file (else it is not read at all)
    double steps;            // the steps read
    std::string problem;     // the file's one problem, "" for none
  };
  const std::string a = rec("01/01/23 10:00:00", "5"), b = rec("01/01/23 10:01:00", "7");
  const std::vector<Row> rows = {
      {1, "cut in the middle of a record (helper finding: a month of steps lost, the CSV saying the export had none)",
       "[" + a + "," + b + ",{\"dateTime\":\"01/01/23 10:0", true, 12, "not valid JSON from this record on; the rest of the file was not read"},
      {2, "cut after a comma", "[" + a + "," + b + ",", true, 12, "not valid JSON from this record on; the rest of the file was not read"},
      {3, "a comma after the last record: every record read, and said", "[" + a + "," + b + ",]", true, 12,
       "has a comma after its last record, which JSON does not allow; every record was read"},
      {4, "text after the array: every record read, and said", "[" + a + "," + b + "] x", true, 12,
       "has text after its array's end, which was not read; every record was read"},
      {5, "cut in the first record: nothing to keep, the file is not read", "[{\"dateTime\":\"01/01/23", false, 0, ""},
      {6, "a whole file: read as before, nothing said", "[" + a + "," + b + "]", true, 12, ""},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    DailySeries series;
    ts::fitbit::Problems problems;
    const ts::Error e = series.add_file(Metric::steps, "steps-2023-01-01.json", r.json, false, problems);
    CHECK(static_cast<bool>(e) == !r.read);
    if (!r.read) continue;
    ts::tz::Zone utc;
    REQUIRE_FALSE(ts::tz::Zone::make({{0, 0}}, utc));
    const auto days = series.by_local_day(utc);
    double steps = 0;
    for (const auto& d : days) steps += d.second.value[static_cast<int>(Metric::steps)];
    CHECK(steps == r.steps);
    if (r.problem.empty()) {
      CHECK(problems.empty());
    } else {
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].file == "steps-2023-01-01.json");
      CHECK(problems[0].reason == r.problem);
    }
  }
}

TEST_CASE("daily: a column no file was read for is said as not read, not as absent from the export", "[daily]") {
  // A file of the kind may be in the export and unreadable (named in skipped): the warning once
  // said "the export has no data for Steps" of a month whose file was cut short (helper finding).
  ts::daily::DayList days;
  ts::daily::DayTotals d;
  d.value[static_cast<int>(Metric::calories)] = 2000;
  d.has[static_cast<int>(Metric::calories)] = true;
  days.emplace_back(19358, d);
  bool read[ts::daily::kMetricCount] = {};
  read[static_cast<int>(Metric::calories)] = true;
  read[static_cast<int>(Metric::distance_cm)] = true;
  read[static_cast<int>(Metric::floors)] = true;
  for (int m = static_cast<int>(Metric::sedentary_minutes); m < ts::daily::kMetricCount; ++m) read[m] = true;
  ts::convert::HealthOutputs out;
  ts::convert::write_daily_csvs(days, read, out);
  CHECK(std::find(out.warnings.begin(), out.warnings.end(),
                  "daily CSV: no data was read for Steps (the export has none, or its files could not be read: see skipped); written as 0") !=
        out.warnings.end());
}
