// Every input the exercise, TCX and per-minute fuzzers ever flagged (tests/fixtures/fuzz-exercise/,
// fuzz-tcx/, one file per finding, diagnosed in tests/fixtures/fuzz/README.md), replayed
// through the same path the fuzzers drive; plus their seed corpora.
#include <catch2/catch.hpp>
#include <filesystem>

#include "fuzz/minute_reader_target.h"
#include "fuzz/workout_readers_target.h"
#include "golden.h"

namespace fs = std::filesystem;

namespace {
void replay(const std::string& dir, void (*once)(const uint8_t*, size_t), size_t min_files) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string bytes;
    REQUIRE(ts::test::read_file(entry.path().string(), bytes));
    INFO(entry.path().filename().string());
    once(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++n;
  }
  CHECK(n >= min_files);
}
const std::string kFuzzDir = std::string(TS_FIXTURES_DIR) + "/../fuzz/";
}  // namespace

TEST_CASE("fuzz: exercise findings and corpus replay without a crash", "[fuzz][workout]") {
  replay(ts::test::fixture_path("fuzz-exercise"), ts::fuzz::exercise_reader_once, 1);
  replay(kFuzzDir + "exercise-corpus", ts::fuzz::exercise_reader_once, 5);
}

TEST_CASE("fuzz: TCX findings and corpus replay without a crash", "[fuzz][workout]") {
  replay(ts::test::fixture_path("fuzz-tcx"), ts::fuzz::tcx_reader_once, 1);
  replay(kFuzzDir + "tcx-corpus", ts::fuzz::tcx_reader_once, 5);
}

TEST_CASE("fuzz: Google's list of workouts corpus replays without a crash", "[fuzz][workout]") {
  replay(ts::test::fixture_path("fuzz-google"), ts::fuzz::google_exercises_once, 1);
  replay(kFuzzDir + "google-corpus", ts::fuzz::google_exercises_once, 3);
}

// The per-minute and heart-rate readers' target (tests/fixtures/fuzz-minute/: a record followed
// by NUL bytes, which the scan and simdjson read differently when a file cut short kept what the
// scan had handed).
TEST_CASE("fuzz: per-minute findings and corpus replay without a crash", "[fuzz][daily]") {
  replay(ts::test::fixture_path("fuzz-minute"), ts::fuzz::minute_reader_once, 1);
  replay(kFuzzDir + "minute-corpus", ts::fuzz::minute_reader_once, 3);
}
