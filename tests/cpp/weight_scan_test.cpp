// The weight reader's fast scan (core/fitbit/weight_json_scan.h) against the simdjson reader:
// where the scan accepts a file, both give the same records, value for value; where a file
// leaves the shape the scan takes, the scan gives up and leaves the output alone. Table-driven:
// each row is an input and why it is there; the fuzz target compares the two on every input.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/fitbit/weight_json_scan.h"

namespace {

using ts::fitbit::WeightLog;

struct Row {
  int n;
  const char* json;
  bool scanned;  // the scan reads it (else it leaves it to simdjson)
  const char* why;
};

const Row kRows[] = {
    {1, R"([{"logId":1,"weight":193.9,"bmi":28.08,"fat":24.002,"date":"07/05/17","time":"12:44:00","source":"Aria"}])", true,
     "a record as Fitbit writes it"},
    {2, "[\n  {\n    \"weight\" : 70 ,\n    \"date\" : \"01/02/2023\",\n    \"time\" : \"07:30\"\n  }\n]\n", true,
     "pretty-printed, an integer weight, a four-digit year and HH:MM"},
    {3, "[]", true, "no records"},
    {4, R"([{"weight":80.5,"bmi":0,"fat":null,"date":"01/02/23","time":"07:30:00"}])", true, "bmi 0 and fat null: not measured"},
    {5, R"([{"weight":80,"bmi":25,"bmi":0,"date":"01/02/23","time":"07:30:00"}])", true,
     "a repeated key: 0 leaves the earlier bmi, as in the simdjson reader"},
    {6, R"([{"weight":80,"x":true,"y":false,"z":null,"date":"01/02/23","time":"07:30:00"},{"weight":81,"date":"01/03/23","time":"07:30:00"}])",
     true, "other keys with literals are skipped; two records keep their order and indexes"},
    {7, R"([{"weight":80,"date":"01/02/23","time":"07:30:00","source":"Ari\u0061"}])", false, "an escape: left to simdjson"},
    {8, R"([{"weight":-80,"date":"01/02/23","time":"07:30:00"}])", false, "a negative weight: a problem simdjson's reader reports"},
    {9, R"([{"weight":8e1,"date":"01/02/23","time":"07:30:00"}])", false, "an exponent"},
    {10, R"([{"weight":080,"date":"01/02/23","time":"07:30:00"}])", false, "a leading zero (not JSON)"},
    {11, R"([{"weight":80,"date":"13/02/23","time":"07:30:00"}])", false, "a month 13: a problem"},
    {12, R"([{"weight":80,"date":"01/02/23"}])", false, "no time: a problem"},
    {13, R"([{"weight":80,"date":"01/02/23","time":"07:30:00","tags":[]}])", false, "a nested value"},
    {14, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"}] x)", false, "trailing content"},
    {15, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"},])", false, "a trailing comma (not JSON)"},
    {16, "[{\"weight\":80,\"date\":\"01/02/23\",\"time\":\"07:30:00\",\"source\":\"Caf\xc3\xa9\"}]", false, "a non-ASCII byte"},
    {17, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"})", false, "cut off"},
    {18, R"({"weight":80})", false, "not an array"},
    {19, R"([{"weight":"80","date":"01/02/23","time":"07:30:00"}])", false, "a weight given as a string: a problem"},
    {20, R"([{"weight":80,"fat":"x","date":"01/02/23","time":"07:30:00"}])", false, "a fat that is not a number: a problem"},
    {21, R"([{"weight":0.30000000000000004,"date":"01/02/23","time":"07:30:00"}])", false,
     "more than 17 characters of number: left to simdjson's parser"},
    {22, R"([{"weight":123.456789012345,"date":"01/02/23","time":"07:30:00"}])", true, "15 significant digits: the same double"},
    // A record is read along the previous record's layout (the bytes between its values) until
    // its bytes differ, then field by field: rows 23-33 leave the layout at each place.
    {23, "[{\"weight\":80,\"bmi\":25.1,\"date\":\"01/02/23\",\"time\":\"07:30:00\",\"source\":\"Aria\",\"fat\":20.5},\n"
         " {\"weight\":81.2,\"bmi\":25.4,\"date\":\"01/03/23\",\"time\":\"07:31:00\",\"source\":\"Web\",\"fat\":21},\n"
         " {\"weight\":82,\"bmi\":25.6,\"date\":\"01/04/23\",\"time\":\"07:32:00\",\"source\":\"Aria\",\"fat\":22.25}]", true,
     "three records of one layout: the second and third read along it"},
    {24, "[{\"weight\":80,\"date\":\"01/02/23\",\"time\":\"07:30:00\",\"fat\":20.5},{\"weight\":81,\"date\":\"01/03/23\",\"time\":\"07:31:00\"},"
         "{\"weight\":82,\"date\":\"01/04/23\",\"time\":\"07:32:00\",\"fat\":22}]", true,
     "a record without fat stops a field early; the next has it again"},
    {25, "[{\"weight\":80, \"date\":\"01/02/23\",\"time\":\"07:30:00\"},{\"weight\":81,  \"date\":\"01/03/23\",\"time\":\"07:31:00\"}]", true,
     "other spacing before the second key"},
    {26, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"},{"date":"01/03/23","weight":81,"time":"07:31:00"}])", true,
     "the keys in another order"},
    {27, R"([{"weight":80,"bmi":25,"date":"01/02/23","time":"07:30:00"},{"weight":81,"bmi":null,"date":"01/03/23","time":"07:31:00"}])", true,
     "null where the layout's record had a number: the same bytes before it, another kind of value"},
    {28, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"},{"weight":81,"date":"01/03/23","time":"07:31:00","weight":79}])", true,
     "more fields than the layout: a repeated key after its last, the last weight counts"},
    {29, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"},{"weight":"81","date":"01/03/23","time":"07:31:00"}])", false,
     "a value the layout's key refuses (a weight as a string): a problem, left to simdjson"},
    {30, R"([{"weight":80,"fat":20,"date":"01/02/23","time":"07:30:00"},{"weight":81,"fit":20,"date":"01/03/23","time":"07:31:00"}])", true,
     "a key one byte from the layout's: another key, skipped"},
    {31, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"},{}])", false, "an empty record after a layout: no weight, a problem"},
    {32, R"([{"weight":80,"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"date":"01/02/23","time":"07:30:00"},)"
         R"({"weight":81,"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"date":"01/03/23","time":"07:31:00"}])", true,
     "more fields than a layout keeps (16): no layout, each record field by field"},
    {33, R"([{"weight":80,"date":"01/02/23","time":"07:30:00"},{"weight":81,"date":"01/03/23","time":"07:31:00"} ,{"weight":82,"date":"01/04/23","time":"07:32:00"}])",
     true, "spacing between records, outside any layout"},
    {34, R"([{"weight":80,"date":"01/02/23","time":"07:30:00","source":"Aria"},{"weight":81,"date":"01/03/23","time":"07:31:00","source":"Web"},)"
         R"({"weight":82,"date":"01/04/23","time":"07:32:00","source":"Aria"},{"weight":83,"date":"01/05/23","time":"07:33:00","source":"Aria"}])",
     true, "sources that change and change back: each record its own"},
};

bool same(const WeightLog& a, const WeightLog& b) {
  return a.local_sec == b.local_sec && a.weight == b.weight && a.bmi == b.bmi && a.fat == b.fat && a.file == b.file &&
         a.index == b.index;
}

}  // namespace

TEST_CASE("weight scan: the same records as the simdjson reader, or none", "[weight][scan]") {
  for (const Row& row : kRows) {
    INFO("row " << row.n << ": " << row.why);
    const std::string text(row.json);
    std::vector<WeightLog> fast(1), slow(1);  // one record already there: never touched by a scan that gives up
    fast[0].weight = 1;
    slow[0].weight = 1;
    ts::fitbit::SourceNames fast_sources, slow_sources;
    const bool scanned = ts::fitbit::scan_weight_json(text, 3, fast, &fast_sources);
    CHECK(scanned == row.scanned);
    if (!scanned) {
      CHECK(fast.size() == 1);
      CHECK(fast_sources.size() == 1);  // nothing named by a scan that gave up
      continue;
    }
    simdjson::ondemand::parser parser;
    ts::fitbit::Problems problems;
    ts::fitbit::read_weight_json_simdjson(parser, "weight.json", 3, text, false, slow, problems, &slow_sources);
    CHECK(problems.empty());
    REQUIRE(fast.size() == slow.size());
    for (size_t i = 0; i < fast.size(); ++i) {
      CHECK(same(fast[i], slow[i]));
      CHECK(fast_sources.name(fast[i].source) == slow_sources.name(slow[i].source));
    }
    CHECK(fast_sources.size() == slow_sources.size());  // each distinct name once, on either reader
  }
}

TEST_CASE("weight sources: a name is kept to 64 bytes and met again as kept", "[weight][scan]") {
  // Before, a name longer than 64 bytes never matched its own kept copy: every record that
  // named it took a new place, until the 255 places ran out.
  const std::string long_name(100, 'x');
  std::string text = "[";
  for (int i = 0; i < 300; ++i)
    text += std::string(i ? "," : "") + R"({"weight":80,"date":"01/02/23","time":"07:30:00","source":")" + long_name + "\"}";
  text += "]";
  for (const bool scan : {true, false}) {
    INFO((scan ? "the scan" : "the simdjson reader"));
    std::vector<WeightLog> logs;
    ts::fitbit::SourceNames sources;
    if (scan) {
      REQUIRE(ts::fitbit::scan_weight_json(text, 0, logs, &sources));
    } else {
      simdjson::ondemand::parser parser;
      ts::fitbit::Problems problems;
      ts::fitbit::read_weight_json_simdjson(parser, "weight.json", 0, text, false, logs, problems, &sources);
    }
    REQUIRE(logs.size() == 300);
    CHECK(sources.size() == 2);  // no source, and the one name
    CHECK(sources.name(logs.back().source) == long_name.substr(0, 64));
  }
}
