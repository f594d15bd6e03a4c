// Every input the weight-reader fuzzer ever flagged, kept in tests/fixtures/fuzz/ (one file
// per finding, named for what it broke; see the README there), replayed through the same
// code path the fuzzer drives. Plus the seed corpus, so the path itself is exercised.
#include <catch2/catch.hpp>
#include <filesystem>

#include "fuzz/weight_reader_target.h"
#include "golden.h"

namespace fs = std::filesystem;

namespace {
void replay_dir(const std::string& dir, size_t min_files) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    std::string bytes;
    REQUIRE(ts::test::read_file(entry.path().string(), bytes));
    INFO(entry.path().filename().string());
    ts::fuzz::weight_reader_once(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++n;
  }
  CHECK(n >= min_files);
}
}  // namespace

TEST_CASE("fuzz: saved findings replay without a crash", "[fuzz]") { replay_dir(ts::test::fixture_path("fuzz"), 1); }

TEST_CASE("fuzz: the seed corpus runs through the fuzzed path", "[fuzz]") {
  replay_dir(std::string(TS_FIXTURES_DIR) + "/../fuzz/weight-corpus", 3);
}
