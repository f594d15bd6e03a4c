// What the readers make of one export file: the numbered cases in tests/cases/inspect.json
// (exercise JSON, TCX edge cases, per-minute series, reference kinds), through the same JSON
// handler the WASM export ts_inspect_file uses. Every response field is compared.
#include <catch2/catch.hpp>

#include "boundary/api_inspect.h"
#include "case_table.h"

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  return op == "inspect_file" ? ts::api::inspect_file : nullptr;
}
}  // namespace

TEST_CASE("inspect: shared case table", "[inspect]") { ts::test::replay_table("inspect.json", handler_for, 39); }
