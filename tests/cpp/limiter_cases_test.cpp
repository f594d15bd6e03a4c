// Limiter math: the numbered cases in tests/cases/limiter.json through the same JSON handlers
// the WASM exports use (whole-object equality on every step), then what a table cannot show
// by example: the window guarantee over random request streams, the state's wire form, and
// the in-place frame the hot path uses.
#include <catch2/catch.hpp>

#include <cstring>
#include <deque>
#include <random>

#include "boundary/api_limiter.h"
#include "case_table.h"
#include "core/limiter/limiter.h"

using nlohmann::json;
namespace lim = ts::limiter;

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  if (op == "limiter_replay") return ts::api::limiter_replay;
  if (op == "limiter_policy") return ts::api::limiter_policy;
  return nullptr;
}

lim::CompiledPolicy compile(const std::string& json_text) {
  lim::CompiledPolicy p;
  const ts::Error e = lim::compile_policy(json_text, p);
  INFO(e.message);
  REQUIRE_FALSE(e);
  return p;
}
}  // namespace

TEST_CASE("limiter: shared case table", "[limiter]") {
  const json table = ts::test::load_cases("limiter.json");
  REQUIRE(table["cases"].size() >= 30);
  for (const json& c : table["cases"]) {
    const std::string label = "case " + std::to_string(c["n"].get<int>()) + ": " + c["why"].get<std::string>();
    SECTION(label) {
      INFO(label);
      auto h = handler_for(c["op"].get<std::string>());
      REQUIRE(h != nullptr);
      const std::string request = c.contains("rawIn") ? c["rawIn"].get<std::string>() : c["in"].dump();
      const auto reply = ts::test::call(h, request);
      if (c.contains("error")) {
        CHECK(std::string(ts::status_name(reply.status)) == c["error"]["status"].get<std::string>());
        CHECK(reply.body.find(c["error"]["contains"].get<std::string>()) != std::string::npos);
      } else {
        INFO(reply.body);
        REQUIRE(reply.status == ts::Status::ok);
        CHECK(json::parse(reply.body) == c["out"]);
      }
    }
  }
}

// The tier guarantee, checked against random streams: for every tier, the requests admitted
// in ANY window of the tier's period never exceed its limit — whatever the burst, the
// suspicion level, the blocks, the costs, or a clock that jumps backwards.
TEST_CASE("limiter: admitted requests in any window never exceed a tier's limit", "[limiter][property]") {
  std::mt19937_64 rng(20261127);
  for (int round = 0; round < 300; ++round) {
    std::uniform_int_distribution<int64_t> lim_d(1, 12), per_d(1, 30), tiers_d(1, 3);
    json tiers = json::array();
    const int64_t n_tiers = tiers_d(rng);
    for (int64_t i = 0; i < n_tiers; ++i) {
      const int64_t limit = lim_d(rng);
      const int64_t burst = std::uniform_int_distribution<int64_t>(1, limit)(rng);
      tiers.push_back({{"name", "t" + std::to_string(i)}, {"limit", limit}, {"periodMs", per_d(rng) * 1000}, {"burst", burst}});
    }
    const bool hostile = round % 2 == 0;  // suspicion + blocks on half the rounds
    json policy = {{"classes", {{"upload", tiers}}}};
    if (hostile) {
      policy["suspicion"] = {{"refusalsPerLevel", 2}, {"maxLevel", 3}, {"strikeDecayMs", 2000}};
      policy["block"] = {{"afterRefusals", 9}, {"baseMs", 3000}, {"maxMs", 20000}, {"offenseDecayMs", 30000}};
    }
    // The ceiling is switched off so the client's own tiers are what is checked here; the
    // ceiling's own guarantee is the next test's.
    policy["ceiling"] = {{"upload", json::array()}};
    const lim::CompiledPolicy p = compile(policy.dump());
    lim::State s, net;
    int64_t now = 1'700'000'000'000;
    std::vector<std::pair<int64_t, int64_t>> admitted;  // (time, cost)
    std::uniform_int_distribution<int> gap_kind(0, 9);
    for (int i = 0; i < 600; ++i) {
      const int k = gap_kind(rng);
      if (k < 5) now += 0;                                                        // same instant
      else if (k < 8) now += std::uniform_int_distribution<int64_t>(1, 1500)(rng);  // short gap
      else if (k < 9) now += std::uniform_int_distribution<int64_t>(1, 40000)(rng); // long gap
      else now -= std::uniform_int_distribution<int64_t>(1, 5000)(rng);           // clock goes back
      const int64_t cost = std::uniform_int_distribution<int64_t>(1, 3)(rng);
      lim::Decision d;
      REQUIRE_FALSE(lim::decide(p, net, &s, now, lim::EndpointClass::upload, cost, d));
      if (d.verdict == lim::Verdict::allowed) admitted.emplace_back(s.last_now_ms, cost);
    }
    for (uint32_t i = 0; i < p.tier_count[0]; ++i) {
      const lim::Tier& t = p.tiers[0][i];
      // Sliding window [start, start + period) anchored at each admission.
      for (size_t a = 0; a < admitted.size(); ++a) {
        int64_t units = 0;
        for (size_t b = a; b < admitted.size() && admitted[b].first < admitted[a].first + t.period_ms; ++b)
          units += admitted[b].second;
        INFO("round " << round << " tier " << i << " limit " << t.limit << " burst " << t.burst << " period " << t.period_ms);
        REQUIRE(units <= t.limit);
      }
    }
  }
}

TEST_CASE("limiter: the defaults hold the published limits in every window", "[limiter][property]") {
  // Two clients per class for a day: a hammering one (an attempt every 100 ms) and an obedient
  // greedy one (retries exactly when Retry-After says). The busiest window of each length must
  // stay within the published limits for both; the obedient one must get close to them (the
  // limits are not so tight that a patient client starves) and is never refused twice in a row.
  const lim::CompiledPolicy p = compile("");
  struct Floor { lim::EndpointClass cls; int64_t window_ms; int64_t max; int64_t obedient_min; };
  const Floor floors[] = {{lim::EndpointClass::upload, 300000, 20, 19}, {lim::EndpointClass::validate, 300000, 30, 29},
                          {lim::EndpointClass::convert, 3600000, 10, 9}, {lim::EndpointClass::convert, 86400000, 30, 30},
                          {lim::EndpointClass::download, 300000, 50, 49}};
  for (const Floor& f : floors) {
    for (bool obedient : {false, true}) {
      lim::State s, net;
      std::deque<int64_t> window;
      int64_t busiest = 0, refused_in_a_row = 0, worst_streak = 0;
      for (int64_t now = 0; now < 86400000;) {
        lim::Decision d;
        REQUIRE_FALSE(lim::decide(p, net, &s, now, f.cls, 1, d));
        if (d.verdict == lim::Verdict::allowed) {
          refused_in_a_row = 0;
          window.push_back(now);
          while (window.front() <= now - f.window_ms) window.pop_front();
          busiest = std::max<int64_t>(busiest, static_cast<int64_t>(window.size()));
        } else {
          worst_streak = std::max(worst_streak, ++refused_in_a_row);
        }
        now += obedient ? std::max<int64_t>(d.retry_after_ms, d.verdict == lim::Verdict::allowed ? 0 : 1) : 100;
      }
      INFO(lim::class_name(f.cls) << " per " << f.window_ms << " ms, " << (obedient ? "obedient" : "hammering"));
      CHECK(busiest <= f.max);
      if (obedient) {
        CHECK(busiest >= f.obedient_min);
        CHECK(worst_streak <= 1);
      }
    }
  }
}

// The ceiling's guarantee holds for a whole network, whoever sends its requests: any mix of
// clients, fresh cookies and requests without one never gets more than a ceiling tier's limit
// in any window of its period — rotating identities buys nothing beyond it.
TEST_CASE("limiter: a network's requests together never exceed a ceiling tier's limit in any window", "[limiter][property]") {
  std::mt19937_64 rng(20261201);
  for (int round = 0; round < 200; ++round) {
    std::uniform_int_distribution<int64_t> lim_d(1, 20), per_d(1, 30);
    json ceiling = json::array();
    for (int64_t i = 0, n = std::uniform_int_distribution<int64_t>(1, 3)(rng); i < n; ++i) {
      const int64_t limit = lim_d(rng);
      ceiling.push_back({{"name", "c" + std::to_string(i)}, {"limit", limit}, {"periodMs", per_d(rng) * 1000},
                         {"burst", std::uniform_int_distribution<int64_t>(1, limit)(rng)}});
    }
    json policy = {{"classes", {{"upload", {{{"name", "own"}, {"limit", 6}, {"periodMs", 10000}, {"burst", 3}}}}}},
                   {"ceiling", {{"upload", ceiling}}},
                   {"suspicion", {{"refusalsPerLevel", 2}, {"maxLevel", 3}, {"strikeDecayMs", 2000}}},
                   {"block", {{"afterRefusals", 6}, {"baseMs", 3000}, {"maxMs", 20000}, {"offenseDecayMs", 30000}}}};
    const lim::CompiledPolicy p = compile(policy.dump());
    lim::State net;
    std::vector<lim::State> clients(8);
    int64_t now = 1'700'000'000'000;
    std::vector<std::pair<int64_t, int64_t>> admitted;
    for (int i = 0; i < 800; ++i) {
      const int k = std::uniform_int_distribution<int>(0, 9)(rng);
      if (k >= 5) now += std::uniform_int_distribution<int64_t>(1, k == 9 ? 30000 : 1500)(rng);
      // Who sends it: one of 8 cookies, a cookie never used before (a returning client, or an
      // id minted for a request without a cookie: a newcomer), or no cookie at all.
      const int who = std::uniform_int_distribution<int>(0, 9)(rng);
      lim::State fresh;
      lim::State* client = who < 8 ? &clients[who] : who == 8 ? &fresh : nullptr;
      const int64_t cost = std::uniform_int_distribution<int64_t>(1, 2)(rng);
      lim::Decision d;
      REQUIRE_FALSE(lim::decide(p, net, client, now, lim::EndpointClass::upload, cost, d, who == 8 && (i & 1)));
      if (d.verdict == lim::Verdict::allowed) admitted.emplace_back(net.last_now_ms, cost);
    }
    for (uint32_t i = 0; i < p.ceiling_count[0]; ++i) {
      const lim::Tier& t = p.ceiling[0][i];
      for (size_t a = 0; a < admitted.size(); ++a) {
        int64_t units = 0;
        for (size_t b = a; b < admitted.size() && admitted[b].first < admitted[a].first + t.period_ms; ++b)
          units += admitted[b].second;
        INFO("round " << round << " ceiling tier " << i << " limit " << t.limit << " burst " << t.burst);
        REQUIRE(units <= t.limit);
      }
    }
  }
}

// Blocks land on who earned them: a client that always waits out its Retry-After is never
// struck, never slowed and never blocked, however its neighbours behave — hammering with one
// cookie, dropping its cookie each time (a newcomer's minted id each time), or with none — though they may use up the ceiling
// and get it refused for a while.
TEST_CASE("limiter: a neighbour can exhaust the ceiling but never get an obedient client blocked", "[limiter][property]") {
  const lim::CompiledPolicy p = compile("");
  for (int mode = 0; mode < 3; ++mode) {
    lim::State net, obedient, hammer;
    int64_t now = 0, next_obedient = 0;
    int64_t refused = 0, hammer_blocked = 0;
    for (int i = 0; i < 20000; ++i, now += 100) {
      lim::Decision d;
      lim::State fresh;
      // Mode 1: a script that drops its cookie, so each request comes with an id minted for it.
      lim::State* neighbour = mode == 0 ? &hammer : mode == 1 ? &fresh : nullptr;
      REQUIRE_FALSE(lim::decide(p, net, neighbour, now, lim::EndpointClass::usage, 1, d, mode == 1));
      hammer_blocked += d.verdict == lim::Verdict::blocked;
      if (now < next_obedient) continue;
      REQUIRE_FALSE(lim::decide(p, net, &obedient, now, lim::EndpointClass::usage, 1, d));
      INFO("mode " << mode << " at " << now);
      REQUIRE(d.verdict != lim::Verdict::blocked);
      REQUIRE(d.level == 0);
      if (d.verdict == lim::Verdict::limited) {
        ++refused;
        CHECK(d.refused_by == lim::RefusedBy::ceiling);
      }
      // Slower than its own sustained rate (one per 2858 ms), so only the ceiling can refuse it.
      next_obedient = now + std::max<int64_t>(d.retry_after_ms, 3000);
    }
    INFO("mode " << mode);
    if (mode != 0) CHECK(refused > 0);  // many identities did use up the ceiling (one alone cannot)
    // And were blocked, dropping the cookie each time too: a newcomer's refusals strike the
    // network, whose block then holds every newcomer (limiter.h).
    CHECK(hammer_blocked > 0);
  }
}

TEST_CASE("limiter: state round trip through its 248-byte wire form", "[limiter]") {
  const lim::CompiledPolicy p = compile("");
  lim::State a, net;
  lim::Decision d;
  // 100 ms apart: past the grace (1 s after the first refusal, at +200) from +1200 on, so the
  // refusals strike; the 20th strike (+3100) blocks.
  for (int i = 0; i < 40; ++i) REQUIRE_FALSE(lim::decide(p, net, &a, 1'700'000'000'000 + i * 100, lim::EndpointClass::convert, 1, d));
  REQUIRE(d.verdict == lim::Verdict::blocked);
  std::string wire(lim::kStateBytes, '\0');
  std::memcpy(wire.data(), &a, sizeof a);
  lim::State b;
  std::memcpy(static_cast<void*>(&b), wire.data(), sizeof b);
  CHECK(std::memcmp(&a, &b, sizeof a) == 0);
  // Both copies decide the same next request identically.
  lim::State net_a = net, net_b = net;
  lim::Decision da, db;
  REQUIRE_FALSE(lim::decide(p, net_a, &a, 1'700'000'500'000, lim::EndpointClass::convert, 1, da));
  REQUIRE_FALSE(lim::decide(p, net_b, &b, 1'700'000'500'000, lim::EndpointClass::convert, 1, db));
  CHECK(std::memcmp(&da, &db, sizeof da) == 0);
  CHECK(std::memcmp(&a, &b, sizeof a) == 0);
  // A state that is not a limiter state is refused and both are left as they were.
  lim::State junk;
  junk.magic = 0xdeadbeef;
  const lim::State net_before = net;
  CHECK(lim::decide(p, net, &junk, 0, lim::EndpointClass::upload, 1, d).status == ts::Status::integrity);
  CHECK(lim::decide(p, junk, nullptr, 0, lim::EndpointClass::upload, 1, d).status == ts::Status::integrity);
  CHECK(junk.magic == 0xdeadbeef);
  CHECK(std::memcmp(&net, &net_before, sizeof net) == 0);
}

TEST_CASE("limiter: the in-place frame decides like the JSON replay and reports errors in place", "[limiter]") {
  namespace f = ts::api::limiter_frame;
  std::string blob;
  REQUIRE_FALSE(ts::api::limiter_compile({reinterpret_cast<const uint8_t*>(""), 0}, blob));
  REQUIRE(blob.size() == sizeof(lim::CompiledPolicy));
  std::vector<uint8_t> frame(f::kBytes, 0);
  auto put = [&](uint32_t off, double v) { std::memcpy(frame.data() + off, &v, 8); };
  auto get = [&](uint32_t off) { double v; std::memcpy(&v, frame.data() + off, 8); return v; };
  const ts::boundary::Input ctx{reinterpret_cast<const uint8_t*>(blob.data()), blob.size()};
  int admitted = 0;
  for (int i = 0; i < 21; ++i) {
    put(f::kNow, i < 6 ? 1'700'000'000'000.0 : 1'700'000'001'000.0);
    put(f::kClass, 0);
    put(f::kCost, 1);
    put(f::kHasClient, 1);
    REQUIRE(ts::boundary::run_in_place(ts::api::limiter_decide, ctx.data, ctx.len, frame.data(), frame.size()) == 0);
    admitted += get(f::kDecision) == 0;
  }
  // Same as case 19 of the table: 5 admitted, then level 3, retry 17750, day tier 4 left; the
  // client's tiers refused, its own strikes (an admitted client is no newcomer), and the ceiling
  // (burst 10) has 5 of its upload-minute tier left.
  const uint32_t tiers = f::kDecision + f::kDecisionHeadSlots * 8, ceiling = tiers + 4 * 32;
  CHECK(admitted == 5);
  CHECK(get(f::kDecision + 8) == 1);   // refused by the client's tiers
  CHECK(get(f::kDecision + 16) == 3);  // level
  CHECK(get(f::kDecision + 24) == 17750);
  CHECK(get(f::kDecision + 56) == 3);  // client tier count
  CHECK(get(f::kDecision + 64) == 3);  // ceiling tier count
  CHECK(get(f::kDecision + 72) == 0);  // accountable: the client
  CHECK(get(tiers + 2 * 32 + 16) == 4);  // day tier remaining
  CHECK(get(ceiling + 16) == 5);         // ceiling minute tier remaining
  // The same request without a client: the ceiling alone decides, and has 5 left.
  put(f::kHasClient, 0);
  REQUIRE(ts::boundary::run_in_place(ts::api::limiter_decide, ctx.data, ctx.len, frame.data(), frame.size()) == 0);
  CHECK(get(f::kDecision) == 0);
  CHECK(get(f::kDecision + 56) == 0);
  CHECK(get(f::kDecision + 72) == 1);  // accountable: the network
  CHECK(get(ceiling + 16) == 4);
  put(f::kHasClient, 3);
  CHECK(ts::boundary::run_in_place(ts::api::limiter_decide, ctx.data, ctx.len, frame.data(), frame.size()) ==
        static_cast<int32_t>(ts::Status::invalid_argument));
  put(f::kHasClient, 1);
  put(f::kClass, 7);
  CHECK(ts::boundary::run_in_place(ts::api::limiter_decide, ctx.data, ctx.len, frame.data(), frame.size()) ==
        static_cast<int32_t>(ts::Status::invalid_argument));
  CHECK(std::string(reinterpret_cast<const char*>(frame.data() + f::kBytes - ts::boundary::kMessageBytes)) == "unknown endpoint class");
  put(f::kClass, 0);
  const std::string bad = blob.substr(1) + "x";
  CHECK(ts::boundary::run_in_place(ts::api::limiter_decide, reinterpret_cast<const uint8_t*>(bad.data()), bad.size(),
                                   frame.data(), frame.size()) == static_cast<int32_t>(ts::Status::integrity));
}

// Native-only table: how a tier's guarantee becomes GCRA parameters (policy.h "interval").
TEST_CASE("limiter: compiled interval and tolerance per tier", "[limiter]") {
  struct Row { int n; int64_t limit, period_ms, burst, interval_ms, tolerance_ms; const char* why; };
  const Row rows[] = {
      {1, 10, 60000, 5, 10000, 40000, "default upload-minute: 6 steady per minute, 4 intervals of head start"},
      {2, 20, 300000, 5, 18750, 75000, "default upload-5min: 16 steady per 5 min"},
      {3, 200, 86400000, 20, 477349, 9069631, "default upload-day: 86400000/181 rounded UP (stricter, never looser)"},
      {4, 5, 1000, 1, 200, 0, "burst 1: strictly paced, no head start"},
      {5, 5, 1000, 5, 1000, 4000, "burst = limit: one steady request per period after the burst"},
      {6, 1, 1000, 1, 1000, 0, "one per period"},
      {7, 1000000, 31622400000, 1, 31623, 0, "the largest limit over the longest period: interval rounds up to 31623 ms"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    const json policy = {{"classes", {{"upload", {{{"name", "t"}, {"limit", r.limit}, {"periodMs", r.period_ms}, {"burst", r.burst}}}}}}};
    const lim::CompiledPolicy p = compile(policy.dump());
    CHECK(p.tiers[0][0].interval_ms == r.interval_ms);
    CHECK(p.tiers[0][0].tolerance_ms == r.tolerance_ms);
  }
}
