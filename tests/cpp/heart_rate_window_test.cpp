// The windowed heart-rate read (core/fitbit/heart_rate_window.h) against a read of the whole
// file (heart_rate_reader.h): for every row, whether it bisects, and when it does, exactly the
// whole file's readings inside the windows, in file order. Numbered rows, each with why.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/fitbit/heart_rate_reader.h"
#include "core/fitbit/heart_rate_window.h"

namespace {

using Windows = std::vector<std::pair<int64_t, int64_t>>;

constexpr int64_t kDay = 1675209600;  // 2023-02-01T00:00:00Z

// `n` records from `first` every `step` seconds, as Fitbit writes them (pretty-printed) or
// compact; `edit(i, record)` may change a record's text.
template <typename Edit>
std::string day_file(int n, int64_t first, int step, bool pretty, Edit edit) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) {
    const int64_t t = first + static_cast<int64_t>(i) * step;
    const int64_t s = t % 86400;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "02/%02d/23 %02d:%02d:%02d", static_cast<int>(1 + (t - kDay) / 86400), static_cast<int>(s / 3600),
                  static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
    char rec[160];
    if (pretty)
      std::snprintf(rec, sizeof rec, "{\n  \"dateTime\" : \"%s\",\n  \"value\" : {\n    \"bpm\" : %d,\n    \"confidence\" : %d\n  }\n}", stamp,
                    60 + i % 50, i % 4);
    else
      std::snprintf(rec, sizeof rec, "{\"dateTime\":\"%s\",\"value\":{\"bpm\":%d,\"confidence\":%d}}", stamp, 60 + i % 50, i % 4);
    std::string r = rec;
    edit(i, r);
    if (i > 0) out += ",";
    out += r;
  }
  return out + "]\n";
}
std::string day_file(int n, int64_t first, int step, bool pretty) {
  return day_file(n, first, step, pretty, [](int, std::string&) {});
}
void replace(std::string& s, const std::string& from, const std::string& to) { s.replace(s.find(from), from.size(), to); }

struct Row {
  int n;
  const char* why;
  std::string file;
  Windows windows;
  bool bisects;
  bool as_whole;  // its readings are the whole-file read's inside the windows
};

std::vector<Row> rows() {
  const int64_t noon = kDay + 12 * 3600;
  return {
      {1, "a day at 5 s, pretty-printed as real exports are: one workout's hour", day_file(17280, kDay, 5, true), {{noon, noon + 3600}}, true, true},
      {2, "windows out of order, two overlapping, one before the first reading and one past the last",
       day_file(17280, kDay, 5, true), {{noon + 1800, noon + 5400}, {noon, noon + 2000}, {kDay - 500, kDay - 1}, {kDay + 86400, kDay + 90000}},
       true, true},
      {3, "compact records", day_file(17280, kDay, 5, false), {{noon, noon + 60}}, true, true},
      {4, "a window in a gap between readings: none", day_file(100, kDay, 5, true) , {{kDay + 1000, kDay + 2000}}, true, true},
      {5, "a window from the first reading (no bisection) and one at the very last",
       day_file(17280, kDay, 5, true), {{kDay, kDay + 10}, {kDay + 86395, kDay + 86395}}, true, true},
      {6, "readings of one second twice at the window's edge: both, in file order",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) { if (i == 8641) replace(r, "12:00:05", "12:00:00"); }),
       {{noon, noon + 4}}, true, true},
      {7, "a bpm of 0 and one of 255 in the window: no readings, as in the whole read",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) {
         if (i == 8642) replace(r, "\"bpm\" : 102", "\"bpm\" : 0");
         if (i == 8643) replace(r, "\"bpm\" : 103", "\"bpm\" : 255");
       }),
       {{noon, noon + 60}}, true, true},
      {8, "an unreadable time in the window: no reading, as in the whole read",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) { if (i == 8642) replace(r, "02/01/23 12:00:10", "13/45/23 12:00:10"); }),
       {{noon, noon + 60}}, true, true},
      {9, "keys the other way round: no record start to bisect from (the whole file is read)",
       "[{\"value\":{\"bpm\":70,\"confidence\":1},\"dateTime\":\"02/01/23 12:00:00\"}]", {{noon, noon + 60}}, false, false},
      {10, "a record out of the scan's shape in the window (no confidence): the whole file is read",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) { if (i == 8642) replace(r, ",\n    \"confidence\" : 2", ""); }),
       {{noon, noon + 60}}, false, false},
      {11, "the same record far from the window: not read, so not judged (the whole read takes it through simdjson, with "
           "the same readings)",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) { if (i == 100) replace(r, ",\n    \"confidence\" : 0", ""); }),
       {{noon, noon + 60}}, true, true},
      {12, "the day's two halves swapped (out of order): the bisection sees it and gives up",
       day_file(8640, noon, 5, true).substr(0, day_file(8640, noon, 5, true).size() - 2) + "," + day_file(8640, kDay, 5, true).substr(1),
       {{kDay + 3600, kDay + 7200}}, false, false},
      {13, "a file cut off after the window: its last record cannot be read, so the whole file is read (which says so)",
       day_file(17280, kDay, 5, true).substr(0, 900000), {{kDay + 3600, kDay + 3700}}, false, false},
      {14, "no readings at all", "[]", {{noon, noon + 60}}, true, true},
      {15, "text after the array", "[] x", {{noon, noon + 60}}, false, false},
      {16, "not an array", "{}", {{noon, noon + 60}}, false, false},
      {17, "a record holding a 1 MiB string of near-keys after the window: probes that land in it search only up to the "
           "bisection's upper bound (each read the string to its end before), and find the same records",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) {
         if (i != 17000) return;
         std::string near_keys;
         for (int j = 0; j < 131072; ++j) near_keys += "\\\"dateTim";
         replace(r, "\"confidence\" : ", "\"x\" : \"" + near_keys + "\",\n    \"confidence\" : ");
       }),
       {{kDay + 3600, kDay + 3700}}, true, true},
      {18, "one reading out of place just past the window's readings (20:00 among 12:05's, another stream's), then the "
           "window's own again: the read stopped at it and lost 12:05-12:10 unsaid; the record after it is out of order, "
           "so the whole file is read (fails before: bisects, and misses the window's later readings)",
       day_file(17280, kDay, 5, true, [](int i, std::string& r) { if (i == 8700) replace(r, "02/01/23 12:05:00", "02/01/23 20:00:00"); }),
       {{noon, noon + 600}}, false, false},
  };
}

std::vector<std::pair<int64_t, int32_t>> whole_in(const std::string& file, const Windows& windows) {
  std::vector<std::pair<int64_t, int32_t>> out;
  ts::fitbit::Problems problems;
  const ts::Error e = ts::fitbit::read_heart_rate("heart_rate-2023-02-01.json", file, false, [&](int64_t sec, int32_t bpm) {
    for (const auto& w : windows)
      if (sec >= w.first && sec <= w.second) {
        out.emplace_back(sec, bpm);
        return;
      }
  }, problems);
  if (e) out.emplace_back(-1, -1);  // an error: no readings, marked
  return out;
}

}  // namespace

TEST_CASE("heart-rate windows: bisection gives the whole file's readings inside the windows (numbered rows)", "[heart_rate]") {
  for (const Row& r : rows()) {
    INFO("row " << r.n << ": " << r.why);
    std::vector<ts::fitbit::WindowReading> got;
    got.push_back({-7, -7});  // kept as it was when the file is given up
    const bool bisected = ts::fitbit::read_heart_rate_windows(r.file, r.windows, got);
    CHECK(bisected == r.bisects);
    REQUIRE(got.front().sec == -7);
    if (!bisected) {
      CHECK(got.size() == 1);
      continue;
    }
    std::vector<std::pair<int64_t, int32_t>> readings;
    for (size_t i = 1; i < got.size(); ++i) readings.emplace_back(got[i].sec, got[i].bpm);
    const auto whole = whole_in(r.file, r.windows);
    CHECK((readings == whole) == r.as_whole);
    if (r.n == 1) CHECK(readings.size() == 721);  // an hour at 5 s, both ends in
  }
}

// The span a window read leaves (ReadSpan: a PIECE, convert/step_pieces.h) when a window lies
// wholly outside the file's records: a workout lists the day files either side of its own
// (convert/plan.cpp), and the first or last records read for such a window made a group's piece
// of that day span from there to another workout's hour. Numbered rows, each with why.
TEST_CASE("heart-rate windows: a window outside the file's records reads nothing of it (numbered rows)", "[heart_rate]") {
  const std::string day = day_file(17280, kDay, 5, true, [](int, std::string&) {});
  const int64_t noon = kDay + 12 * 3600;
  enum class Span { empty, at_start, inside, at_end };
  struct SpanRow {
    int n;
    const char* why;
    Windows windows;
    Span span;
    size_t readings;
  };
  const SpanRow rows[] = {
      {1, "a window ending before the day's first record (a workout the evening before, its next day's file listed): "
          "nothing read (fails before: the first record)", {{kDay - 7200, kDay - 1}}, Span::empty, 0},
      {2, "a window beginning after the day's last record (a workout the morning after): nothing read (fails before: "
          "the last records)", {{kDay + 86400, kDay + 86400 + 3600}}, Span::empty, 0},
      {3, "one window before the day and one at noon: only noon's records (fails before: from the first record on)",
       {{kDay - 7200, kDay - 1}, {noon, noon + 600}}, Span::inside, 121},
      {4, "a window from before the day into its first minute: from the first record", {{kDay - 60, kDay + 59}}, Span::at_start, 12},
      {5, "a window from the day's last minute on: to the last record", {{kDay + 86340, kDay + 90000}}, Span::at_end, 12},
  };
  const size_t first_record = day.find('{');
  for (const SpanRow& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    std::vector<ts::fitbit::WindowReading> got;
    ts::fitbit::ReadSpan span;
    REQUIRE(ts::fitbit::read_heart_rate_windows(day, r.windows, got, &span));
    CHECK(got.size() == r.readings);
    switch (r.span) {
      case Span::empty: CHECK(span.end == span.begin); break;
      case Span::at_start: CHECK(span.begin == first_record); break;
      case Span::inside: CHECK((span.begin > first_record && span.end < day.size() - 1)); break;
      case Span::at_end: CHECK(span.end == day.rfind('}') + 1); break;
    }
  }
}
