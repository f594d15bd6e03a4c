// Rows of Google's list Fitbit did not list (convert/google_workouts.h UnlistedAutoRows): which
// auto-detected rows only that list holds are movements Fitbit did not keep as exercises.
// Numbered rows, a reason each; starts in minutes from a day's start, the row's length in seconds.
#include <catch2/catch.hpp>

#include <vector>

#include "core/convert/google_workouts.h"

namespace {

struct Json {
  int64_t start_min, minutes;
  bool auto_detected;
};

struct Row {
  int n;
  const char* why;
  std::vector<Json> json;
  int64_t row_start_min, row_sec;
  bool row_auto;
  bool unlisted;
};

}  // namespace

TEST_CASE("google rows Fitbit did not list: short auto-detected rows within the JSON's span, by numbered rows", "[workouts]") {
  constexpr int64_t kDay = 1700000000000;
  const std::vector<Row> rows = {
      {1, "helper finding's shape: 6 minutes beside a JSON auto-detected walk of 16: not listed", {{0, 16, true}, {3000, 30, false}}, 1000, 360, true, true},
      {2, "a tracker row of 6 minutes is a workout whatever its length", {{0, 16, true}, {3000, 30, false}}, 1000, 360, false, false},
      {3, "the threshold is at most SmartTrack's default, 15 minutes: a 15.5-minute row beside a JSON auto walk of 60 is kept "
          "(review finding: one long walk made every shorter row unlisted)",
       {{0, 60, true}, {3000, 30, false}}, 1000, 930, true, false},
      {4, "a broken JSON auto-detected record of 2 minutes says nothing: the 10-minute floor stands, a 6-minute row is not listed "
          "(review finding: it turned the rule off)",
       {{0, 2, true}, {3000, 30, false}}, 1000, 360, true, true},
      {5, "without a JSON auto-detected workout, the floor: 12 minutes is kept", {{0, 30, false}, {3000, 30, false}}, 1000, 720, true, false},
      {6, "the same, 9 minutes: not listed", {{0, 30, false}, {3000, 30, false}}, 1000, 540, true, true},
      {7, "past the JSON's span nothing tells: kept", {{0, 16, true}, {3000, 30, false}}, 4000, 360, true, false},
      {8, "without JSON: kept", {}, 1000, 360, true, false},
      {9, "a JSON auto walk of 12 minutes, between the floor and the cap, is the threshold: a row of 12 minutes 12 s is kept",
       {{0, 12, true}, {3000, 30, false}}, 1000, 732, true, false},
      {10, "a row exactly as long as the threshold is kept (shorter than it is not listed)", {{0, 12, true}, {3000, 30, false}}, 1000, 720, true, false},
      {11, "the same, a second shorter: not listed", {{0, 12, true}, {3000, 30, false}}, 1000, 719, true, true},
      {12, "JSON autos under and over the floor: the one under says nothing, the 11-minute one is the threshold",
       {{0, 3, true}, {100, 11, true}, {3000, 30, false}}, 1000, 630, true, true},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::UnlistedAutoRows rule;
    for (const Json& j : r.json) rule.add_json(kDay + j.start_min * 60000, kDay + (j.start_min + j.minutes) * 60000, j.auto_detected);
    ts::fitbit::Exercise row;
    row.start_utc_ms = kDay + r.row_start_min * 60000;
    row.duration_ms = r.row_sec * 1000;
    row.log_type = r.row_auto ? "auto_detected" : "tracker";
    CHECK(rule.unlisted(row) == r.unlisted);
  }
}
