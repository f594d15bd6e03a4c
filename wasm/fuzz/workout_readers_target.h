// What the workout-reader fuzzers do with one input, shared by the libFuzzer targets
// (exercise_reader_fuzz.cpp, tcx_reader_fuzz.cpp) and the regression test that replays every
// saved input (tests/cpp/fuzz_workout_regressions_test.cpp).
//
// An exercise-*.json input goes through the reader and, record by record, the activity plan
// and the activity FIT writer; a TCX input through the reader, a plan against a one-hour
// workout starting at its first point (clipping, pauses, boundaries) and the writer. Any
// crash, sanitizer report or broken invariant (below) is a finding.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/fit/crc.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"

namespace ts::fuzz {

// Invariants every plan keeps (activity_plan.h) and every FIT file: header 14, CRC residue 0.
inline void check_plan_and_fit(const workout::ActivityPlan& plan) {
  const auto& r = plan.records;
  if (r.empty() || r.front().utc_sec != plan.totals.start_sec || r.back().utc_sec != plan.totals.end_sec) std::abort();
  for (size_t i = 1; i < r.size(); ++i)
    if (r[i].utc_sec <= r[i - 1].utc_sec) std::abort();
  if (plan.events.empty() || !plan.events.front().start || plan.events.back().start) std::abort();
  tz::Zone zone;
  if (tz::Zone::make({{0, 3600}}, zone)) std::abort();
  std::string fit;
  if (workout::write_activity_fit(plan, zone, fit)) return;  // a refusal says why; fine
  if (fit.size() < 16 || fit[0] != 14) std::abort();
  if (fit::crc16(0, reinterpret_cast<const uint8_t*>(fit.data()), fit.size()) != 0) std::abort();
}

inline void exercise_reader_once(const uint8_t* data, size_t size) {
  fitbit::ExerciseFile file;
  if (fitbit::read_exercises("exercise-0.json", std::string_view(reinterpret_cast<const char*>(data), size), false, file))
    return;
  for (const auto& ex : file.records) {
    workout::ActivityPlan plan;
    if (workout::plan_activity(ex, nullptr, {}, plan)) continue;
    check_plan_and_fit(plan);
  }
}

inline void tcx_reader_once(const uint8_t* data, size_t size) {
  fitbit::TcxActivity track;
  fitbit::Problems problems;
  if (fitbit::read_tcx("1.tcx", std::string_view(reinterpret_cast<const char*>(data), size), track, problems)) return;
  if (fitbit::skipped_records(problems) != track.dropped_no_time + track.dropped_duplicate) std::abort();
  for (size_t i = 1; i < track.points.size(); ++i)
    if (track.points[i].time_ms <= track.points[i - 1].time_ms) std::abort();  // sorted, unique
  fitbit::Exercise ex;
  ex.log_id = 1;
  ex.start_utc_ms = track.points.empty() ? 1677924000000 : track.points.front().time_ms;
  ex.duration_ms = 3600 * 1000;
  workout::ActivityPlan plan;
  if (workout::plan_activity(ex, &track, {}, plan)) std::abort();  // a valid exercise always plans
  check_plan_and_fit(plan);
}

}  // namespace ts::fuzz
