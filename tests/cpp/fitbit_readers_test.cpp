// The small readers on their own: Profile.csv, Takeout weight.csv, file recognition, dates.
// (weight-*.json goes through the shared case table tests/cases/weight.json.)
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "core/fitbit/body_fat_csv.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/profile_csv.h"
#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"

using namespace ts::fitbit;

TEST_CASE("fitbit: Profile.csv columns found by name", "[fitbit]") {
  struct Case {
    int n;
    const char* why;
    const char* csv;
    const char* zone;
    double height;  // 0 = absent
    size_t problems;
  };
  const Case cases[] = {
      {1, "columns in any order", "id,height,timezone\nX,175.5,Europe/Berlin\n", "Europe/Berlin", 175.5, 0},
      {2, "time_zone spelling, CRLF, quoted field with a comma", "\"full name\",time_zone,height\r\n\"Doe, Jane\",America/New_York,160\r\n", "America/New_York", 160, 0},
      {3, "a UTF-8 byte-order mark before the header", "\xEF\xBB\xBFtimezone,height\nAsia/Tokyo,170\n", "Asia/Tokyo", 170, 0},
      {4, "a height out of range (feet?) is reported and ignored", "timezone,height\nUTC,5.9\n", "UTC", 0, 1},
      {5, "a zone that is not a name is reported and ignored", "timezone,height\n\"Berlin; Germany\",180\n", "", 180, 1},
      {6, "no account row", "timezone,height\n", "", 0, 1},
      // Every real export's Profile.csv names the zone: one without it was saved again by some
      // program, and the machine's zone stood in without a word (helper finding).
      {7, "no 'timezone' column: said; no height column: nothing wrong", "id,name\n1,x\n", "", 0, 1},
      {8, "an empty 'timezone': said", "timezone,height\n,170\n", "", 170, 1},
  };
  for (const Case& c : cases) {
    INFO("case " << c.n << ": " << c.why);
    Profile p;
    Problems problems;
    read_profile_csv("Profile.csv", c.csv, p, problems);
    CHECK(p.time_zone == c.zone);
    CHECK(p.height_cm.has_value() == (c.height > 0));
    if (c.height > 0 && p.height_cm) CHECK(*p.height_cm == Approx(c.height));
    CHECK(problems.size() == c.problems);
  }
}

TEST_CASE("fitbit: the older export's User-Profile.json (numbered rows)", "[fitbit]") {
  struct Case {
    int n;
    const char* why;
    const char* json;
    const char* zone;
    double height;  // 0 = absent
    const char* problem;  // a text the problems hold, "" for none
  };
  const Case cases[] = {
      {1, "as a real export writes it (Asia/Shanghai, 179 cm)", R"({"encodedId":"X","timezone":"Asia/Shanghai","offsetFromUTCMillis":28800000,"height":179.0,"heightUnit":"METRIC","weightUnit":"METRIC"})", "Asia/Shanghai", 179, ""},
      {2, "a height in another unit is left out, not guessed", R"({"timezone":"Europe/Berlin","height":70.0,"heightUnit":"US"})", "Europe/Berlin", 0, ""},
      {3, "no timezone member: said", R"({"height":170})", "", 170, "has no 'timezone' member"},
      {4, "not an object: the file named", R"([1,2])", "", 0, "not a JSON object of the account's profile"},
      {5, "a zone that is not a name: ignored, said", R"({"timezone":"GMT+8 Beijing"})", "", 0, "is not a time zone name"},
  };
  for (const Case& c : cases) {
    INFO("case " << c.n << ": " << c.why);
    Profile p;
    Problems problems;
    read_profile_json("user-profile/User-Profile.json", c.json, p, problems);
    CHECK(p.time_zone == c.zone);
    CHECK(p.height_cm.has_value() == (c.height > 0));
    if (c.height > 0 && p.height_cm) CHECK(*p.height_cm == Approx(c.height));
    std::string all;
    for (const auto& x : problems) all += x.reason + "\n";
    if (*c.problem) CHECK(all.find(c.problem) != std::string::npos);
    else CHECK(all.empty());
  }
}

TEST_CASE("fitbit: Takeout weight.csv rows", "[fitbit]") {
  std::vector<WeightGrams> rows;
  Problems problems;
  read_weight_csv("weight.csv", 7,
                  "timestamp,weight grams,data source\n"
                  "2024-10-27T07:44:00Z,87952.0,Aria\n"          // 0: plain
                  "2024-10-28T07:44:00.123Z,87000,\"Aria, scale\"\n"  // 1: fractions, quoted field
                  "2024-10-29T09:44:00+02:00,86000.5,API\n"      // 2: offset form
                  "2024-10-30T07:44:00,86000,API\n"              // 3: no zone: refused
                  "2024-10-31T07:44:00Z,-5,API\n"                // 4: negative: refused
                  "2024-11-01T07:43:59.999999Z,85000,Health Connect\n"  // 5: rounded to the next second
                  "2024-11-01T07:44:00.499999Z,85000,Fitbit\n"  // 6: rounded down
                  "\n",
                  rows, problems);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].file == 7);
  CHECK(rows[3].utc_sec == 1730447040);
  CHECK(rows[4].utc_sec == 1730447040);
  CHECK(rows[0].utc_sec == 1730015040);
  CHECK(rows[0].grams == 87952.0);
  CHECK(rows[1].utc_sec == 1730101440);
  CHECK(rows[2].utc_sec == 1730187840);  // 09:44+02:00 = 07:44Z
  CHECK(rows[2].grams == 86000.5);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].index == 3);
  CHECK(problems[1].index == 4);
}

TEST_CASE("fitbit: files are recognised by name wherever they are", "[fitbit]") {
  CHECK(classify("Takeout/Fitbit/Global Export Data/weight-2023-01-01.json") == FileKind::weight_json);
  CHECK(classify("MyFitbitData/Jane/Personal & Account/weight-2017-07-05.json") == FileKind::weight_json);
  CHECK(classify("weight-2017-07-05.json") == FileKind::weight_json);
  CHECK(classify("x/y/weight-2017-07-05.json") == FileKind::weight_json);
  CHECK(classify("x\\y\\weight-2017-07-05.json") == FileKind::unknown);  // readers turn Windows' '\\' into '/' first
  CHECK(classify("__MACOSX/Takeout/weight-2017-07-05.json") == FileKind::weight_json);  // the name decides, never a folder
  CHECK(classify("Takeout/._weight-2017-07-05.json") == FileKind::unknown);
  CHECK(classify("Takeout/weight-goal.json") == FileKind::unknown);
  CHECK(classify("Takeout/Fitbit/Your Profile/Profile.csv") == FileKind::profile_csv);
  CHECK(classify("Takeout/Fitbit/Physical Activity_GoogleData/weight.csv") == FileKind::weight_grams_csv);
  // 2026 Takeouts write it by month too; a name with no date, or another word, is not it.
  CHECK(classify("Takeout/Google Health/Physical Activity_GoogleData/Weight/weight_2026-05-01.csv") == FileKind::weight_grams_csv);
  CHECK(classify("Weight/weight_2026-05.csv") == FileKind::unknown);
  CHECK(classify("Weight/weightx_2026-05-01.csv") == FileKind::unknown);
}

TEST_CASE("fitbit: local date and time", "[fitbit]") {
  int64_t s = 0;
  CHECK(parse_fitbit_date_time("07/05/17", "12:44:00", FitbitShape::lenient, s));
  CHECK(s == 1499258640);  // = logId / 1000 of the docs/formats.md sample
  CHECK(parse_fitbit_date_time("1/2/2023", "8:05", FitbitShape::lenient, s));
  CHECK(s == 1672646700);
  CHECK(parse_fitbit_date_time("02/29/24", "23:59:59", FitbitShape::lenient, s));
  CHECK_FALSE(parse_fitbit_date_time("02/29/23", "00:00:00", FitbitShape::lenient, s));  // not a leap year
  // Helper finding: "97" was 2097. A two-digit year from 70 is 19YY (no Fitbit export holds it;
  // the readers then list it), below 70 20YY, in both shapes.
  CHECK(parse_fitbit_date_time("01/10/97", "08:00:00", FitbitShape::lenient, s));
  CHECK(s == 852883200);  // 1997-01-10T08:00:00Z
  CHECK(parse_fitbit_date_time("01/10/97", "08:00:00", FitbitShape::exact, s));
  CHECK(s == 852883200);
  CHECK(parse_fitbit_date_time("12/31/69", "00:00:00", FitbitShape::exact, s));
  CHECK(s == 3155673600);  // 2069-12-31
  CHECK_FALSE(parse_fitbit_date_time("13/01/23", "00:00:00", FitbitShape::lenient, s));
  CHECK_FALSE(parse_fitbit_date_time("01/01/23", "24:00:00", FitbitShape::lenient, s));
  CHECK_FALSE(parse_fitbit_date_time("01/01/123", "00:00:00", FitbitShape::lenient, s));
  CHECK_FALSE(parse_fitbit_date_time("01/01/23/", "00:00:00", FitbitShape::lenient, s));
  CHECK_FALSE(parse_fitbit_date_time("01/01/23", "00:00:", FitbitShape::lenient, s));
  CHECK_FALSE(parse_fitbit_date_time("2023-01-01", "00:00:00", FitbitShape::lenient, s));
  // The exact shape: two digits each, seconds required, a leap second read as the next minute.
  CHECK(parse_fitbit_date_time("07/05/17", "12:44:00", FitbitShape::exact, s));
  CHECK(s == 1499258640);
  CHECK_FALSE(parse_fitbit_date_time("1/2/23", "08:05:00", FitbitShape::exact, s));
  CHECK_FALSE(parse_fitbit_date_time("01/02/2023", "08:05:00", FitbitShape::exact, s));
  CHECK_FALSE(parse_fitbit_date_time("01/02/23", "08:05", FitbitShape::exact, s));
  CHECK(parse_fitbit_date_time("12/31/16", "23:59:60", FitbitShape::exact, s));
  CHECK(s == 1483228800);  // 2017-01-01T00:00:00
  CHECK_FALSE(parse_fitbit_date_time("12/31/16", "23:59:60", FitbitShape::lenient, s));
}

// "MM/DD/YY" with "HH:MM:SS" is read in place (nearly every record); any other shape by the
// general read. The two must agree: the same stamp with a four-digit year takes the general
// read, and must give the same answer, for fields in and out of range and for stray bytes.
TEST_CASE("fitbit: the usual date-time shape reads as the general read does", "[fitbit]") {
  std::mt19937 rng(14);
  const char bytes[] = "0123456789/:a ";
  auto two = [&](unsigned max) {
    char out[3];
    if (rng() % 20 == 0) {  // now and then a stray byte
      out[0] = bytes[rng() % (sizeof bytes - 1)];
      out[1] = bytes[rng() % (sizeof bytes - 1)];
    } else {
      const unsigned v = rng() % (max + 1);
      out[0] = static_cast<char>('0' + v / 10);
      out[1] = static_cast<char>('0' + v % 10);
    }
    out[2] = 0;
    return std::string(out);
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string mo = two(13), d = two(32), y = two(99), h = two(25), mi = two(61), se = two(61);
    const std::string time = h + ":" + mi + ":" + se;
    int64_t usual = -1, general = -1;
    const bool a = parse_fitbit_date_time(mo + "/" + d + "/" + y, time, FitbitShape::lenient, usual);
    // The century a two-digit year stands for: 19 from 70, else 20 (stray bytes fail both ways).
    const bool late = y[0] >= '7' && y[0] <= '9' && y[1] >= '0' && y[1] <= '9';
    const bool b = parse_fitbit_date_time(mo + "/" + d + (late ? "/19" : "/20") + y, time, FitbitShape::lenient, general);
    INFO(mo << "/" << d << "/" << y << " " << time);
    REQUIRE(a == b);
    if (a) REQUIRE(usual == general);
  }
}

// Helper findings: one comma inside a record cost the rest of the month, and one byte of another
// code page in a source's name cost all of it (13 weigh-ins). A file simdjson refuses is read
// record by record; a byte that is not UTF-8 is read as '?'. Each row: the file, the records
// kept (by index), the problems (index: reason; -1 for the file), why.
TEST_CASE("fitbit: weight-*.json with a defect keeps every record it can (numbered rows)", "[fitbit]") {
  auto rec = [](int day, const std::string& tail = "") {
    return "{\"logId\":" + std::to_string(day) + ",\"weight\":180." + std::to_string(day) + ",\"date\":\"01/0" + std::to_string(day) +
           "/23\",\"time\":\"08:00:00\",\"source\":\"Aria" + tail + "\"}";
  };
  const std::string cut = "[" + rec(1) + "," + rec(2).substr(0, 20);
  std::string inner = rec(2);
  inner.insert(inner.size() - 1, ",");  // {…,"source":"Aria",}
  const struct {
    int n;
    std::string text;
    std::vector<uint32_t> kept;
    std::vector<std::string> problems;
    std::string source;  // the source name of the first record kept
    double weight;       // its weight
    const char* why;
  } rows[] = {
      {1, cut, {0}, {"1: not valid JSON from this record on; the rest of the file was not read"}, "Aria", 180.1,
       "cut off inside its second record: the first is read"},
      {2, "[" + rec(1) + "," + inner + "," + rec(3) + "]", {0, 2}, {"1: not valid JSON; skipped"}, "Aria", 180.1,
       "a comma inside the second of three records: that record alone is skipped"},
      {3, "[" + rec(1) + "," + rec(2) + ",\n]", {0, 1}, {"-1: has a comma after its last record, which JSON does not allow; every record was read"}, "Aria", 180.1,
       "a comma after the last record: every record read, said once"},
      {4, "[" + rec(1, "\xe4") + "," + rec(2) + "]", {0, 1},
       {"-1: holds bytes that are not UTF-8 text (it was saved in another encoding): each was read as '?', and its records as usual; use the file as it came in the export to keep its names as written"},
       "Aria?", 180.1, "a Latin-1 byte in a source's name: every weigh-in read, the byte as '?'"},
      {5, "[" + rec(1) + rec(2) + "," + rec(3) + "]", {1}, {"0: not valid JSON; skipped"}, "Aria", 180.3,
       "no comma between the first two records: the two are one element, skipped; the third read (an element's index is its place among the elements found)"},
      {6, "[" + rec(1) + "," + rec(2) + "] x", {0, 1}, {"-1: has text after its array's end, which was not read; every record was read"}, "Aria", 180.1,
       "text after the array: every record read, the text named"},
      {7, "[" + rec(1, "\xed\xa0\x80") + "]", {0},
       {"-1: holds bytes that are not UTF-8 text (it was saved in another encoding): each was read as '?', and its records as usual; use the file as it came in the export to keep its names as written"},
       "Aria???", 180.1, "an encoded surrogate is not UTF-8: each of its bytes is '?'"},
  };
  for (const auto& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    simdjson::ondemand::parser parser;
    std::vector<WeightLog> logs;
    Problems problems;
    SourceNames sources;
    read_weight_json(parser, "weight-2023-01-01.json", 0, r.text, false, logs, problems, &sources);
    std::vector<uint32_t> kept;
    for (const WeightLog& l : logs) kept.push_back(l.index);
    CHECK(kept == r.kept);
    std::vector<std::string> said;
    for (const Problem& p : problems) said.push_back(std::to_string(p.index) + ": " + p.reason);
    CHECK(said == r.problems);
    REQUIRE_FALSE(logs.empty());
    CHECK(sources.name(logs[0].source) == r.source);
    CHECK(logs[0].weight == Approx(r.weight));
  }
}

TEST_CASE("fitbit: weight-*.json that is not a usable array is one problem for the file", "[fitbit]") {
  struct Case {
    int n;
    const char* text;
    const char* reason;
  };
  const Case cases[] = {
      {1, "[{", "not valid JSON"},                                   // cut off: not JSON at all
      {2, "", "not valid JSON"},                                     // empty file
      {3, "[]x", "not valid JSON"},                                  // trailing bytes
      {4, "{\"oops\":1}", "not a JSON array of weight records"},     // JSON, wrong shape
      {5, "\xff\xfe[\0{\0", "is UTF-16 text (as a spreadsheet saves \"Unicode text\"), not the UTF-8 text Fitbit writes: use the file as it came in the export, or save it again as UTF-8"},
  };
  for (const Case& c : cases) {
    INFO("case " << c.n);
    simdjson::ondemand::parser parser;
    std::vector<WeightLog> logs;
    Problems problems;
    read_weight_json(parser, "weight-2023-01-01.json", 0, c.text, false, logs, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].reason == c.reason);
    CHECK(logs.empty());
  }
}

// Google's body_fat*.csv (fitbit/body_fat_csv.h): the rows read, and what is reported.
TEST_CASE("body fat CSV: rows and problems (numbered rows)", "[readers]") {
  struct Row {
    int n;
    const char* text;
    size_t rows;
    double first_percent;
    size_t problems;
    const char* why;
  };
  const Row rows[] = {
      {1, "timestamp,body fat percentage,data source\n2018-06-01T13:16:20Z,11.6,Renpho Fitbit 3P Web API\n", 1, 11.6, 0,
       "the header and a row as public readers of real Takeouts show them"},
      {2, "\xEF\xBB\xBFTimestamp,Body Fat Percentage\r\n2018-06-01T13:16:20Z,11.6\r\n2018-06-02 13:16:20+0000,12\r\n", 2, 11.6, 0,
       "a byte-order mark, other letter case, CRLF, no data source, a space for the T"},
      {3, "timestamp,body fat percentage,data source\n2018-06-01T13:16:20Z,0,x\n2018-06-01T13:16:20Z,101,x\nnow,12,x\n"
          "2018-06-02T13:16:20Z,12.5,x\n",
       1, 12.5, 1, "0, over 100 and an unreadable time are left out, counted in one problem"},
      {4, "timestamp,fat\n2018-06-01T13:16:20Z,11.6\n", 0, 0, 1, "no 'body fat percentage' column: the file is named unread"},
      {5, "", 0, 0, 0, "an empty file: no rows, nothing to say"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    std::vector<ts::fitbit::BodyFatRow> out;
    ts::fitbit::Problems problems;
    ts::fitbit::read_body_fat_csv("body_fat_2018-06-01.csv", r.text, out, problems);
    CHECK(out.size() == r.rows);
    if (!out.empty()) CHECK(out[0].percent == r.first_percent);
    CHECK(problems.size() == r.problems);
  }
}
