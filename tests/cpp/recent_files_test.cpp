// The CLI's kept files (wasm/cli/recent_files.h): which reads a run of steps makes, and that
// what is kept stays within its bound.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/recent_files.h"

TEST_CASE("RecentFiles: reads once what the last steps read, within its bound, by numbered rows", "[cli]") {
  struct Row {
    int n;
    const char* why;
    std::vector<std::pair<std::string, size_t>> gets;  // name, size
    std::vector<std::string> reads;                    // the names read, in order
  };
  // A bound of 10 bytes.
  const std::vector<Row> rows = {
      {1, "a file asked for again is read once", {{"a", 4}, {"a", 4}}, {"a"}},
      {2, "two files within the bound: each read once", {{"a", 4}, {"b", 4}, {"a", 4}, {"b", 4}}, {"a", "b"}},
      {3, "a third past the bound drops the least recently used", {{"a", 4}, {"b", 4}, {"a", 4}, {"c", 4}, {"a", 4}, {"b", 4}}, {"a", "b", "c", "b"}},
      {4, "a file over the bound is kept apart from it (a month's file, read by each workout of the month)", {{"big", 11}, {"big", 11}, {"a", 4}, {"a", 4}}, {"big", "a"}},
      {5, "exactly the bound is kept", {{"x", 10}, {"x", 10}}, {"x"}},
      {6, "two files over the bound are kept (a step's month of heart rate and its month of track)", {{"hr", 20}, {"gps", 12}, {"hr", 20}, {"gps", 12}}, {"hr", "gps"}},
      {7, "a third over the bound drops the least recently used of them", {{"hr", 20}, {"gps", 12}, {"hr", 20}, {"pace", 15}, {"hr", 20}, {"gps", 12}}, {"hr", "gps", "pace", "gps"}},
      {8, "files over the bound never drop those within it", {{"a", 4}, {"big", 11}, {"b", 4}, {"a", 4}, {"b", 4}}, {"a", "big", "b"}},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::cli::RecentFiles recent(10);
    std::vector<std::string> reads;
    for (const auto& [name, size] : r.gets) {
      const ts::cli::RecentFiles::Held got = recent.get(name, [&](std::string& out) {
        reads.push_back(name);
        out.assign(size, name[0]);
        return true;
      });
      REQUIRE(got != nullptr);
      CHECK(got->data() == std::string(size, name[0]));
      // Readable zeros after the data: a step's readers read it in place.
      CHECK(got->padded.size() == size + ts::convert::kReadablePadding);
      CHECK(got->padded.find_first_not_of('\0', size) == std::string::npos);
      CHECK(recent.bytes() <= 10);
    }
    CHECK(reads == r.reads);
  }
  ts::cli::RecentFiles recent(10);
  CHECK(recent.get("a", [](std::string&) { return false; }) == nullptr);
  CHECK(recent.bytes() == 0);
}

TEST_CASE("RecentFiles: a file handed out stays whole while held, whatever later reads drop", "[cli]") {
  ts::cli::RecentFiles recent(10);
  auto read = [](char c, size_t n) {
    return [c, n](std::string& out) {
      out.assign(n, c);
      return true;
    };
  };
  const ts::cli::RecentFiles::Held a = recent.get("a", read('a', 8));
  const ts::cli::RecentFiles::Held big1 = recent.get("big1", read('x', 11));
  recent.get("b", read('b', 8));     // drops "a" from the kept files
  recent.get("big2", read('y', 11));
  recent.get("big3", read('z', 11));  // drops "big1"
  CHECK(a->data() == std::string(8, 'a'));
  CHECK(big1->data() == std::string(11, 'x'));
}
