// Google's per-second files read for a window (fitbit/google_series_csv.h): rows told out of
// the window by their time's text are skipped unsplit, and what is taken and counted is what
// the full read of every row gives. The full read is what a file whose timestamp is not its
// first column gets, so each case reads the same rows both ways: timestamp first (the skip)
// and timestamp second (every row split and parsed). Numbered cases, each with why.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/fitbit/google_cadence_csv.h"

namespace {

// Rows as (time cell, value cell), written in either column order.
using Rows = std::vector<std::pair<std::string, std::string>>;

std::string file_of(const Rows& rows, bool time_first) {
  std::string s = time_first ? "timestamp,steps per minute\n" : "steps per minute,timestamp\n";
  for (const auto& [t, v] : rows) s += time_first ? t + "," + v + "\n" : v + "," + t + "\n";
  return s;
}

constexpr int64_t k1230 = 1789907400;  // 2026-09-20T12:30:00Z

const Rows kRows = {
    {"2026-09-20T12:29:58Z", "100"},
    {"2026-09-20T12:29:59.999Z", "101"},  // a fraction: still 12:29:59
    {"2026-09-20T12:30:00Z", "102"},
    {"2026-09-20T12:30:01.5Z", "103"},
    {"not a time", "104"},                // after a row inside: counted
    {"2026-09-20T12:30:02+00:00", "105"},  // an offset: not judged by its text, read as before
    {"2026-09-20T14:30:03+02:00", "106"},  // 12:30:03 UTC, though its text is hours later
    {"2026-09-20T12:30:04Z", "x"},         // a value it cannot use: counted
    {"2026-09-20T12:30:05Z", "107"},
    {"2026-13-20T12:30:05Z", "108"},        // no such month: counted after a row inside
    {"2026-09-20T12:30:06Z", "109"},
    {"2026-09-20T12:31:00Z", "110"},
    {"2026-09-20T12:30:07Z", "111"},       // out of order: still read
    {"2026-13-20T12:30:08Z", "112"},        // no such month, after a row outside: not counted
    {"garbage", "113"},
    {"2026-09-21T00:00:00Z", "114"},
    // A quoted cell over two lines, outside the window: one row, whose second line is no row
    // of the window though its text says 12:30:03.
    {"2026-09-21T00:00:01Z", "\"115\n2026-09-20T12:30:03Z,116\""},
    {"2026-09-21T00:00:02Z", "117"},
};

struct Case {
  int n;
  const char* why;
  int64_t from, to;
};

const Case kCases[] = {
    {1, "a window of seconds inside the file: the rows of those seconds, bad rows after them counted", k1230, k1230 + 6},
    {2, "a window starting at a fraction's second takes it (12:29:59.999 is 12:29:59)", k1230 - 1, k1230},
    {3, "a window ending before the rows with offsets: the +02:00 row is read, and outside", k1230, k1230 + 1},
    {4, "a window of one late row, with the rows out of order before it", k1230 + 60, k1230 + 60},
    {5, "a window holding no row", k1230 + 3600, k1230 + 7200},
    {6, "the whole file (a window open at both ends)", INT64_MIN, INT64_MAX},
    {7, "a window past the last row's day", k1230 + 86400 * 3, k1230 + 86400 * 4},
    {8, "the second of 12:30:03, which a line inside a quoted cell also writes: that line is no row, the +02:00 row is the window's", k1230 + 3, k1230 + 3},
};

}  // namespace

TEST_CASE("google series: a window's rows skipped by their text are the rows a full read leaves out (numbered cases)",
          "[gps]") {
  const std::string fast = file_of(kRows, true), full = file_of(kRows, false);
  for (const Case& c : kCases) {
    INFO("case " << c.n << ": " << c.why);
    std::vector<std::pair<int64_t, double>> a, b;
    ts::fitbit::Problems pa, pb;
    REQUIRE(!ts::fitbit::read_google_cadence("f.csv", fast, c.from, c.to, a, pa));
    REQUIRE(!ts::fitbit::read_google_cadence("f.csv", full, c.from, c.to, b, pb));
    CHECK(a == b);
    REQUIRE(pa.size() == pb.size());
    for (size_t i = 0; i < pa.size(); ++i) CHECK(pa[i].reason == pb[i].reason);
  }
  // And what case 1 takes, said outright: 12:30:00 to 12:30:06, the +00:00 and +02:00 rows too.
  std::vector<std::pair<int64_t, double>> got;
  ts::fitbit::Problems problems;
  REQUIRE(!ts::fitbit::read_google_cadence("f.csv", fast, k1230, k1230 + 6, got, problems));
  const std::vector<std::pair<int64_t, double>> want = {
      {k1230, 102}, {k1230 + 1, 103}, {k1230 + 2, 105}, {k1230 + 3, 106}, {k1230 + 5, 107}, {k1230 + 6, 109}};
  CHECK(got == want);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].reason == "3 row(s) without a readable time or cadence left out");
}
