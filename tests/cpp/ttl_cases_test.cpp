// TTL rules: the numbered cases in tests/cases/ttl.json, through the same JSON handlers the
// WASM exports use. Every output field is compared (whole-object equality).
#include <catch2/catch.hpp>

#include "boundary/api_ttl.h"
#include "case_table.h"
#include "core/ttl/ttl.h"

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  if (op == "ttl_expiry") return ts::api::ttl_expiry;
  if (op == "ttl_plan") return ts::api::ttl_plan;
  return nullptr;
}
}  // namespace

TEST_CASE("ttl: shared case table", "[ttl]") { ts::test::replay_table("ttl.json", handler_for, 22); }

// Properties the table cannot show by example.
TEST_CASE("ttl: a plan never exceeds its budget and deletes oldest-class first", "[ttl]") {
  for (int budget = 0; budget <= 50; ++budget) {
    for (int64_t up : {0, 1, 99, 100, 101, 5000}) {
      for (int64_t conv : {0, 1, 250, 10000}) {
        ts::ttl::MaintenanceInput in;
        in.now_ms = 1'700'000'000'000;
        in.expired_uploads = up;
        in.expired_conversions = conv;
        in.query_budget = budget;
        in.batch_rows = 100;
        ts::ttl::MaintenancePlan plan;
        REQUIRE_FALSE(ts::ttl::plan_maintenance(in, plan));
        CHECK(plan.queries <= budget);
        CHECK(plan.queries == static_cast<int32_t>(plan.batches.size()) * 2);
        CHECK(plan.rows_planned <= up + conv);
        int64_t planned_up = 0;
        bool seen_conversion = false;
        for (const auto& b : plan.batches) {
          CHECK(b.limit > 0);
          CHECK(b.limit <= 100);
          if (b.record_class == ts::ttl::RecordClass::conversion) seen_conversion = true;
          else { CHECK_FALSE(seen_conversion); planned_up += b.limit; }
        }
        // Conversions only get budget once every expired upload is planned.
        if (seen_conversion) CHECK(planned_up == up);
        CHECK(plan.complete == (plan.rows_planned == up + conv));
      }
    }
  }
}
