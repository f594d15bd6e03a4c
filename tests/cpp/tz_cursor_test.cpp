// The cursor form of Zone::to_utc (for ascending walks) answers exactly like the searching
// form, for ascending, descending and random sequences around many transitions.
#include <catch2/catch.hpp>
#include <random>

#include "core/tz/transitions.h"

TEST_CASE("tz: the cursor lookup equals the searching lookup", "[tz]") {
  // A zone changing every 91 days by ±1 h (plus a 30-minute step), 2000-2030.
  std::vector<ts::tz::Transition> t{{0, -18000}};
  int32_t off = -18000;
  for (int64_t u = 946684800, i = 0; u < 1893456000; u += 91 * 86400 + 3607, ++i) {
    off += (i % 3 == 2) ? 1800 : (i % 2 ? -3600 : 3600);
    t.push_back({u, off});
  }
  ts::tz::Zone zone;
  REQUIRE_FALSE(ts::tz::Zone::make(t, zone));
  std::mt19937_64 rng(7);
  std::vector<int64_t> locals;
  for (const auto& tr : t)
    for (int64_t d : {-7200, -3601, -3600, -1800, -1, 0, 1, 1799, 3599, 3600, 7200}) locals.push_back(tr.utc_sec + off + d);
  for (int i = 0; i < 20000; ++i) locals.push_back(946684800 - 86400 * 365 + static_cast<int64_t>(rng() % (40ull * 365 * 86400)));
  auto check = [&](const std::vector<int64_t>& seq) {
    size_t cursor = 0;
    for (int64_t l : seq) {
      const auto a = zone.to_utc(l);
      const auto b = zone.to_utc(l, cursor);
      REQUIRE(a.utc_sec == b.utc_sec);
      REQUIRE(a.kind == b.kind);
    }
  };
  check(locals);  // random order
  std::sort(locals.begin(), locals.end());
  check(locals);  // ascending, as exports come
  std::reverse(locals.begin(), locals.end());
  check(locals);  // descending: every lookup searches again
}

TEST_CASE("tz: the offset with its span equals the plain lookup, and holds over the span", "[tz]") {
  std::vector<ts::tz::Transition> t{{946684800, 3600}, {954464400, 7200}, {972608400, 3600}, {986000000, 3600 + 1800}};
  ts::tz::Zone zone;
  REQUIRE_FALSE(ts::tz::Zone::make(t, zone));
  std::mt19937_64 rng(9);
  std::vector<int64_t> at{INT64_MIN / 2, 0, 946684799, 946684800, 954464399, 954464400, 986000000, 986000001, INT64_MAX / 2};
  for (int i = 0; i < 5000; ++i) at.push_back(900000000 + static_cast<int64_t>(rng() % 120000000));
  for (int64_t u : at) {
    int64_t from = 0, until = 0;
    INFO(u);
    const int32_t off = zone.offset_at(u, from, until);
    REQUIRE(off == zone.offset_at(u));
    REQUIRE(from <= u);
    REQUIRE(u < until);
    if (from != INT64_MIN) REQUIRE(zone.offset_at(from) == off);
    if (until != INT64_MAX) REQUIRE(zone.offset_at(until - 1) == off);
  }
}
