// ts_gather (wasm/core/convert/gathered.h): what it counts and what it refuses. That gathering
// any runs of a conversion's parts assembles to the same bytes is checked on every case of
// tests/cases/steps.json (steps_cases_test.cpp); here, one numbered row per rule of the
// gathered part's format, with the reason the row exists.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "boundary/api_steps.h"
#include "case_table.h"
#include "core/common/byte_fields.h"
#include "core/convert/bundle.h"
#include "core/convert/gathered.h"
#include "core/reference/sleep_csv.h"

namespace {

using nlohmann::json;

std::string parts_bundle(const std::vector<std::string>& parts) {
  ts::convert::BundleWriter w;
  for (const auto& p : parts) w.add("part.json", p);
  return w.finish();
}

// A gathered part's "tables" written by hand (gathered.h): per-minute days [day, metric, value],
// no heart-rate days, and sleep rows [key, row] covering first..last (then no resting rows).
struct Day {
  int64_t day;
  uint8_t metric;
  double value;
};
std::string tables_by_hand(const std::vector<Day>& days = {}, const std::vector<std::pair<std::string, std::string>>& sleep = {},
                           int64_t first = INT64_MAX, int64_t last = INT64_MIN, uint32_t stated_days = UINT32_MAX,
                           bool with_spans = true) {
  std::string out;
  ts::ByteOut w{out};
  w.u32(stated_days == UINT32_MAX ? static_cast<uint32_t>(days.size()) : stated_days);
  for (const Day& d : days) {
    w.i64(d.day);
    w.u8(d.metric);
    w.f64(d.value);
  }
  w.u32(0);
  w.i64(first);
  w.i64(last);
  w.u32(static_cast<uint32_t>(sleep.size()));
  for (const auto& [key, row] : sleep) {
    w.str(key);
    w.str(row);
  }
  w.i64(INT64_MAX);
  w.i64(INT64_MIN);
  w.u32(0);
  if (with_spans) w.u32(0);  // no daily spans (a part gathered before they were kept has no count)
  return out;
}

// Tables (as tables_by_hand, no days or rows) with `spans` daily spans of steps, each stating
// `stated_before` pieces before it and none after, and holding none.
std::string tables_with_spans(uint32_t spans, uint32_t stated_before) {
  std::string t = tables_by_hand({}, {}, INT64_MAX, INT64_MIN, UINT32_MAX, false);
  ts::ByteOut w{t};
  w.u32(spans);
  for (uint32_t k = 0; k < spans; ++k) {
    w.u8(0);
    w.i64(1680235200);
    w.i64(1680325200);
    w.i64(0);  // last local reading: none (not a local-time metric)
    w.u8(0);   // not cut short
    w.u32(stated_before);
    w.u32(0);
  }
  return t;
}

// A gathered part written by hand: its count in the options, gathered.json, sections, tables.
std::string gathered_by_hand(const std::string& head, const std::string& doc, const std::vector<std::pair<std::string, std::string>>& sections,
                             const std::string& tables = tables_by_hand()) {
  ts::convert::BundleWriter w(head);
  w.add("gathered.json", doc);
  for (const auto& [kind, fragment] : sections) w.add(kind, fragment);
  w.add("tables", tables);
  return w.finish();
}

const std::string kOtherPart =
    R"({"kind":"other","files":[{"path":"reference/other/a.csv","kind":"reference","records":1}],"skipped":[],"warnings":["w"],"outputBytes":10})";
// A sleep step's part of `n` rows, nights from day `from` on.
std::string sleep_rows(int n, int from) {
  std::string rows;
  for (int k = 0; k < n; ++k) rows += (k ? ",[\"" : "[\"") + std::to_string(from + k) + "\",\"x," + std::to_string(k) + "\"]";
  return R"({"kind":"sleep","files":[],"rows":[)" + rows + R"(],"firstDay":)" + std::to_string(from) + R"(,"lastDay":)" +
         std::to_string(from + n) + "}";
}
// A workouts step part of `n` file entries, paths from `from` on.
std::string files_part(int n, int from) {
  std::string files;
  for (int k = 0; k < n; ++k) files += (k ? ",{\"path\":\"activities/a-" : "{\"path\":\"activities/a-") + std::to_string(from + k) + ".fit\"}";
  return R"({"kind":"workouts","files":[)" + files + R"(],"skipped":[],"warnings":[],"outputBytes":0})";
}
// A gathered part whose one section states `n` files (its fragment and paths made to match).
std::string gathered_files(int n) {
  std::string paths, fragment;
  for (int k = 0; k < n; ++k) {
    paths += (k ? ",\"" : "\"") + std::string("activities/g-") + std::to_string(k) + ".fit\"";
    fragment += (k ? ",{\"path\":\"" : "{\"path\":\"") + std::string("activities/g-") + std::to_string(k) + ".fit\"}";
  }
  return gathered_by_hand(R"({"gathered":1})",
                          R"({"sections":[{"kind":"workouts","files":)" + std::to_string(n) + R"(,"outputBytes":0,"paths":[)" + paths +
                              R"(],"skipped":[],"warnings":[]}]})",
                          {{"workouts", fragment}});
}
const std::string kSleepPart = R"({"kind":"sleep","files":[],"rows":[["2024-01-02","2024-01-02,7"]],"firstDay":19724,"lastDay":19724})";
const std::string kSection = R"({"kind":"other","files":1,"outputBytes":10,"paths":["reference/other/a.csv"],"skipped":[],"warnings":[]})";
const std::string kEntry = R"({"path":"reference/other/a.csv","kind":"reference","records":1})";

json head_of(const std::string& gathered) {
  ts::convert::BundleView v;
  REQUIRE_FALSE(ts::convert::decode_bundle(reinterpret_cast<const uint8_t*>(gathered.data()), gathered.size(), 0, v));
  return json::parse(v.options);
}

}  // namespace

TEST_CASE("gathered parts: counts and refusals", "[steps]") {
  const auto two = ts::test::call(ts::api::gather, parts_bundle({kOtherPart, kSleepPart}));
  REQUIRE(two.status == ts::Status::ok);
  struct Row {
    int n;
    const char* why;
    std::vector<std::string> parts;
    ts::Status status;
    const char* contains;  // in the error; or, for ok rows, the count the gathered part states
  };
  const Row rows[] = {
      {1, "nothing to gather is the caller's mistake, not a part's", {}, ts::Status::invalid_argument, "at least one"},
      {2, "the plan's part goes to assembly first, never into a run of step parts", {R"({"kind":"plan"})"}, ts::Status::format,
       "a second plan part"},
      {3, "a part that is not JSON is named by its place", {kOtherPart, "not json"}, ts::Status::format, "part 1 is not one"},
      {4, "TSB1 magic with nothing after it is not a gathered part", {"TSB1\x01"}, ts::Status::format, "not a bundle of gathered.json"},
      {5, "a gathered part must say how many step parts it holds (callers count them without reading)",
       {gathered_by_hand("{}", R"({"sections":[]})", {})}, ts::Status::format, "count of parts"},
      {6, "each section has its fragment of manifest entries, in order",
       {gathered_by_hand(R"({"gathered":1})", "{\"sections\":[" + kSection + "]}", {})}, ts::Status::format,
       "sections do not match its files"},
      {7, "a section's paths are its entries' paths: the last check of every output path reads them",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[{"kind":"other","files":2,"outputBytes":10,"paths":["a"]}]})",
                         {{"other", kEntry}})},
       ts::Status::format, "does not match its files"},
      {8, "a per-minute value names one of the metrics",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({{19724, 99, 1.5}}))}, ts::Status::format,
       "[day, metric, value]"},
      {9, "a gathered part and a step part gather again; the counts add up", {two.body, kOtherPart}, ts::Status::ok, "3"},
      {10, "a gathered part written by hand in the documented format is read", {gathered_by_hand(R"({"gathered":1})",
       "{\"sections\":[" + kSection + "]}", {{"other", kEntry}})}, ts::Status::ok, "1"},
      {11, "the tables state more days than their bytes hold: refused before anything is reserved",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({{19724, 0, 1.5}}, {}, INT64_MAX, INT64_MIN, 4000000000u))},
       ts::Status::format, "[day, metric, value]"},
      {12, "reference rows come with the days they cover",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({}, {{"2024-01-02", "2024-01-02,7"}}, 19725, 19724))},
       ts::Status::format, "the days they cover"},
      {13, "bytes after the tables' end are not the core's",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand() + "x")}, ts::Status::format, "after their end"},
      {14, "a day far outside any record's (its seconds would overflow) is refused, not formatted",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({{INT64_MAX / 2, 0, 1.5}}))}, ts::Status::format,
       "[day, metric, value]"},
      {15, "a gathered part without its tables is not one the core wrote",
       {[] {
         ts::convert::BundleWriter w(R"({"gathered":1})");
         w.add("gathered.json", R"({"sections":[]})");
         return w.finish();
       }()},
       ts::Status::format, "its sections and its tables"},
      {16, "a day's value JSON could not have held (NaN) is not one a step wrote",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({{19724, 0, std::nan("")}}))}, ts::Status::format,
       "[day, metric, value]"},
      {17, "a heart-rate count past 2^40 is refused, so a part the core reads always gathers with itself (fuzz finding)",
       {R"({"kind":"heart_rate","files":[],"hrDays":[[19724,60,90,1099511627777,1]]})"}, ts::Status::format, "not counts"},
      // A client's part of days of 1e308 made 306 digits a cell (23 times its bytes), and one of
      // a million days ran the core out of memory at assembly (attack review).
      {18, "a day's total past 1,440 minutes of the largest minute value is refused",
       {R"({"kind":"daily","metric":"distance","read":true,"days":[[19724,1e308]]})"}, ts::Status::format, "past what 1,440 minutes hold"},
      {19, "a day's total of exactly 1,440 minutes of the largest minute value is read",
       {R"({"kind":"daily","metric":"distance","read":true,"days":[[19724,14400000000],[19725,-14400000000]]})"}, ts::Status::ok, "1"},
      {20, "the same bound in a gathered part's tables",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({{19724, 1, 1e12}}))}, ts::Status::format,
       "more day values than a conversion has"},
      {21, "more day values than 30 years of every metric: refused as they are read",
       {[] {
         std::string days;
         for (int k = 0; k < 100001; ++k) days += (k ? ",[" : "[") + std::to_string(k) + ",1]";
         return std::string(R"({"kind":"daily","metric":"steps","read":true,"days":[)") + days + "]}";
       }()},
       ts::Status::format, "more day values than a conversion has"},
      {22, "more heart-rate days than a century's: refused as they are read",
       {[] {
         std::string days;
         for (int k = 0; k < 36601; ++k) days += (k ? ",[" : "[") + std::to_string(k) + ",60,90,60,1]";
         return std::string(R"({"kind":"heart_rate","files":[],"hrDays":[)") + days + "]}";
       }()},
       ts::Status::format, "more heart-rate days than a conversion has (36600)"},
      // Daily spans (gathered.h, DAILY SPANS).
      {23, "a daily span is [first, last] with first before last",
       {R"({"kind":"daily","metric":"steps","read":true,"days":[],"span":[1680400000,1680300000]})"}, ts::Status::format,
       "a daily span that is not [first, last] seconds"},
      {24, "a spilled piece is [start, seconds, day, value, records]",
       {R"({"kind":"daily","metric":"steps","read":true,"days":[],"span":[1680300000,1680400000],"after":[[1680300000,900,19447,60]]})"},
       ts::Status::format, "a spilled piece that is not [start, seconds, day, value, records]"},
      {25, "a spilled piece's records are a count",
       {R"({"kind":"daily","metric":"steps","read":true,"days":[],"span":[1680300000,1680400000],"before":[[1680300000,900,19447,60,-1]]})"},
       ts::Status::format, "a spilled piece that is not a minute"},
      {26, "a daily part with its span and spills gathers",
       {R"({"kind":"daily","metric":"steps","read":true,"days":[[19447,1200]],"span":[1680235200,1680325200],"after":[[1680321600,900,19447,60,1],[1680324000,60,19447,2,1]]})"},
       ts::Status::ok, "1"},
      {30, "a spilled piece is a minute, a quarter hour or a day, on its own boundary",
       {R"({"kind":"daily","metric":"steps","read":true,"days":[],"span":[1680300000,1680400000],"after":[[1680300060,900,19447,60,1]]})"},
       ts::Status::format, "not a minute, quarter hour or day on its boundary"},
      {27, "a gathered part from before daily spans were kept (its tables end after the reference rows) is read",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({{19724, 0, 1.5}}, {}, INT64_MAX, INT64_MIN, UINT32_MAX, false))},
       ts::Status::ok, "1"},
      {28, "a gathered span's spill states more entries than its bytes hold: refused before anything is reserved",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_with_spans(1, 4000000000u))},
       ts::Status::format, "a gathered daily spill that is not [start, seconds, day, value, records] entries"},
      {31, "more sleep rows than a century of nights: refused as they are read (attack finding: 105,000 ran assembly out of memory)",
       {sleep_rows(20000, 0), sleep_rows(20001, 20000)}, ts::Status::format, "part 1 is not one the core wrote (more sleep rows than a conversion has (40000))"},
      {32, "exactly the bound is read", {sleep_rows(20000, 0), sleep_rows(20000, 20000)}, ts::Status::ok, "2"},
      {33, "the same bound in a gathered part's tables",
       {[] {
         std::vector<std::pair<std::string, std::string>> rows;
         for (int k = 0; k < 40001; ++k) rows.emplace_back(std::to_string(k), "x");
         return gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_by_hand({}, rows, 0, 40001));
       }()},
       ts::Status::format, "more sleep rows than a conversion has (40000)"},
      {34, "more output files than any export makes (30,000): refused as they are read (attack round: 150,000 short forged paths fit in 4 MiB, ~100 ms of assembly)",
       {files_part(15000, 0), files_part(15001, 15000)}, ts::Status::format, "more than 30000 output files, more than any export makes"},
      {35, "exactly the bound is read", {files_part(15000, 0), files_part(15000, 15000)}, ts::Status::ok, "2"},
      {36, "the same bound for a gathered part's sections", {files_part(1, 100000), gathered_files(30000)}, ts::Status::format,
       "more than 30000 output files"},
      {29, "more daily spans than a conversion has steps: refused before they are read",
       {gathered_by_hand(R"({"gathered":1})", R"({"sections":[]})", {}, tables_with_spans(100001, 0))},
       ts::Status::format, "more daily spans than a conversion has"},
  };
  CHECK(head_of(two.body) == json::parse(R"({"gathered":2})"));
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    const auto r = ts::test::call(ts::api::gather, parts_bundle(row.parts));
    INFO(r.body);
    REQUIRE(r.status == row.status);
    if (row.status == ts::Status::ok) CHECK(head_of(r.body)["gathered"] == std::stoi(row.contains));
    else CHECK(r.body.find(row.contains) != std::string::npos);
  }
}

// day_totals (gathered.h): a slot per day of the span when the days lie close, a stable sort
// by day when they are far apart. Either way each day's values are summed in the order read and
// days come out ascending, as a map of totals gives them (what the daily CSVs are written from).
TEST_CASE("gathered parts: day totals, close and far-apart days", "[steps]") {
  struct Row {
    int n;
    const char* why;
    std::vector<ts::convert::DayValue> values;
  };
  // 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit: the order read must be kept.
  const std::vector<Row> rows = {
      {1, "ten years of days close together: one slot per day", [] {
         std::vector<ts::convert::DayValue> v;
         for (int64_t d = 16000; d < 19650; ++d) v.push_back({d, static_cast<int>(d % 9), 0.5 * static_cast<double>(d % 7)});
         return v;
       }()},
      {2, "one day's values summed in the order read, whatever the path", {{20000, 1, 0.1}, {20000, 1, 0.2}, {20000, 1, 0.3}, {19999, 0, 1}}},
      {3, "two days 100,000,000 days apart: a span no slots are made for", {{-100000000, 2, 0.3}, {100000000, 2, 0.2}, {-100000000, 2, 0.1}}},
      {4, "days read in descending order come out ascending", {{30, 0, 1}, {20, 0, 2}, {10, 0, 3}}},
      {5, "a value of 0 still marks its metric as read that day", {{5, 3, 0.0}}},
      {6, "a century of distinct days 400 apart, two values each: summed by the sorted path", [] {
         std::vector<ts::convert::DayValue> v;
         for (int64_t k = 0; k < 36600; ++k) v.push_back({k * 400, 0, 0.1}), v.push_back({k * 400, 0, 0.2});
         return v;
       }()},
      // Review finding: no row had three values on a day of the sorted path, where the order of
      // addition shows in the bits ((0.1 + 0.2) + 0.3 is not (0.3 + 0.2) + 0.1).
      {7, "three values of a far-apart day, read between another day's: summed in the order read", {{-100000000, 2, 0.1}, {100000000, 2, 0.5}, {-100000000, 2, 0.2}, {-100000000, 2, 0.3}}},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    ts::convert::Gathered g;
    g.day_values = row.values;
    std::map<int64_t, ts::daily::DayTotals> expected;
    for (const auto& d : row.values) {
      expected[d.day].value[d.metric] += d.value;
      expected[d.day].has[d.metric] = true;
    }
    int64_t outside = 0;
    ts::daily::DayList got;
    REQUIRE_FALSE(ts::convert::day_totals(g, outside, got));
    REQUIRE(got.size() == expected.size());
    size_t k = 0;
    for (const auto& [day, totals] : expected) {
      CHECK(got[k].first == day);
      for (int m = 0; m < ts::daily::kMetricCount; ++m) {
        CHECK(got[k].second.has[m] == totals.has[m]);
        CHECK(std::memcmp(&got[k].second.value[m], &totals.value[m], sizeof(double)) == 0);  // the same bits
      }
      ++k;
    }
  }
}

// Attack finding: parts stating values on 200,000 days wrote 2,669 daily CSVs; on days 400
// apart their map cost ~250 ms. No conversion has more than a century of days (numbered rows).
TEST_CASE("gathered parts: day totals past a century of distinct days are refused", "[steps]") {
  struct Row {
    int n;
    const char* why;
    int64_t days, apart;
    bool refused;
  };
  const Row rows[] = {
      {1, "a century of consecutive days: written", 36600, 1, false},
      {2, "one day more, consecutive: refused", 36601, 1, true},
      {3, "one day more, 400 apart (the sorted path): refused", 36601, 400, true},
      {4, "a century of days 2 apart (a span past the slots): written", 36600, 2, false},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    ts::convert::Gathered g;
    for (int64_t k = 0; k < row.days; ++k) g.day_values.push_back({k * row.apart, 1, 1.0});
    int64_t outside = 0;
    ts::daily::DayList got;
    const ts::Error e = ts::convert::day_totals(g, outside, got);
    CHECK(static_cast<bool>(e) == row.refused);
    if (row.refused) CHECK(e.message.find("more than 36600 days") != std::string::npos);
    else CHECK(got.size() == static_cast<size_t>(row.days));
  }
}

// GatheredRows (gathered_rows.h) writes what a ReferenceTable (a map: sorted by key, the first
// of a repeated key kept) wrote from the same rows added in the same order, on every path:
// rows in key order (nothing sorted), out of order, and repeated next to each other or apart.
TEST_CASE("gathered parts: reference rows as a ReferenceTable writes them", "[steps]") {
  struct Row {
    int n;
    const char* why;
    std::vector<std::pair<std::string, std::string>> rows;  // key, row, in the order added
  };
  const std::vector<Row> rows = {
      {1, "no rows: the header alone, as the map wrote it", {}},
      {2, "keys ascending, as parts in plan order bring them: kept as added", {{"2024-01-01", "a"}, {"2024-01-02", "b"}, {"2024-01-03", "c"}}},
      {3, "a key repeated next to itself: the first row stays", {{"2024-01-01", "first"}, {"2024-01-01", "second"}, {"2024-01-02", "b"}}},
      {4, "keys out of order come out sorted", {{"2024-01-03", "c"}, {"2024-01-01", "a"}, {"2024-01-02", "b"}}},
      {5, "a key repeated after others: the first row still stays", {{"2024-01-02", "first"}, {"2024-01-03", "c"}, {"2024-01-02", "second"}}},
      {6, "a repeat of the last key after the order broke: the first stays",
       {{"2024-01-05", "e"}, {"2024-01-01", "first"}, {"2024-01-01", "second"}, {"2024-01-05", "again"}}},
      {7, "keys compared as bytes: a longer key after its prefix, bytes past 0x7f last",
       {{"2024-01-01\xc3\xa9", "high"}, {"2024-01-01", "short"}, {"2024-01-01a", "long"}}},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    ts::reference::ReferenceTable expected = ts::reference::make_sleep_table();
    ts::convert::GatheredRows viewed, copied;
    for (const auto& [key, text] : row.rows) {
      expected.add(key, text, 19724);
      viewed.add_view(key, text);
      copied.add_copy(std::string(key), std::string(text));  // the temporaries die: copies must hold
    }
    for (ts::convert::GatheredRows* g : {&viewed, &copied}) {
      if (!row.rows.empty()) g->cover(19724, 19724);
      const ts::reference::TableCsv got = g->csv(ts::reference::make_sleep_table());
      const ts::reference::TableCsv want = expected.written();
      CHECK(got.path == want.path);
      CHECK(got.text == want.text);
      CHECK(got.rows == want.rows);
      CHECK(got.first_day == want.first_day);
      CHECK(got.last_day == want.last_day);
    }
  }
}

// Daily spans (gathered.h, DAILY SPANS): which spilled pieces count, by numbered rows. Each
// row: the spans of one metric (steps) in plan order, no day values of their own, and what the
// day totals and the dropped records come to. Quarter q (seconds 900q) and minute m (60m) lie
// in day 0 here.
TEST_CASE("gathered parts: daily spans, which spills count", "[steps]") {
  using ts::convert::DailySpan;
  using ts::convert::SpillEntry;
  const auto span = [](int64_t first, int64_t last, std::vector<SpillEntry> before, std::vector<SpillEntry> after) {
    DailySpan s;
    s.first = first;
    s.last = last;
    s.before = std::move(before);
    s.after = std::move(after);
    return s;
  };
  const auto q = [](int64_t quarter, double value, int64_t records) { return SpillEntry{quarter * 900, 900, 0, value, records}; };
  const auto m = [](int64_t minute, double value) { return SpillEntry{minute * 60, 60, 0, value, 1}; };
  struct Row {
    int n;
    const char* why;
    std::vector<DailySpan> spans;
    std::vector<std::pair<int64_t, double>> want;  // [day, steps]
    int64_t dropped;
  };
  const std::vector<Row> rows = {
      {1, "one span: its spills have no neighbour and count", {span(0, 9000, {q(0, 5, 1)}, {q(10, 7, 1)})}, {{0, 12}}, 0},
      {2, "two spans that do not overlap (files cut at local midnight): both spills count whole",
       {span(0, 8999, {}, {q(9, 3, 1)}), span(9000, 20000, {q(10, 4, 1)}, {})}, {{0, 7}}, 0},
      {3, "the earlier runs into the later: its quarter hours that end by the later's first record count, the rest is the later's",
       {span(0, 5399, {}, {q(4, 1, 1), q(5, 2, 1)}), span(4500, 20000, {}, {})}, {{0, 1}}, 1},
      {4, "the later starts before the earlier ends: its quarter hours that start after the earlier's last record count",
       {span(0, 4000, {}, {}), span(3600, 20000, {q(4, 1, 1), q(5, 2, 3)}, {})}, {{0, 2}}, 1},
      {5, "a quarter hour the other file's first record falls inside is the other file's",
       {span(0, 6000, {}, {q(5, 9, 2)}), span(4600, 20000, {}, {})}, {}, 2},
      {6, "a span is judged against every other span, not only its neighbour: the third reaches into the first's quarter",
       {span(0, 1000, {}, {q(1, 1, 1)}), span(2700, 3600, {}, {}), span(950, 3000, {}, {})}, {}, 1},
      // Review finding: east of UTC, two files sharing their boundary minute lost the 14 other
      // minutes of the later file's first quarter, dropped whole. The edge quarter is minutes.
      {7, "two files share one boundary minute: only that minute of the later file's edge is dropped",
       {span(0, 54000, {}, {}), span(54000, 90000, {m(900, 1), m(901, 2), m(902, 4)}, {})}, {{0, 6}}, 1},
      {8, "the earlier file's edge minutes up to the later file's first record count",
       {span(0, 5460, {}, {q(4, 8, 3), m(90, 1), m(91, 2)}), span(5460, 9000, {}, {})}, {{0, 9}}, 1},
      // Attack finding: a file nested in another (the partial last file of an older export)
      // made the outer file's time past the nested one's last record count nowhere, though
      // the next file starts later still.
      {9, "a file nested in an earlier one: the earlier's quarters past the nested file's last record count",
       {span(0, 8999, {}, {q(4, 1, 1), q(8, 2, 1)}), span(3600, 5399, {}, {}), span(9000, 20000, {}, {})}, {{0, 2}}, 1},
      // Attack finding: the first file was judged only against the second, which starts
      // later than the third, so its quarters the third file holds counted twice.
      {10, "a quarter the third file holds is dropped though the second file lies past it",
       {span(0, 6299, {}, {q(4, 1, 1), q(6, 2, 1)}), span(9000, 9899, {}, {q(10, 4, 1)}), span(5400, 8999, {}, {})}, {{0, 5}}, 1},
      // Review finding: both files' pieces were dropped, so the minutes counted nowhere (at every
      // boundary of two exports cut on different days, west of UTC).
      {11, "two files that both reach past a third's day where it has no records: the one read first keeps its pieces, counted once",
       {span(0, 5399, {}, {q(4, 1, 1), q(5, 2, 1)}), span(1800, 5399, {}, {q(4, 1, 1), q(5, 2, 1)}), span(9000, 10000, {}, {})}, {{0, 3}}, 2},
      {12, "the same, with the third file's records there: it holds them, both spills are dropped",
       {span(0, 5399, {}, {q(4, 1, 1), q(5, 2, 1)}), span(1800, 5399, {}, {q(4, 1, 1), q(5, 2, 1)}), span(3600, 10000, {}, {})}, {}, 4},
      {13, "a file nested in another, both running past the third's first day before its first record: the outer (read first) counts it once",
       {span(0, 8999, {}, {q(4, 1, 1), q(8, 2, 1)}), span(3600, 8999, {}, {q(8, 2, 1)}), span(9000, 20000, {}, {})}, {{0, 2}}, 2},
      // Crafted parts: a long span over many short ones makes every short span a candidate; the
      // walk stops after 64 and drops the piece unweighed, so judging stays linear.
      {14, "a piece past 70 short spans under a long one (none reaching it): dropped unweighed after 64", [&] {
         std::vector<DailySpan> v{span(0, 100000, {}, {q(100, 5, 1)})};
         for (int64_t k = 1; k <= 70; ++k) v.push_back(span(k * 1000, k * 1000 + 10, {}, {}));  // none reaches the piece
         return v;
       }(), {}, 1},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    ts::convert::Gathered g;
    g.daily_spans = row.spans;
    for (DailySpan& s : g.daily_spans) s.metric = static_cast<int>(ts::daily::Metric::steps);
    int64_t dropped = 0;
    ts::daily::DayList got;
    REQUIRE_FALSE(ts::convert::day_totals(g, dropped, got));
    std::vector<std::pair<int64_t, double>> sums;
    for (const auto& [day, t] : got) sums.emplace_back(day, t.value[static_cast<int>(ts::daily::Metric::steps)]);
    CHECK(sums == row.want);
    CHECK(dropped == row.dropped);
  }
}
