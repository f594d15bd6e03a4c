// Workouts impossible for their sport, and workouts that say GPS but have no track: the
// numbered cases of tests/cases/workout-flags.json through the handlers the WASM exports use
// (tests/node/cases.test.js replays them against core.wasm).
#include <catch2/catch.hpp>

#include "boundary/api_convert.h"
#include "boundary/api_inspect.h"
#include "case_table.h"

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  if (op == "inspect_file") return ts::api::inspect_file;
  if (op == "validate") return ts::api::validate;
  if (op == "convert") return ts::api::convert;
  return nullptr;
}
}  // namespace

TEST_CASE("workouts: impossible ones flagged, missing maps said (shared case table)", "[workout][flags]") {
  ts::test::replay_table("workout-flags.json", handler_for, 12);
}
