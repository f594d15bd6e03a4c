// Overlapping workouts (convert/workout_overlaps.h): how many converted workouts lie for at least
// half their time inside others, and how many share less (a minute or more), the counts the
// warnings say. Numbered rows, a reason each.
#include <catch2/catch.hpp>

#include <vector>

#include "core/convert/workout_overlaps.h"

namespace {

struct Span {
  int64_t log_id;
  int64_t start_min, minutes;  // from an hour's start
  bool auto_detected = false;
};

struct Row {
  int n;
  const char* why;
  std::vector<Span> workouts;  // start order, as the plan holds them (start, then logId)
  bool include_auto;
  size_t overlapping;
  size_t sharing;
};

// The plan's inputs for `spans`: walks in the order given (PlanInputs is not copied).
void fill_inputs(const std::vector<Span>& spans, bool include_auto, ts::convert::PlanInputs& p) {
  p.options.include_auto_detected = include_auto;
  p.options.include_implausible = true;
  for (const Span& s : spans) {
    ts::convert::Workout w;
    w.ex.log_id = s.log_id;
    w.ex.activity_name = "Walk";
    w.ex.activity_type_id = 90013;
    w.ex.start_utc_ms = 1700000000000 + s.start_min * 60000;
    w.ex.duration_ms = s.minutes * 60000;
    if (s.auto_detected) w.ex.log_type = "auto_detected";
    p.workouts.push_back(std::move(w));
  }
}

}  // namespace

TEST_CASE("workout overlaps: the workouts inside others are counted, by numbered rows", "[workouts]") {
  const std::vector<Row> rows = {
      {1, "apart: none", {{1, 0, 30}, {2, 60, 30}}, true, 0, 0},
      {2, "an app's copy a minute after the tracker's, wholly inside (steps case 53's shape)", {{1, 0, 40}, {2, 1, 39}}, true, 1, 0},
      {3, "a walk a third of whose time lies inside the workout before: not overlapping, sharing", {{1, 0, 40}, {2, 30, 30}}, true, 0, 1},
      {4, "exactly half inside: counted", {{1, 0, 40}, {2, 20, 40}}, true, 1, 0},
      {5, "review finding: the same start, the short one first by logId, inside the long one: counted (it was only when "
          "its logId came second); and the long one, listed after it, loses its first 10 minutes' readings to it: sharing "
          "(review finding: unsaid)", {{1, 0, 10}, {2, 0, 60}}, true, 1, 1},
      {6, "the same start, the long one first: the short one counted", {{1, 0, 60}, {2, 0, 10}}, true, 1, 0},
      {7, "two copies of one workout (the same start and end): one counted, not both", {{1, 0, 30}, {2, 0, 30}}, true, 1, 0},
      {8, "after two that overlap each other a third (sharing), one wholly inside the second: overlapping once",
       {{1, 0, 30}, {2, 20, 30}, {3, 25, 20}}, true, 1, 1},
      {9, "a workout of no time overlaps nothing", {{1, 0, 30}, {2, 10, 0}}, true, 0, 0},
      {10, "an auto-detected walk inside a run, with includeAutoDetected false: not converted, not counted",
       {{1, 0, 40}, {2, 5, 20, true}}, false, 0, 0},
      {11, "the same, kept: counted", {{1, 0, 40}, {2, 5, 20, true}}, true, 1, 0},
      {12, "the same start, with a workout before reaching past it: the longest of the group is measured against it",
       {{1, 0, 120}, {2, 30, 60}, {3, 30, 10}}, true, 2, 0},
      {13, "back to back, the second starting as the first ends: neither counted", {{1, 0, 30}, {2, 30, 30}}, true, 0, 0},
      {14, "the second starting a minute (kSharedSecMin) before the first ends: sharing", {{1, 0, 30}, {2, 29, 31}, {3, 80, 10}}, true, 0, 1},
      {15, "a long workout reaching over two shorter ones started inside it: both counted, the measure is every earlier "
           "window", {{1, 0, 100}, {2, 90, 40}, {3, 95, 5}}, true, 1, 1},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::PlanInputs p;
    fill_inputs(r.workouts, r.include_auto, p);
    const ts::convert::Overlaps o = ts::convert::workout_overlaps(p);
    CHECK(o.overlapping.size() == r.overlapping);
    CHECK(o.sharing.size() == r.sharing);
  }
}

// Helper finding: the warnings named neither workout. Each overlapping and sharing workout is
// paired with the one it lies in: the earlier workout whose window reaches furthest, or of one
// start the longest (a member) or the one listed before it that ends last (the longest).
// Numbered rows, the spans of the table above: [n, spans, overlapping pairs, sharing pairs],
// each pair (logId, the logId it lies in).
TEST_CASE("workout overlaps: each is paired with the workout it lies in, by numbered rows", "[workouts]") {
  using Pairs = std::vector<std::pair<int64_t, int64_t>>;
  struct PairRow {
    int n;
    const char* why;
    std::vector<Span> workouts;
    Pairs overlapping, sharing;
  };
  const std::vector<PairRow> rows = {
      {2, "an app's copy inside the tracker's", {{1, 0, 40}, {2, 1, 39}}, {{2, 1}}, {}},
      {3, "a walk a third inside the one before", {{1, 0, 40}, {2, 30, 30}}, {}, {{2, 1}}},
      {5, "of one start: the short one inside the long one, the long one sharing with the short one listed before it",
       {{1, 0, 10}, {2, 0, 60}}, {{1, 2}}, {{2, 1}}},
      {8, "the third lies in the second, which reaches furthest", {{1, 0, 30}, {2, 20, 30}, {3, 25, 20}}, {{3, 2}}, {{2, 1}}},
      {12, "of one start inside a longer one before: the group's longest in it, the member in the longest",
       {{1, 0, 120}, {2, 30, 60}, {3, 30, 10}}, {{2, 1}, {3, 2}}, {}},
      {15, "inside two: the one reaching furthest", {{1, 0, 100}, {2, 90, 40}, {3, 95, 5}}, {{3, 2}}, {{2, 1}}},
  };
  for (const PairRow& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::PlanInputs p;
    fill_inputs(r.workouts, true, p);
    const ts::convert::Overlaps o = ts::convert::workout_overlaps(p);
    const auto ids = [&](const std::vector<ts::convert::OverlapPair>& pairs) {
      Pairs out;
      for (const auto& q : pairs) out.emplace_back(p.workouts[q.workout].ex.log_id, p.workouts[q.inside].ex.log_id);
      return out;
    };
    CHECK(ids(o.overlapping) == r.overlapping);
    CHECK(ids(o.sharing) == r.sharing);
  }
}
