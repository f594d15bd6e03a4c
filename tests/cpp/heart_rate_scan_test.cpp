// The heart-rate reader's fast scan (core/fitbit/heart_rate_scan.h) against the simdjson reader
// (fitbit/record_array.h): for every row, a day file read scan-first and one read by simdjson
// alone hand on the same readings with the same problems and error, whether the scan took the
// file or gave it up. Table-driven: each row is an input, whether the scan takes it, and why
// it is there.
#include <catch2/catch.hpp>

#include <string>

#include "core/fitbit/heart_rate_scan.h"
#include "fuzz/minute_reader_target.h"  // read_heart_rate_day: one day file, one reader

namespace {

using ts::fitbit::HeartRateReader;

struct Row {
  int n;
  const char* json;
  bool scanned;  // the scan reads the whole file (else simdjson reads it)
  size_t readings;  // handed on (the same on both paths)
  const char* why;
};

const Row kRows[] = {
    {1, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":54,"confidence":2}},{"dateTime":"01/25/23 13:00:12","value":{"bpm":61,"confidence":3}}])",
     true, 2, "readings as Fitbit writes them"},
    {2, "[{\n  \"dateTime\" : \"01/25/23 13:00:07\",\n  \"value\" : {\n    \"bpm\" : 54,\n    \"confidence\" : 2\n  }\n}]\n", true, 1,
     "pretty-printed, as real exports are"},
    {3, "[]", true, 0, "no readings"},
    {4, R"([{"value":{"confidence":1,"bpm":70},"dateTime":"01/25/23 13:00:07"}])", true, 1, "keys the other way round, at both levels"},
    {5, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70.5,"confidence":2}}])", true, 1, "a decimal bpm, rounded as simdjson's double is"},
    {6, R"([{"dateTime":"13/45/23 13:00:07","value":{"bpm":70,"confidence":2}},{"dateTime":"01/25/23 13:00:12","value":{"bpm":0,"confidence":0}}])",
     true, 0, "an impossible date and a bpm of 0: both skipped and counted"},
    {7, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":255,"confidence":2}},{"dateTime":"01/25/23 13:00:08","value":{"bpm":254.4,"confidence":2}}])",
     true, 1, "255 is out of range; 254.4 is in it"},
    {8, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2}},{"dateTime":"01/25/23 13:00:07","value":{"bpm":71,"confidence":2}}])",
     true, 2, "one second twice: both kept, as simdjson keeps them"},
    {9, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70}}])", false, 1, "no confidence: left to simdjson, which reads bpm"},
    {10, R"([{"dateTime":"01/25/23 13:00:07","value":{"confidence":2}}])", false, 0, "no bpm: simdjson skips and counts it"},
    {11, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2,"source":"watch"}}])", false, 1, "a third key in value"},
    {12, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2},"id":1}])", false, 1, "a third key in the record"},
    {13, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"bpm":80}}])", false, 1, "a key twice (simdjson takes the first)"},
    {14, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":"70","confidence":2}}])", false, 0, "bpm as a string: simdjson skips it"},
    {15, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":null,"confidence":2}}])", false, 0, "a null bpm"},
    {16, R"([{"dateTime":"01/25/23 13:00:07","value":70}])", false, 0, "a value that is not an object (the per-minute shape)"},
    {17, R"([{"dateTime":"01\/25\/23 13:00:07","value":{"bpm":70,"confidence":2}}])", false, 1, "an escape"},
    {18, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":-70,"confidence":2}}])", false, 0, "a signed number"},
    {19, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":7e1,"confidence":2}}])", false, 1, "an exponent"},
    {20, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70.000000000000001,"confidence":2}}])", false, 1, "over 17 characters of number"},
    {21, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2}}] x)", false, 0, "text after the array (not JSON)"},
    {22, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2}},])", false, 0, "a trailing comma (not JSON)"},
    {23, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2})", false, 0, "cut off (not JSON)"},
    {24, R"({"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2}})", false, 0, "not an array"},
    {25, "[{\"dateTime\":\"01/25/23 13:00:07\xc2\xa0\",\"value\":{\"bpm\":70,\"confidence\":2}}]", false, 0,
     "a non-ASCII byte (the date then does not parse)"},
    {26, R"([5,{"dateTime":"01/25/23 13:00:12","value":{"bpm":61,"confidence":3}}])", false, 1, "a record that is not an object"},
    {27, R"([{"dateTime":"01/25/23 13:00:07","value":{"bpm":70,"confidence":2.5}}])", true, 1, "confidence is read for its shape only"},
};

}  // namespace

TEST_CASE("heart-rate scan: the same readings and problems as the simdjson reader", "[reference][scan]") {
  for (const Row& row : kRows) {
    INFO("row " << row.n << ": " << row.why);
    const std::string text(row.json);
    CHECK(ts::fitbit::scan_heart_rate_records(text, [](std::string_view, double) {}) == row.scanned);
    const auto fast = ts::fuzz::read_heart_rate_day(text, HeartRateReader::fast_first);
    const auto slow = ts::fuzz::read_heart_rate_day(text, HeartRateReader::simdjson_only);
    CHECK(ts::fuzz::same_heart_rate_read(fast, slow));
    CHECK(fast.readings.size() == row.readings);
    CHECK(fast.err.message == slow.err.message);
  }
}
