// Every input the conversion-outputs fuzzer ever flagged (tests/fixtures/fuzz-outputs/, one
// file per finding, diagnosed in tests/fixtures/fuzz/README.md) and its seed corpus
// (tests/fuzz/outputs-corpus/), replayed through the same path the fuzzer drives
// (wasm/fuzz/conversion_outputs_target.h): a whole conversion, its budget and its paths.
#include <catch2/catch.hpp>
#include <filesystem>

#include "fuzz/conversion_outputs_target.h"
#include "golden.h"

namespace fs = std::filesystem;

TEST_CASE("fuzz: conversion-outputs findings and corpus replay within the budget, with safe paths", "[fuzz][budget]") {
  size_t n = 0;
  for (const std::string dir : {ts::test::fixture_path("fuzz-outputs"), std::string(TS_FIXTURES_DIR) + "/../fuzz/outputs-corpus"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::string bytes;
      REQUIRE(ts::test::read_file(entry.path().string(), bytes));
      INFO(entry.path().filename().string());
      ts::fuzz::conversion_outputs_once(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++n;
    }
  }
  CHECK(n >= 5);
}
