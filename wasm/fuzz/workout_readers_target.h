// What the workout-reader fuzzers do with one input, shared by the libFuzzer targets
// (exercise_reader_fuzz.cpp, tcx_reader_fuzz.cpp) and the regression test that replays every
// saved input (tests/cpp/fuzz_workout_regressions_test.cpp).
//
// An exercise-*.json input goes through the reader, the record ranges a plan would hand a
// step (each record read again from its bytes alone, the same) and, record by record, the
// activity plan and the activity FIT writer; a TCX input through the reader, a plan against a
// one-hour workout starting at its first point (clipping, pauses, boundaries) and the writer.
// Any crash, sanitizer report or broken invariant (below) is a finding.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/json_elements.h"
#include "core/fit/crc.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"
#include "simdjson.h"

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

inline bool same_exercise(const fitbit::Exercise& a, const fitbit::Exercise& b) {
  if (a.heart_rate_zones.size() != b.heart_rate_zones.size() || a.activity_levels.size() != b.activity_levels.size()) return false;
  for (size_t i = 0; i < a.heart_rate_zones.size(); ++i) {
    const auto &x = a.heart_rate_zones[i], &y = b.heart_rate_zones[i];
    if (x.name != y.name || x.min_bpm != y.min_bpm || x.max_bpm != y.max_bpm || x.minutes != y.minutes) return false;
  }
  for (size_t i = 0; i < a.activity_levels.size(); ++i)
    if (a.activity_levels[i].name != b.activity_levels[i].name || a.activity_levels[i].minutes != b.activity_levels[i].minutes) return false;
  return a.log_id == b.log_id && a.activity_name == b.activity_name && a.activity_type_id == b.activity_type_id &&
         a.start_utc_ms == b.start_utc_ms && a.duration_ms == b.duration_ms && a.active_duration_ms == b.active_duration_ms &&
         a.calories == b.calories && a.steps == b.steps && a.average_heart_rate == b.average_heart_rate &&
         a.elevation_gain_m == b.elevation_gain_m && a.distance == b.distance && a.distance_unit == b.distance_unit &&
         a.distance_m == b.distance_m && a.speed == b.speed && a.pace == b.pace && a.has_gps == b.has_gps &&
         a.log_type == b.log_type && a.source_type == b.source_type && a.source_name == b.source_name && a.tcx_link == b.tcx_link;
}

// What a plan hands a workouts step (convert/workout_records.h): the scanner finds simdjson's
// elements of the file, and every record read_exercises read reads the same from the bytes
// of its element alone.
inline void check_record_ranges(std::string_view text, const fitbit::ExerciseFile& file) {
  std::vector<json::ByteRange> ranges;
  if (!json::array_elements(text, ranges)) std::abort();
  simdjson::dom::parser parser;
  simdjson::dom::array arr;
  if (parser.parse(text.data(), text.size()).get_array().get(arr) || arr.size() != ranges.size()) std::abort();
  for (const fitbit::Exercise& ex : file.records) {
    if (ex.position >= ranges.size()) std::abort();
    fitbit::Exercise alone;
    fitbit::Problems problems;
    const json::ByteRange& r = ranges[ex.position];
    if (fitbit::read_exercise_record("exercise-0.json", text.substr(r.offset, r.length), alone, problems)) std::abort();
    if (!same_exercise(ex, alone)) std::abort();
  }
}

inline void exercise_reader_once(const uint8_t* data, size_t size) {
  fitbit::ExerciseFile file;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (fitbit::read_exercises("exercise-0.json", text, false, file)) return;
  check_record_ranges(text, file);
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
