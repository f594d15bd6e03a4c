// Slices of a heart-rate day (core/fitbit/heart_rate_slices.h): for every row and every k, the
// k slices read together give exactly the whole file's readings, each once and in file order,
// or every slice says the file is not sliceable. Numbered rows, each with why.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "core/fitbit/heart_rate_reader.h"
#include "core/fitbit/heart_rate_slices.h"

namespace {

// `n` records every 2 s from midnight, pretty-printed as Fitbit writes them or compact.
std::string day(int n, bool pretty) {
  std::string out = pretty ? "[ " : "[";
  for (int i = 0; i < n; ++i) {
    char rec[160];
    const int s = 2 * i;
    std::snprintf(rec, sizeof rec,
                  pretty ? "%s{\n  \"dateTime\" : \"02/01/23 %02d:%02d:%02d\",\n  \"value\" : {\n    \"bpm\" : %d,\n    \"confidence\" : 2\n  }\n}"
                         : "%s{\"dateTime\":\"02/01/23 %02d:%02d:%02d\",\"value\":{\"bpm\":%d,\"confidence\":2}}",
                  i ? (pretty ? ",\n" : ",") : "", s / 3600, s / 60 % 60, s % 60, 50 + i % 100);
    out += rec;
  }
  return out + (pretty ? " ]\n" : "]");
}

using Readings = std::vector<std::pair<int64_t, int32_t>>;

Readings read_all(std::string_view text) {
  Readings out;
  ts::fitbit::Problems problems;
  const auto e = ts::fitbit::read_heart_rate("day.json", text, false, [&](int64_t sec, int32_t bpm) { out.emplace_back(sec, bpm); }, problems);
  REQUIRE_FALSE(e);
  return out;
}

}  // namespace

TEST_CASE("heart-rate slices: k slices read together are the whole day, each reading once", "[heart_rate][slices]") {
  struct Row {
    int n;
    const char* why;
    std::string text;
    bool sliceable;
  };
  std::string odd_first = day(40, false);
  // A record whose first key is not "dateTime", where boundary 1 of 2 lands: no record start
  // there, so the file is not sliceable (slice 0 reads it whole).
  const size_t mid = odd_first.find("{\"dateTime\"", odd_first.size() / 2);
  odd_first.replace(mid, 1, "{\"x\":1,");
  // A record holding a long string of near-keys ("dateTim, escaped) where every boundary
  // falls: the boundaries find the record after it, each searching from where the last one
  // found it (searched afresh, each read the string again: 38 ms natively for 64 slices of
  // 2 MiB).
  std::string long_string = day(40, false);
  const size_t at20 = long_string.find("\"confidence\":2}", long_string.find("00:00:40"));
  std::string near_keys;
  for (int i = 0; i < 32768; ++i) near_keys += "\\\"dateTim";
  long_string.insert(at20 + 15, ",\"x\":\"" + near_keys + "\"");
  const std::vector<Row> rows = {
      {1, "Fitbit's pretty-printed day", day(500, true), true},
      {2, "compact JSON, the same records", day(500, false), true},
      {3, "one record: every slice but one is empty", day(1, true), true},
      {4, "no records at all", "[ ]", true},
      {5, "blanks around the array", "\n  " + day(50, false) + " \n", true},
      {6, "not an array: an object", "{\"dateTime\":\"02/01/23 00:00:00\",\"value\":{\"bpm\":60}}", false},
      {7, "a record whose first key is not dateTime where a boundary falls (an even k)", odd_first, false},
      {8, "a 256 KiB string inside one record, where every boundary but the first falls", long_string, true},
  };
  for (const Row& r : rows) {
    for (uint32_t k : {1u, 2u, 3u, 5u, 8u}) {
      INFO("slices row " << r.n << " (" << r.why << "), k = " << k);
      Readings together;
      bool all = true, none = true;
      for (uint32_t i = 0; i < k; ++i) {
        ts::fitbit::SliceSpan span;
        const bool ok = ts::fitbit::heart_rate_slice(r.text, i, k, span);
        all = all && ok;
        none = none && !ok;
        if (!ok) continue;
        CHECK(span.begin <= span.end);
        if (span.end > span.begin) {
          CHECK(r.text[span.begin] == '{');
          CHECK(r.text[span.end - 1] == '}');
        }
        const Readings part = read_all("[" + r.text.substr(span.begin, span.end - span.begin) + "]");
        together.insert(together.end(), part.begin(), part.end());
      }
      CHECK((all || none));  // every slice agrees on sliceable
      if (k == 1 && r.n != 6) CHECK(all);  // one slice is the whole array, whatever its records' keys
      // Row 7's odd record is at the file's middle: a boundary of every even k finds no record
      // start there; an odd k's boundaries miss it, and its slice reads it as any record.
      if (k > 1) CHECK(all == (r.n == 7 ? k % 2 == 1 : r.sliceable));
      if (all && r.n != 6) CHECK(together == read_all(r.text));
    }
  }
  // An index past the slices, or no slices: refused.
  ts::fitbit::SliceSpan span;
  CHECK_FALSE(ts::fitbit::heart_rate_slice(day(5, false), 3, 3, span));
  CHECK_FALSE(ts::fitbit::heart_rate_slice(day(5, false), 0, 0, span));
}
