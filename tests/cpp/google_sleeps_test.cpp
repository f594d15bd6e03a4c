// Google's list of sleeps (reference/google_sleeps_csv.h) into reference/sleep.csv rows: which
// clock its times are on, decided per file by its nights, and the columns a row keeps.
// Numbered cases, each with why.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/reference/google_sleeps_csv.h"
#include "core/reference/sleep_csv.h"

namespace {

const std::string kHeader =
    "sleep_id,sleep_type,minutes_in_sleep_period,minutes_after_wake_up,minutes_to_fall_asleep,minutes_asleep,minutes_awake,"
    "minutes_longest_awakening,minutes_to_persistent_sleep,start_utc_offset,sleep_start,end_utc_offset,sleep_end,data_source,"
    "algorithm_version,sleep_created,sleep_last_updated\n";

std::string row(const char* id, const char* type, const char* offset, const char* start, const char* end) {
  return std::string(id) + "," + type + ",450,0,10,420,30,5,12," + offset + "," + start + "," + offset + "," + end +
         ",DERIVED,3,2024-03-21T07:00:00Z,2024-03-21T07:00:00Z\n";
}

struct Case {
  int n;
  const char* why;
  std::string text;
  std::vector<std::string> rows;  // the table's rows, in its order
  size_t problems;
};

const Case kCases[] = {
    {1,
     "the times are the local clock labelled UTC (one real export): at +07:00 a night at the label's word would begin at "
     "06:00; as written, at 23:00 — the written clock is taken",
     kHeader + row("1", "STAGES", "+07:00", "2024-03-20T23:00:00Z", "2024-03-21T06:30:00Z") +
         row("2", "STAGES", "+07:00", "2024-03-21T22:45:00Z", "2024-03-22T06:00:00Z"),
     {"2024-03-21,2024-03-20T23:00:00.000,2024-03-21T06:30:00.000,stages,,420,30,450,,10,,,,,,,",
      "2024-03-22,2024-03-21T22:45:00.000,2024-03-22T06:00:00.000,stages,,420,30,450,,10,,,,,,,"},
     0},
    {2,
     "the times are UTC as labelled (another reading of a 2026 export): at +05:30 a night from 17:00 UTC begins at 22:30 "
     "local — the labelled clock is taken, and the day of sleep is the local day it ends",
     kHeader + row("7", "CLASSIC", "+05:30", "2026-05-20T17:00:00Z", "2026-05-21T00:45:00Z"),
     {"2026-05-21,2026-05-20T22:30:00.000,2026-05-21T06:15:00.000,classic,,420,30,450,,10,,,,,,,"},
     0},
    {3, "a nap alone is no evidence (a tie): the label is taken at its word, +0700 written without a colon",
     kHeader + row("3", "CLASSIC", "+0700", "2024-03-21T06:00:00Z", "2024-03-21T07:30:00Z"),
     {"2024-03-21,2024-03-21T13:00:00.000,2024-03-21T14:30:00.000,classic,,420,30,450,,10,,,,,,,"}, 0},
    {4, "a row without a readable start, or ending before it starts, is skipped and counted; the others are kept",
     kHeader + row("4", "STAGES", "+00:00", "yesterday", "2024-03-21T06:00:00Z") +
         row("5", "STAGES", "+00:00", "2024-03-21T06:00:00Z", "2024-03-20T22:00:00Z") +
         row("6", "STAGES", "+00:00", "2024-03-20T22:00:00Z", "2024-03-21T06:00:00Z"),
     {"2024-03-21,2024-03-20T22:00:00.000,2024-03-21T06:00:00.000,stages,,420,30,450,,10,,,,,,,"}, 1},
    {5, "a header and no sleeps: no rows, no problem", kHeader, {}, 0},
    {6,
     "helper finding: times written with a space for the T and +0000, as Google's list of workouts writes them (every "
     "sleep was unreadable): read as row 1's",
     kHeader + row("7", "STAGES", "+07:00", "2024-03-20 23:00:00+0000", "2024-03-21 06:30:00+0000") +
         row("8", "STAGES", "+07:00", "2024-03-21 22:45:00+0000", "2024-03-22 06:00:00+0000"),
     {"2024-03-21,2024-03-20T23:00:00.000,2024-03-21T06:30:00.000,stages,,420,30,450,,10,,,,,,,",
      "2024-03-22,2024-03-21T22:45:00.000,2024-03-22T06:00:00.000,stages,,420,30,450,,10,,,,,,,"},
     0},
};

}  // namespace

TEST_CASE("google sleeps: the clock a list's times are on, and each row (numbered cases)", "[reference]") {
  for (const Case& c : kCases) {
    INFO("case " << c.n << ": " << c.why);
    ts::reference::ReferenceTable table = ts::reference::make_sleep_table();
    ts::fitbit::Problems problems;
    // Through add_sleep_file, as a sleep step reads it: a .csv name is Google's list.
    REQUIRE(!ts::reference::add_sleep_file("UserSleeps_2024-03-20.csv", c.text, false, table, problems));
    std::vector<std::string> rows;
    for (const auto& kv : table.rows) rows.push_back(kv.second);
    CHECK(rows == c.rows);
    CHECK(problems.size() == c.problems);
  }
}

TEST_CASE("google sleeps: a file without the columns is not Google's list", "[reference]") {
  ts::reference::ReferenceTable table = ts::reference::make_sleep_table();
  ts::fitbit::Problems problems;
  const ts::Error e = ts::reference::add_google_sleeps_file("UserSleeps_2024-03-20.csv", "sleep_id,minutes\n1,2\n", table, problems);
  CHECK(e.status == ts::Status::format);
  CHECK(table.rows.empty());
}
