// The export's own evidence for weigh-ins, zone and unit: the numbered cases of
// tests/cases/weight-merge.json, zone-evidence.json and unit-evidence.json through the handler
// the WASM export uses (tests/node/cases.test.js replays them against core.wasm), and the
// zone-in-effect construction on its own.
#include <catch2/catch.hpp>

#include "boundary/api_convert.h"
#include "case_table.h"
#include "core/tz/learned_zone.h"

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  if (op == "weight_preview") return ts::api::weight_preview;
  if (op == "validate") return ts::api::validate;
  return nullptr;
}

ts::tz::Zone zone(std::vector<ts::tz::Transition> t) {
  ts::tz::Zone z;
  REQUIRE_FALSE(ts::tz::Zone::make(std::move(t), z));
  return z;
}
}  // namespace

TEST_CASE("weigh-ins: both sources merged (shared case table)", "[weight][merge]") {
  ts::test::replay_table("weight-merge.json", handler_for, 21);
}

TEST_CASE("zone: the offsets in effect learned from the export (shared case table)", "[weight][zone]") {
  ts::test::replay_table("zone-evidence.json", handler_for, 10);
}

TEST_CASE("unit: every evidence, conflicts reported (shared case table)", "[weight][unit]") {
  ts::test::replay_table("unit-evidence.json", handler_for, 11);
}

TEST_CASE("learned zone: no evidence, or evidence that agrees, is the chosen zone itself", "[zone]") {
  const auto ny = zone({{0, -18000}, {1678604400, -14400}, {1699164000, -18000}});
  ts::tz::Zone out;
  REQUIRE_FALSE(ts::tz::learned_zone({}, ny, out));
  CHECK(out.transitions().size() == ny.transitions().size());
  REQUIRE_FALSE(ts::tz::learned_zone({{1673000000, -18000}, {1690000000, -14400}}, ny, out));
  CHECK(out.offset_at(1699164000 + 10) == -18000);  // the zone's own fall-back change survives
}

TEST_CASE("learned zone: disagreeing evidence holds for 30 days beyond, then the chosen zone", "[zone]") {
  const auto hcm = zone({{0, 25200}});
  const int64_t t = 1673000000;
  ts::tz::Zone out;
  REQUIRE_FALSE(ts::tz::learned_zone({{t, -18000}, {t + 86400, -18000}}, hcm, out));
  CHECK(out.offset_at(t - 29 * 86400) == -18000);
  CHECK(out.offset_at(t - 31 * 86400) == 25200);
  CHECK(out.offset_at(t + 86400 * 30) == -18000);
  CHECK(out.offset_at(t + 86400 * 32) == 25200);
  const auto periods = ts::tz::offset_periods({{t + 86400, -18000}, {t, -18000}}, &hcm);
  REQUIRE(periods.size() == 1);
  CHECK(periods[0].observations == 2);
  CHECK(periods[0].disagreeing == 2);
  CHECK(ts::tz::offset_text(-18000) == "-05:00");
  CHECK(ts::tz::offset_text(20700) == "+05:45");
}
