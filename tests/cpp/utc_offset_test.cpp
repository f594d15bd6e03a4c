// parse_utc_offset (fitbit/export_time.h): the one reader of a UTC offset as Google's files
// write it, alone (the sleeps CSV's offset columns) and at the end of a time (parse_iso_utc:
// weight.csv, the per-second series, UserExercises_*.csv). Each numbered row is one text, with
// why it is there.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/fitbit/export_time.h"

using ts::fitbit::parse_iso_utc;
using ts::fitbit::parse_utc_offset;

namespace {

struct Row {
  int n;
  const char* why;
  std::string text;
  bool ok;
  int64_t want;  // seconds (east of UTC for an offset, since 1970 for a time); 0 when refused
};

// Each row through `parse`: refused, or read as the row says.
template <class Parse>
void check(const std::vector<Row>& rows, Parse parse) {
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why << " [" << row.text << "]");
    int64_t got = -1;
    REQUIRE(parse(row.text, got) == row.ok);
    if (row.ok) CHECK(got == row.want);
  }
}

}  // namespace

TEST_CASE("utc offset: the shapes Google writes, within the bound", "[time]") {
  const std::vector<Row> rows = {
      {1, "Z, as the per-second series and weight.csv write UTC", "Z", true, 0},
      {2, "with a colon, as the sleeps CSV writes it", "+05:30", true, 19800},
      {3, "without one, as the sleeps CSV and UserExercises_*.csv also write it", "+0530", true, 19800},
      {4, "west of UTC is negative", "-08:00", true, -28800},
      {5, "UserExercises_*.csv's UTC", "+0000", true, 0},
      {6, "minus zero is UTC", "-00:00", true, 0},
      {7, "the furthest east any zone is (Kiribati)", "+14:00", true, 50400},
      {8, "the furthest west any zone is", "-12:00", true, -43200},
      {9, "minutes off the half hour (Nepal)", "+05:45", true, 20700},
      {10, "the bound is hours to 14 either way, the sleeps reader's as it was: kept, though no zone is -14:59",
       "-14:59", true, -53940},
      {11, "hours over 14: no zone's", "+15:00", false, 0},
      {12, "minutes over 59: no zone's", "+01:60", false, 0},
      {13, "nothing: no zone", "", false, 0},
      {14, "a lower-case z is no shape Google writes", "z", false, 0},
      {15, "a one-digit hour", "+5:30", false, 0},
      {16, "a one-digit minute", "+05:3", false, 0},
      {17, "a dash for the colon", "+05-30", false, 0},
      {18, "a digit too many", "+05:300", false, 0},
      {19, "no sign", "05:30", false, 0},
      {20, "spaces are the caller's to trim", " +05:30", false, 0},
      {21, "anything after a Z", "Z ", false, 0},
      {22, "the colon out of place", "+053:0", false, 0},
  };
  check(rows, parse_utc_offset);
}

TEST_CASE("utc offset: a time's offset, read by parse_iso_utc", "[time]") {
  constexpr int64_t k = 1710975600;  // 2024-03-20T23:00:00Z
  const std::vector<Row> rows = {
      {1, "UTC", "2024-03-20T23:00:00Z", true, k},
      {2, "east of UTC: earlier in UTC", "2024-03-20T23:00:00+05:30", true, k - 19800},
      {3, "UserExercises_*.csv's shape, a space for the T and no colon", "2024-03-20 23:00:00-0800", true, k + 28800},
      {4, "a fraction before the offset is dropped", "2024-03-20T23:00:00.999+01:00", true, k - 3600},
      {5, "the furthest east any zone is", "2024-03-20T23:00:00+14:00", true, k - 50400},
      {6, "no offset: not an instant", "2024-03-20T23:00:00", false, 0},
      {7, "hours over 14 (before this parser was shared, read as 15 hours east)", "2024-03-20T23:00:00+15:00", false, 0},
      {8, "minutes over 59 (before, read as an hour east)", "2024-03-20T23:00:00+00:60", false, 0},
      {9, "anything after the offset", "2024-03-20T23:00:00+01:00Z", false, 0},
  };
  check(rows, [](std::string_view s, int64_t& out) { return parse_iso_utc(s, out); });
}
