// The export-file vocabulary (core/fitbit/file_kinds.h): the numbered paths of
// tests/cases/file-kinds.json through the handler the WASM export uses (tests/node/cases.test.js
// replays them against core.wasm), and the table's own consistency.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "boundary/api_files.h"
#include "case_table.h"
#include "core/fitbit/file_kinds.h"

namespace {
ts::boundary::Handler handler_for(const std::string& op) {
  if (op == "classify_paths") return ts::api::classify_paths;
  return nullptr;
}
}  // namespace

TEST_CASE("file kinds: shared case table (every layout, every skip reason)", "[kinds]") {
  ts::test::replay_table("file-kinds.json", handler_for, 50);
}

TEST_CASE("file kinds: one row per kind, ids unique, one convert option per report kind", "[kinds]") {
  using namespace ts::fitbit;
  std::set<std::string> ids;
  std::map<std::string, std::string> convert_of_report;
  for (int i = 0; i < kKindCount; ++i) {
    const KindInfo& k = kind_info(static_cast<Kind>(i));
    INFO(k.id);
    CHECK(static_cast<int>(k.kind) == i);
    CHECK(ids.insert(k.id).second);
    CHECK(kind_by_id(k.id) == &k);
    CHECK(k.used_by != 0);
    // A report row has one checkbox: every file kind counted under it is converted by one option.
    if (*k.report) {
      auto [it, fresh] = convert_of_report.emplace(k.report, k.convert);
      CHECK(it->second == k.convert);
      (void)fresh;
    }
    // Never copied into outputs unless it has an output folder (Profile.csv has none).
    if (k.kind == Kind::profile) CHECK(std::string(k.output).empty());
  }
  CHECK(kind_by_id("takeout_csv") == nullptr);
}

TEST_CASE("file kinds: the workout logId a track's name ends with", "[kinds]") {
  int64_t id = 0;
  CHECK(ts::fitbit::tcx_log_id_of("Takeout/Fitbit/Activities/53025679511.tcx", id));
  CHECK(id == 53025679511);
  CHECK(ts::fitbit::tcx_log_id_of("x/Run_53025679512.TCX", id));
  CHECK(id == 53025679512);
  CHECK_FALSE(ts::fitbit::tcx_log_id_of("x/run.tcx", id));
  CHECK_FALSE(ts::fitbit::tcx_log_id_of("x/1234567890123456789.tcx", id));  // over 18 digits
}
