// Time zones and weight conversion: the numbered cases in tests/cases/tz.json,
// tests/cases/weight.json and tests/cases/text-encodings.json, through the same handlers the WASM exports use
// (tests/node/cases.test.js replays them against core.wasm).
#include <catch2/catch.hpp>

#include "boundary/api_convert.h"
#include "case_table.h"

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  if (op == "tz_resolve") return ts::api::tz_resolve;
  if (op == "weight_preview") return ts::api::weight_preview;
  if (op == "validate") return ts::api::validate;
  return nullptr;
}
}  // namespace

TEST_CASE("tz: shared case table (DST gaps and repeats)", "[tz]") { ts::test::replay_table("tz.json", handler_for, 20); }

TEST_CASE("weight: shared case table (units, time zones, duplicates, absent fields)", "[weight]") {
  ts::test::replay_table("weight.json", handler_for, 18);
}

TEST_CASE("text encodings: shared case table (UTF-16, other encodings, a Profile.csv saved again)", "[fitbit]") {
  ts::test::replay_table("text-encodings.json", handler_for, 9);
}
