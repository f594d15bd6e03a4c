// Every input the gathered-parts fuzzer ever flagged (tests/fixtures/fuzz-gathered/, one file
// per finding, diagnosed in tests/fixtures/fuzz/README.md) and its seed corpus
// (tests/fuzz/gathered-corpus/: step parts and gathered parts of real conversions), replayed
// through the same path the fuzzer drives (wasm/fuzz/gathered_parts_target.h).
#include <catch2/catch.hpp>
#include <filesystem>

#include "fuzz/gathered_parts_target.h"
#include "golden.h"

namespace fs = std::filesystem;

TEST_CASE("fuzz: gathered-parts findings and corpus gather, read back and assemble, or are refused", "[fuzz][steps]") {
  size_t n = 0;
  for (const std::string dir : {ts::test::fixture_path("fuzz-gathered"), std::string(TS_FIXTURES_DIR) + "/../fuzz/gathered-corpus"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::string bytes;
      REQUIRE(ts::test::read_file(entry.path().string(), bytes));
      INFO(entry.path().filename().string());
      ts::fuzz::gathered_parts_once(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++n;
    }
  }
  CHECK(n >= 5);
}
