// A server session's groups (wasm/core/convert/step_groups.h). First the cut itself: numbered
// rows, each with why, the same rows as tests/node/step-groups.test.js gives the JS rule
// (which the Worker ran before the core cut the groups). Then ts_plan with the option
// "groups" on every case of tests/cases/steps.json: the groups hold the plan's steps, in
// order, each once, as the plan without "groups" lists them, with each file's place.
// tests/node/plan-groups.test.js holds the core's groups to the JS rule's through core.wasm.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "boundary/api_steps.h"
#include "case_table.h"
#include "core/convert/step_groups.h"

namespace {

using nlohmann::json;
using ts::convert::cut_groups;
using ts::convert::GroupRules;
using ts::convert::StepLoad;
using ts::test::bundle_of;
using ts::test::call_ok;
using ts::test::Files;
using ts::test::files_of_bundle;

constexpr double kMiB = 1024 * 1024;

// The Worker's lines and budgets (worker-shim/shared/step-groups.js), for the rows below.
GroupRules worker_rules() {
  GroupRules r;
  r.budget_ms = 5;
  r.max_steps = 64;
  r.cost = {{"weight", {0.6, 15}}, {"workouts", {0.3, 11}}, {"daily", {0.05, 5.5}}, {"sleep", {0.1, 15}}};
  r.fallback = {0.6, 18};
  r.file_ms = 0.004;
  return r;
}

StepLoad load(const GroupRules& r, const char* kind, double bytes, uint64_t send = 0, size_t files = 1) {
  return {r.estimate_ms(kind, static_cast<uint64_t>(bytes), files), send};
}

}  // namespace

TEST_CASE("step groups: the cut, by numbered rows", "[steps][groups]") {
  using Cut = std::vector<std::pair<size_t, size_t>>;
  const GroupRules r = worker_rules();
  GroupRules two = r;
  two.max_steps = 2;
  GroupRules capped = r;
  capped.max_send_bytes = 44000;
  GroupRules tight = r;
  tight.max_send_bytes = 1;
  struct Row {
    int n;
    const char* why;
    GroupRules rules;
    std::vector<StepLoad> steps;
    Cut want;
  };
  const std::vector<Row> rows = {
      {1, "no steps, no groups", r, {}, {}},
      {2, "small steps share a group up to the CPU budget", r,
       {load(r, "daily", 0.1 * kMiB), load(r, "daily", 0.1 * kMiB), load(r, "daily", 0.1 * kMiB)}, {{0, 3}}},
      {3, "a step that would take the group past its CPU budget starts the next one", r,
       {load(r, "workouts", 0.9 * kMiB), load(r, "workouts", 0.9 * kMiB)}, {{0, 1}, {1, 1}}},
      {4, "a step over the budget on its own still runs, alone", r, {load(r, "sleep", 4 * kMiB), load(r, "daily", 0)}, {{0, 1}, {1, 1}}},
      {5, "at most maxSteps steps a group, however cheap", two,
       {load(r, "other", 0), load(r, "other", 0), load(r, "other", 0), load(r, "other", 0), load(r, "other", 0)},
       {{0, 2}, {2, 2}, {4, 1}}},
      {6, "the files a group sends stay within the request cap", capped,
       {load(r, "workouts", 1000, 30000), load(r, "workouts", 1000, 30000), load(r, "workouts", 1000, 10000)}, {{0, 1}, {1, 2}}},
      {7, "files already in the upload are not sent, so they do not count against the cap", tight,
       {load(r, "workouts", 1000, 0), load(r, "workouts", 1000, 0)}, {{0, 2}}},
      {8, "a step that sends more than the cap alone runs alone, and closes its group even before a step that sends nothing",
       tight, {load(r, "workouts", 1000, 5), load(r, "workouts", 1000, 0)}, {{0, 1}, {1, 1}}},
      {9, "a kind without a line takes the fallback (0.6 ms + 18 ms a MiB): 0.25 MiB is over the 5 ms budget on its own", r,
       {load(r, "other", 0.25 * kMiB), load(r, "other", 0.05 * kMiB)}, {{0, 1}, {1, 1}}},
      {10, "files count however small: 1,100 empty files are 4.4 ms, so two such steps are two groups (an attack's 4,400 "
           "tiny files were 0.1 ms by bytes alone, and dozens of such steps went in one request)",
       r, {load(r, "daily", 2200, 0, 1100), load(r, "daily", 2200, 0, 1100)}, {{0, 1}, {1, 1}}},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    CHECK(cut_groups(row.steps, row.rules) == row.want);
  }
}

TEST_CASE("step groups: ts_plan with \"groups\" holds the plan's steps, on every steps.json case", "[steps][groups]") {
  const json table = ts::test::load_cases("steps.json");
  const json rules = {{"budgetMs", 5},
                      {"maxSteps", 2},
                      {"cost", {{"weight", {{"fixedMs", 0.6}, {"msPerMiB", 15}}}}},
                      {"fallback", {{"fixedMs", 0.6}, {"msPerMiB", 18}}}};
  for (const json& c : table["cases"]) {
    if (c.contains("error")) continue;
    INFO("case " << c["n"].get<int>() << ": " << c["why"].get<std::string>());
    Files files;
    for (const auto& f : c["files"]) files.emplace_back(f["name"].get<std::string>(), f["text"].get<std::string>());
    // The first file is stored (a place the groups must carry); the others are sent.
    json with = c["options"];
    with["groups"] = rules;
    with["groups"]["stored"] = json::array({json::array({files[0].first, 2, 300, files[0].second.size()})});
    const json plain = json::parse(call_ok(ts::api::plan, bundle_of(c["options"], files)));
    const Files out = files_of_bundle(call_ok(ts::api::plan, bundle_of(with, files)));
    REQUIRE(out.size() >= 2);
    CHECK(out[0].first == "plan.json");
    CHECK(out[1].first == "session-groups.json");
    const json head = json::parse(out[0].second);
    const json groups = json::parse(out[1].second);
    CHECK(head["report"] == plain["report"]);
    CHECK(head["part"] == plain["part"]);
    CHECK(head["steps"] == plain["steps"].size());
    json steps = json::array();
    REQUIRE(head["groups"].size() == groups.size());
    for (size_t g = 0; g < groups.size(); ++g) {
      CHECK(groups[g]["steps"].size() <= 2);
      json ids = json::array();
      std::set<std::string> names;
      for (const json& s : groups[g]["steps"]) {
        steps.push_back(s);
        ids.push_back(s["id"]);
        for (const json& f : s["files"]) names.insert(f.get<std::string>());
      }
      CHECK(head["groups"][g]["steps"] == ids);
      // Every file of the group's steps once: the stored one with its place, the others sent.
      std::set<std::string> listed;
      for (const json& f : groups[g]["stored"]) {
        CHECK(f == json{{"name", files[0].first}, {"stream", 2}, {"offset", 300}, {"bytes", files[0].second.size()}});
        listed.insert(f["name"].get<std::string>());
      }
      for (const json& f : groups[g]["send"]) {
        CHECK(f[0] != files[0].first);
        CHECK(listed.insert(f[0].get<std::string>()).second);
      }
      CHECK(listed == names);
    }
    CHECK(steps == plain["steps"]);
    // Only a plan within the budget carries its steps for one request.
    const bool one = head["oneRequest"].get<bool>();
    CHECK(one == (head["estimateMs"].get<double>() <= 5));
    CHECK(out.size() == (one ? 3u : 2u));
    if (one) CHECK(json::parse(out[2].second) == plain["steps"]);
  }
}

TEST_CASE("step groups: a cost line given twice for a kind, the last counts (as JSON.parse keeps it in JS)", "[steps][groups]") {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(!parser.parse(std::string(R"({"groups": {"budgetMs": 5, "maxSteps": 64,
      "cost": {"weight": {"fixedMs": 1, "msPerMiB": 0}, "weight": {"fixedMs": 2, "msPerMiB": 0}},
      "fallback": {"fixedMs": 9, "msPerMiB": 0}}})")).get(doc));
  GroupRules r;
  bool present = false;
  REQUIRE(!ts::convert::read_group_rules(doc, r, present));
  CHECK(present);
  CHECK(r.estimate_ms("weight", 0, 0) == 2);
  CHECK(r.estimate_ms("sleep", 0, 0) == 9);  // no line: the fallback
  CHECK(r.estimate_ms("sleep", 0, 3) == 9);  // no "fileMs": files cost nothing
}

TEST_CASE("step groups: \"fileMs\" adds to each step's estimate per file; not a number or negative is refused", "[steps][groups]") {
  struct Row {
    int n;
    const char* why;
    const char* file_ms;  // the member's JSON, or nullptr for none
    bool ok;
    double want;  // estimate_ms("weight", 0, 10) when ok
  };
  const std::vector<Row> rows = {
      {1, "absent: no term", nullptr, true, 1},
      {2, "null: no term, as absent", "null", true, 1},
      {3, "a number: per file", "0.25", true, 3.5},
      {4, "negative would make files free and more", "-1", false, 0},
      {5, "a string is not a number of ms", "\"0.1\"", false, 0},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    std::string text = R"({"groups": {"budgetMs": 5, "maxSteps": 64, "cost": {"weight": {"fixedMs": 1, "msPerMiB": 0}},
        "fallback": {"fixedMs": 9, "msPerMiB": 0})";
    if (row.file_ms) text += std::string(", \"fileMs\": ") + row.file_ms;
    text += "}}";
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    REQUIRE(!parser.parse(text).get(doc));
    GroupRules r;
    bool present = false;
    const ts::Error e = ts::convert::read_group_rules(doc, r, present);
    CHECK(!e == row.ok);
    if (row.ok) CHECK(r.estimate_ms("weight", 0, 10) == row.want);
  }
}
