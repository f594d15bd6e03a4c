// ExportDateTimeReader (fitbit/export_time.h) remembers the last date part it read in full; it
// must answer every stamp exactly as parse_export_datetime does, whatever came before it.
// Each numbered row is one run of stamps through one reader, with why it is there.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/fitbit/export_time.h"

using ts::fitbit::ExportDateTimeReader;
using ts::fitbit::parse_export_datetime;

namespace {

void same_as_full_parse(const std::vector<std::string>& stamps) {
  ExportDateTimeReader reader;
  for (const std::string& s : stamps) {
    int64_t want = -1, got = -1;
    const bool ok = parse_export_datetime(s, want);
    INFO(s);
    REQUIRE(reader.read(s, got) == ok);
    if (ok) REQUIRE(got == want);
  }
}

}  // namespace

TEST_CASE("export time reader: a run of stamps reads as each stamp alone", "[time]") {
  struct Row {
    int n;
    const char* why;
    std::vector<std::string> stamps;
  };
  const std::vector<Row> rows = {
      {1, "one day's minutes: the date part is remembered", {"01/06/23 00:00:00", "01/06/23 00:01:00", "01/06/23 23:59:00"}},
      {2, "a new day reads its date in full", {"01/06/23 23:59:00", "01/07/23 00:00:00", "01/07/23 00:01:00"}},
      {3, "a leap second on a remembered date is the next minute's :00, at the day's end too",
       {"12/31/16 23:59:59", "12/31/16 23:59:60", "12/31/16 12:00:60"}},
      {4, "times out of range after a good stamp are refused",
       {"01/06/23 01:00:00", "01/06/23 24:00:00", "01/06/23 01:60:00", "01/06/23 01:00:61", "01/06/23 01:00:00"}},
      {5, "other shapes with the remembered date part go the full way (and are refused)",
       {"01/06/23 01:00:00", "01/06/23 1:00:00", "01/06/23 01:00:00 ", "01/06/23T01:00:00", "01/06/23 01-00-00", "01/06/23 0a:00:00"}},
      {6, "a bad date is never remembered", {"02/29/23 01:00:00", "02/29/23 01:01:00", "02/28/23 01:00:00", "02/29/23 01:00:00"}},
      {7, "a leap day", {"02/29/24 00:00:00", "02/29/24 23:59:59", "03/01/24 00:00:00"}},
      {8, "going back to an earlier date", {"01/07/23 00:00:00", "01/06/23 23:59:00", "01/07/23 00:01:00"}},
      {9, "nothing, and a lone space", {"", " ", "01/06/23 00:00:00", "", "01/06/23"}},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    same_as_full_parse(row.stamps);
  }
}

TEST_CASE("export time reader: random runs of damaged stamps read as each stamp alone", "[time]") {
  std::mt19937 rng(11);
  const std::string alphabet = "0123456789/: 6";
  for (int run = 0; run < 200; ++run) {
    std::vector<std::string> stamps;
    std::string s = "01/06/23 00:00:00";
    for (int i = 0; i < 200; ++i) {
      std::string t = s;
      const int edits = static_cast<int>(rng() % 3);  // most stamps untouched or one byte off
      for (int e = 0; e < edits; ++e) t[rng() % t.size()] = alphabet[rng() % alphabet.size()];
      if (rng() % 50 == 0) t.pop_back();
      stamps.push_back(t);
      if (rng() % 4 == 0) s = t.size() == 17 ? t : s;  // the next stamps follow this one's date
    }
    same_as_full_parse(stamps);
  }
}
