// The per-minute reader's fast scan (core/daily/minute_scan.h) against the simdjson reader
// (fitbit/record_array.h): for every row, a series read scan-first and one read by simdjson
// alone hold the same minutes, the same day totals and the same problems, whether the scan
// took the file or gave it up. Table-driven: each row is an input, whether the scan takes it,
// and why it is there.
#include <catch2/catch.hpp>

#include <string>

#include "core/daily/minute_scan.h"
#include "core/daily/minute_series.h"
#include "fuzz/minute_reader_target.h"  // read_minutes: one series, one reader

namespace {

using ts::daily::DailySeries;
using ts::daily::Metric;

struct Row {
  int n;
  const char* json;
  bool scanned;  // the scan reads the whole file (else simdjson reads it)
  const char* why;
};

const Row kRows[] = {
    {1, R"([{"dateTime":"02/25/23 13:52:00","value":"5"},{"dateTime":"02/25/23 13:53:00","value":"12"}])", true,
     "records as Fitbit writes them"},
    {2, "[\n  {\n    \"dateTime\" : \"02/25/23 13:52:00\",\n    \"value\" : \"5\"\n  }\n]\n", true, "pretty-printed"},
    {3, "[]", true, "no records"},
    {4, R"([{"value":"7","dateTime":"02/25/23 13:52:00"}])", true, "the two keys the other way round"},
    {5, R"([{"dateTime":"02/25/23 13:52:00","value":7},{"dateTime":"02/25/23 13:53:00","value":0.25}])", true,
     "values as numbers, whole and decimal"},
    {6, R"([{"dateTime":"02/25/23 13:52:00","value":"x"},{"dateTime":"02/25/23 13:53:00","value":"3"}])", true,
     "a value that is no number: that record skipped and counted, the same in both"},
    {7, R"([{"dateTime":"13/45/23 13:52:00","value":"5"},{"dateTime":"02/25/23 13:53:00","value":"-2"}])", true,
     "an impossible date and a negative value: both skipped and counted"},
    {8, R"([{"dateTime":"02/25/23 13:52:00","value":"5"},{"dateTime":"02/25/23 13:52:00","value":"9"}])", true,
     "one minute twice: both kept; the largest counts when summed"},
    {9, R"([{"dateTime":"02/25/23 13:52:00","value":"5","source":"phone"}])", false, "a third key: left to simdjson"},
    {10, R"([{"dateTime":"02/25/23 13:52:00","dateTime":"02/25/23 13:53:00"}])", false, "a key twice"},
    {11, R"([{"dateTime":"02/25/23 13:52:00","value":{"bpm":70}}])", false, "a nested value (heart-rate shape)"},
    {12, R"([{"dateTime":"02/25/23 13:52:00","value":null}])", false, "a null value"},
    {13, R"([{"dateTime":"02\/25\/23 13:52:00","value":"5"}])", false, "an escape"},
    {14, R"([{"dateTime":"02/25/23 13:52:00","value":-5}])", false, "a signed number"},
    {15, R"([{"dateTime":"02/25/23 13:52:00","value":5e2}])", false, "an exponent"},
    {16, R"([{"dateTime":"02/25/23 13:52:00","value":0.30000000000000004}])", false, "over 17 characters of number"},
    {17, R"([{"dateTime":"02/25/23 13:52:00","value":"5"}] x)", false, "text after the array"},
    {18, R"([{"dateTime":"02/25/23 13:52:00","value":"5"},])", false, "a trailing comma (not JSON)"},
    {19, R"([{"dateTime":"02/25/23 13:52:00","value":"5"})", false, "cut off (not JSON)"},
    {20, R"({"dateTime":"02/25/23 13:52:00","value":"5"})", false, "not an array"},
    {21, R"([{"dateTime":"02/25/23 13:52:00"},{"dateTime":"02/25/23 13:53:00","value":"3"}])", false,
     "a record without a value: simdjson skips and counts it"},
    {22, "[{\"dateTime\":\"02/25/23 13:52:00\",\"value\":\"5\xc2\xa0\"}]", false, "a non-ASCII byte"},
    {23, R"([5,{"dateTime":"02/25/23 13:53:00","value":"3"}])", false, "a record that is not an object"},
    {24, R"([{"dateTime":"02/25/23 13:52:00","value":"12345678901234567"}])", true, "17 digits: the same double"},
};

}  // namespace

TEST_CASE("minute scan: the same minutes, days and problems as the simdjson reader", "[daily][scan]") {
  ts::tz::Zone zone;
  REQUIRE_FALSE(ts::tz::Zone::make({{0, -5 * 3600}}, zone));
  for (const Row& row : kRows) {
    INFO("row " << row.n << ": " << row.why);
    const std::string text(row.json);
    CHECK(ts::daily::scan_minute_records(text, [](std::string_view, bool, double) {}) == row.scanned);
    for (Metric m : {Metric::steps, Metric::sedentary_minutes}) {  // per-minute and per-day keys
      const auto fast = ts::fuzz::read_minutes(text, m, DailySeries::Reader::fast_first, zone);
      const auto slow = ts::fuzz::read_minutes(text, m, DailySeries::Reader::simdjson_only, zone);
      CHECK(bool(fast.err) == bool(slow.err));
      CHECK(fast.err.message == slow.err.message);
      CHECK(fast.records == slow.records);
      REQUIRE(fast.problems.size() == slow.problems.size());
      for (size_t i = 0; i < fast.problems.size(); ++i) {
        CHECK(fast.problems[i].reason == slow.problems[i].reason);
        CHECK(fast.problems[i].records == slow.problems[i].records);
      }
      REQUIRE(fast.days.size() == slow.days.size());
      for (const auto& [day, totals] : fast.days) {
        REQUIRE(slow.days.count(day) == 1);
        for (int k = 0; k < ts::daily::kMetricCount; ++k) {
          CHECK(totals.value[k] == slow.days.at(day).value[k]);
          CHECK(totals.has[k] == slow.days.at(day).has[k]);
        }
      }
    }
  }
}
