// How the exercise reader (fitbit/exercise_reader.h) finds a record's members: in one pass
// over its keys, with the answers simdjson's o[key] gave when each member was looked up alone
// — the first of a repeated key counts, null is absent, a key is compared unescaped. Each
// numbered row is one exercise file of one record, with why it is there.
#include <catch2/catch.hpp>
#include <string>

#include "core/fitbit/exercise_reader.h"

namespace {

struct Row {
  int n;
  const char* json;
  bool read;            // the record is kept
  int32_t calories;     // as read (-1: absent)
  const char* name;     // activityName as read
  const char* problem;  // a text the file's problems hold, or "" for none
  const char* why;
};

// The members every kept record needs.
#define REQUIRED R"("logId":7,"startTime":"01/02/24 07:00:00","duration":600000)"

const Row kRows[] = {
    {1, "[{" REQUIRED R"(,"calories":90,"activityName":"Run"}])", true, 90, "Run", "", "a record as Fitbit writes it"},
    {2, "[{" REQUIRED R"(,"calories":90,"calories":120}])", true, 90, "", "", "a repeated key: the first counts"},
    {3, "[{" REQUIRED R"(,"calories":null,"activityName":null}])", true, -1, "", "", "null members are absent"},
    {4, R"([{"activityName":"Walk","duration":600000,"calories":5,"startTime":"01/02/24 07:00:00","logId":7}])", true, 5,
     "Walk", "", "the members in another order"},
    {5, "[{" REQUIRED R"(,"\u0063alories":33}])", true, 33, "", "", "a key written with an escape is the same key"},
    {6, "[{" REQUIRED R"(,"caloriesBurned":33,"Calories":44}])", true, -1, "", "", "keys that only resemble a member"},
    {7, R"([{"startTime":"01/02/24 07:00:00","duration":600000,"calories":1}])", false, -1, "", "field 'logId'",
     "no logId: the record is skipped, the problem names the member"},
    {8, "[{" REQUIRED R"(,"calories":"many"}])", true, -1, "", "field 'calories' is not a non-negative number",
     "a member of the wrong type: dropped, named in the problem"},
    {9, "[{" REQUIRED R"(,"logId":8}])", true, -1, "", "", "logId repeated: the first (7) is the record's"},
};

}  // namespace

TEST_CASE("exercise reader: a record's members, found in one pass", "[workout][exercise]") {
  for (const Row& r : kRows) {
    INFO("row " << r.n << ": " << r.why);
    ts::fitbit::ExerciseFile file;
    REQUIRE_FALSE(ts::fitbit::read_exercises("exercise-0.json", r.json, false, file));
    REQUIRE(file.records.size() == (r.read ? 1u : 0u));
    if (r.read) {
      CHECK(file.records[0].log_id == 7);
      CHECK(file.records[0].calories == r.calories);
      CHECK(file.records[0].activity_name == r.name);
    }
    std::string problems;
    for (const auto& p : file.problems) problems += p.reason + "\n";
    if (*r.problem) CHECK(problems.find(r.problem) != std::string::npos);
    else CHECK(problems.empty());
  }
}

TEST_CASE("exercise reader: past 100 problems a file's problems are counted, not listed", "[workout][exercise]") {
  // 150 records skipped (no members), 150 kept with a value dropped each, one kept clean.
  std::string json = "[";
  for (int i = 0; i < 150; ++i) json += "{},";
  for (int i = 0; i < 150; ++i) json += "{" REQUIRED R"(,"calories":"x"},)";
  json += "{" REQUIRED "}]";
  ts::fitbit::ExerciseFile file;
  REQUIRE_FALSE(ts::fitbit::read_exercises("exercise-0.json", json, false, file));
  CHECK(file.records.size() == 151);
  // 100 listed (the first 100 records, all skipped), then one count for the records and one
  // for the values: nothing is left out in silence.
  REQUIRE(file.problems.size() == 102);
  CHECK(file.problems[99].reason.find("record 99:") == 0);
  CHECK(file.problems[100].effect == ts::fitbit::Effect::record_skipped);
  CHECK(file.problems[100].records == 50);
  CHECK(file.problems[100].reason.find("50 more records skipped") == 0);
  CHECK(file.problems[101].effect == ts::fitbit::Effect::value_dropped);
  CHECK(file.problems[101].reason.find("150 more values dropped") == 0);
  CHECK(ts::fitbit::skipped_records(file.problems) == 150);
}
