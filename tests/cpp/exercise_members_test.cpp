// How the exercise reader (fitbit/exercise_reader.h) finds a record's members: in one pass
// over its keys, with the answers simdjson's o[key] gave when each member was looked up alone
// — the first of a repeated key counts, null is absent, a key is compared unescaped. Each
// numbered row is one exercise file of one record, with why it is there.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

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
    {10, R"([{"logId":9007199254740993,"startTime":"01/02/24 07:00:00","duration":600000}])", false, -1, "", "is not a whole number from 0 to 2^53",
     "helper finding: a logId one past 2^53 was read as 2^53 (a double rounds it): refused, as any past 2^53"},
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

// A file simdjson refuses as a whole is read record by record where its array still has its
// shape (exercise_reader.h): one defect cost every workout of the file (helper finding: 55
// workouts lost to one comma after the last record). Each row: the file, the logIds kept, a
// text the problems hold ("" for none), and the records the problems count as skipped.
TEST_CASE("exercise reader: a broken file is read record by record (numbered rows)", "[workout][exercise]") {
  struct Broken {
    int n;
    std::string json;
    std::vector<int64_t> kept;
    const char* problem;
    int64_t skipped;
    const char* why;
  };
  auto rec = [](int id) { return "{\"logId\":" + std::to_string(id) + R"(,"startTime":"01/02/24 07:00:00","duration":600000})"; };
  const std::string latin1 = std::string(R"({"logId":5,"startTime":"01/02/24 07:00:00","duration":600000,"activityName":"Laufen )") + "\xFC\"}";
  const Broken rows[] = {
      {1, "[" + rec(1) + "," + rec(2) + ",]", {1, 2}, "has a comma after its last record, which JSON does not allow; every record was read", 0,
       "a comma after the last record: every record read, the comma named"},
      {2, "[" + rec(1) + ",\n" + rec(2) + ",\n" + rec(3).substr(0, 20), {1, 2}, "record 2: not valid JSON from this record on; the rest of the file was not read", 1,
       "a file cut off inside its third record: the two before it read, where it stopped named"},
      {3, "[" + rec(1) + "," + latin1 + "," + rec(3) + "]", {1, 3}, "record 1: it holds bytes that are not UTF-8 text", 1,
       "one record with a byte of another encoding: that record alone skipped, said why"},
      {4, "[" + rec(1) + R"(,{"logId":2,"startTime":"01/02/24 07:00:00","duration":600000,"activityName":"Ru
n"},)" + rec(3) + "]", {1, 3}, "record 1: not valid JSON; skipped", 1,
       "a line break inside a string (not JSON): that record skipped"},
      {5, "[" + rec(1) + "," + rec(2) + "] trailing", {1, 2}, "has text after its array's end, which was not read; every record was read", 0,
       "text after the array: every record read, the text named"},
      {6, "[" + rec(1) + R"(,{"logId":184467440737095516150,"startTime":"01/02/24 07:00:00","duration":600000},)" + rec(3) + "]", {1, 3}, "record 1:", 1,
       "a logId past 2^64: that record skipped"},
  };
  for (const Broken& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::fitbit::ExerciseFile file;
    REQUIRE_FALSE(ts::fitbit::read_exercises("exercise-0.json", r.json, false, file));
    std::vector<int64_t> kept;
    for (const auto& ex : file.records) kept.push_back(ex.log_id);
    CHECK(kept == r.kept);
    std::string problems;
    for (const auto& p : file.problems) problems += p.reason + "\n";
    INFO(problems);
    CHECK(problems.find(r.problem) != std::string::npos);
    CHECK(ts::fitbit::skipped_records(file.problems) == r.skipped);
    // Positions are the records' places in the array (a step finds its record's bytes by them).
    for (const auto& ex : file.records) CHECK(static_cast<int64_t>(ex.position) == (ex.log_id == 1 ? 0 : ex.log_id - 1));
  }
  SECTION("7: not an array at all (UTF-16, or text): the file is refused, said why") {
    ts::fitbit::ExerciseFile file;
    const ts::Error e = ts::fitbit::read_exercises("exercise-0.json", std::string("\xFF\xFE[\0{\0", 6), false, file);
    CHECK(e.message.find("is UTF-16 text") != std::string::npos);
    CHECK(ts::fitbit::read_exercises("exercise-0.json", "not json", false, file).message == "not valid JSON");
  }
}
