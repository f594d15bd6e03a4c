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
      {4, "a file over the bound is handed on, never kept", {{"big", 11}, {"big", 11}, {"a", 4}, {"a", 4}}, {"big", "big", "a"}},
      {5, "exactly the bound is kept", {{"x", 10}, {"x", 10}}, {"x"}},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::cli::RecentFiles recent(10);
    std::vector<std::string> reads;
    for (const auto& [name, size] : r.gets) {
      const std::string* got = recent.get(name, [&](std::string& out) {
        reads.push_back(name);
        out.assign(size, name[0]);
        return true;
      });
      REQUIRE(got != nullptr);
      CHECK(*got == std::string(size, name[0]));
      CHECK(recent.bytes() <= 10);
    }
    CHECK(reads == r.reads);
  }
  ts::cli::RecentFiles recent(10);
  CHECK(recent.get("a", [](std::string&) { return false; }) == nullptr);
  CHECK(recent.bytes() == 0);
}
