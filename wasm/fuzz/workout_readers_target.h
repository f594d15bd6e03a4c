// What the workout-reader fuzzers do with one input, shared by the libFuzzer targets
// (exercise_reader_fuzz.cpp, tcx_reader_fuzz.cpp, google_reader_fuzz.cpp) and the regression test that replays every
// saved input (tests/cpp/fuzz_workout_regressions_test.cpp).
//
// An exercise-*.json input goes through the reader, the record ranges a plan would hand a
// step (each record read again from its bytes alone, the same), its digest (read back, what
// the plan reads from the bytes: convert/exercise_digest.h) and, record by record, the
// activity plan and the activity FIT writer; a TCX input through the reader, a plan against a
// one-hour workout starting at its first point (clipping, pauses, boundaries) and the writer,
// and the reader is held to the tree reader it replaced (tcx_dom_reader.h: same_tcx_reading).
// Any crash, sanitizer report or broken invariant (below) is a finding.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/json_elements.h"
#include "core/convert/exercise_digest.h"
#include "core/convert/pace_tracks.h"
#include "core/fit/crc.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/google_cadence_csv.h"
#include "core/fitbit/google_exercises_csv.h"
#include "core/fitbit/google_heart_rate_csv.h"
#include "core/fitbit/google_live_pace_csv.h"
#include "core/fitbit/google_running_dynamics_csv.h"
#include "core/fitbit/gps_location_csv.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "core/workout/activity_plan.h"
#include "fuzz/tcx_dom_reader.h"
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
  const bool whole = json::array_elements(text, ranges);
  simdjson::dom::parser parser;
  simdjson::dom::array arr;
  // A file simdjson takes: the scan finds exactly its elements. One it refuses was read record
  // by record, from the elements the scan found before the defect (exercise_reader.h).
  const bool parsed = !parser.parse(text.data(), text.size()).get_array().get(arr);
  if (parsed && (!whole || arr.size() != ranges.size())) std::abort();
  for (const fitbit::Exercise& ex : file.records) {
    if (ex.position >= ranges.size()) std::abort();
    fitbit::Exercise alone;
    fitbit::Problems problems;
    const json::ByteRange& r = ranges[ex.position];
    if (fitbit::read_exercise_record("exercise-0.json", text.substr(r.offset, r.length), alone, problems)) std::abort();
    if (!same_exercise(ex, alone)) std::abort();
  }
}

// The digest of any text reads back to what the plan reads from the text itself: the fields
// the plan uses, the ranges, the problems in order, or why the file was not read.
inline void check_digest(std::string_view text) {
  convert::ExerciseRead from_bytes, from_digest;
  convert::read_exercise_file("exercise-0.json", text, from_bytes);
  const std::string digest = convert::write_exercise_digest("exercise-0.json", text, text.size());
  if (convert::read_exercise_digest("exercise-0.json", digest, text.size(), from_digest)) std::abort();
  if (from_bytes.unread != from_digest.unread || from_bytes.why != from_digest.why) std::abort();
  const auto& a = from_bytes.file;
  const auto& b = from_digest.file;
  if (a.records.size() != b.records.size() || a.problems.size() != b.problems.size()) std::abort();
  for (size_t i = 0; i < a.problems.size(); ++i) {
    const auto &x = a.problems[i], &y = b.problems[i];
    if (x.file != y.file || x.index != y.index || x.reason != y.reason || x.effect != y.effect || x.records != y.records) std::abort();
  }
  for (size_t i = 0; i < a.records.size(); ++i) {
    const auto &x = a.records[i], &y = b.records[i];
    // distance_m compared by bits, NaN aside: a digest keeps the double exactly.
    const bool same_distance = x.distance_m == y.distance_m || (x.distance_m != x.distance_m && y.distance_m != y.distance_m);
    if (x.log_id != y.log_id || x.position != y.position || x.start_utc_ms != y.start_utc_ms || x.duration_ms != y.duration_ms ||
        x.active_duration_ms != y.active_duration_ms || x.activity_type_id != y.activity_type_id || x.activity_name != y.activity_name ||
        x.steps != y.steps || x.average_heart_rate != y.average_heart_rate || !same_distance || x.has_gps != y.has_gps ||
        x.log_type != y.log_type)
      std::abort();
    const auto &r = from_bytes.ranges[i], &q = from_digest.ranges[i];
    if (r.has_value() != q.has_value() || (r && (r->offset != q->offset || r->length != q->length))) std::abort();
  }
}

inline void exercise_reader_once(const uint8_t* data, size_t size) {
  fitbit::ExerciseFile file;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_digest(text);
  if (fitbit::read_exercises("exercise-0.json", text, false, file)) return;
  check_record_ranges(text, file);
  for (const auto& ex : file.records) {
    workout::ActivityPlan plan;
    if (workout::plan_activity(ex, nullptr, {}, plan)) continue;
    check_plan_and_fit(plan);
  }
}

// Google's position files (fitbit/gps_location_csv.h), the same bytes: the points of any
// window are those of the whole file inside it, in file order, each with a real position; and
// its cadence files' reader, whose readings stay inside the window.
inline void gps_points_once(std::string_view text) {
  std::vector<fitbit::Trackpoint> all, window;
  fitbit::Problems problems;
  if (fitbit::read_gps_points("gps_location_2024-01-01.csv", text, INT64_MIN, INT64_MAX, all, problems)) return;
  const int64_t from = all.empty() ? 0 : all[all.size() / 2].time_ms / 1000, to = from + 600;
  if (fitbit::read_gps_points("gps_location_2024-01-01.csv", text, from, to, window, problems)) std::abort();
  size_t k = 0;
  for (const fitbit::Trackpoint& p : all) {
    if (!p.has_position() || std::fabs(p.lat_deg) > 90 || std::fabs(p.lon_deg) > 180) std::abort();
    if (p.time_ms / 1000 < from || p.time_ms / 1000 > to) continue;
    if (k >= window.size() || window[k].time_ms != p.time_ms || window[k].lat_deg != p.lat_deg) std::abort();
    ++k;
  }
  if (k != window.size()) std::abort();
  // The cadence reader (fitbit/google_cadence_csv.h) keeps its readings in range.
  std::vector<std::pair<int64_t, double>> cadence;
  if (!fitbit::read_google_cadence("cadence_2024-01-01.csv", text, from, to, cadence, problems))
    for (const auto& [sec, spm] : cadence)
      if (sec < from || sec > to || !(spm >= 0 && spm <= 600)) std::abort();
  // The heart-rate reader (fitbit/google_heart_rate_csv.h): a window's readings are the whole
  // file's inside it, in file order (the rows a window skips by their time's text,
  // google_series_csv.h, are none of its own), each 1-255 bpm.
  std::vector<fitbit::WindowReading> hr_all, hr_window;
  if (!fitbit::read_google_heart_rate("heart_rate_2024-01-01.csv", text, INT64_MIN, INT64_MAX, hr_all, problems)) {
    if (fitbit::read_google_heart_rate("heart_rate_2024-01-01.csv", text, from, to, hr_window, problems)) std::abort();
    size_t j = 0;
    for (const fitbit::WindowReading& r : hr_all) {
      if (r.bpm < 1 || r.bpm > 255) std::abort();
      if (r.sec < from || r.sec > to) continue;
      if (j >= hr_window.size() || hr_window[j].sec != r.sec || hr_window[j].bpm != r.bpm) std::abort();
      ++j;
    }
    if (j != hr_window.size()) std::abort();
  }
  // The running-dynamics readers (fitbit/google_running_dynamics_csv.h) keep their readings in
  // the window, and each raw value in what its uint16 FIT field holds.
  for (const fitbit::RunningDynamicInfo& d : fitbit::kRunningDynamics) {
    std::vector<std::pair<int64_t, int32_t>> readings;
    if (fitbit::read_google_running_dynamic(d.measure, "stride_length_2024-01-01.csv", text, from, to, readings, problems)) continue;
    for (const auto& [sec, raw] : readings)
      if (sec < from || sec > to || raw < 0 || raw >= 65535) std::abort();
  }
  // The pace reader (fitbit/google_live_pace_csv.h) keeps its rows in the window and in range,
  // and the points made of them (convert/pace_tracks.h) have a distance that never falls, a
  // speed and a cadence in range.
  std::vector<fitbit::PaceRow> pace;
  if (fitbit::read_google_live_pace("live_pace_2024-01-01.csv", text, from, to, pace, problems)) return;
  for (const fitbit::PaceRow& r : pace)
    if (r.sec < from || r.sec > to || !(r.steps >= 0 && r.steps <= 100) || !(r.distance_m >= 0 && r.distance_m <= 1000))
      std::abort();
  std::stable_sort(pace.begin(), pace.end(), [](const auto& a, const auto& b) { return a.sec < b.sec; });
  pace.erase(std::unique(pace.begin(), pace.end(), [](const auto& a, const auto& b) { return a.sec == b.sec; }), pace.end());
  std::vector<fitbit::Trackpoint> points;
  convert::pace_points(pace, true, points);
  double last = 0;
  for (const fitbit::Trackpoint& p : points) {
    if (!(p.distance_m >= last) || !(p.speed_mps >= 0 && p.speed_mps <= 1000) || p.cadence < 0 || p.cadence > 254) std::abort();
    last = p.distance_m;
  }
}

// Google's list of workouts (fitbit/google_exercises_csv.h): every row read again from its
// range alone (what a workouts step parses, convert/workout_records.h) reads the same, and
// each workout plans and writes. The same bytes go through the position reader too.
inline void google_exercises_once(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  gps_points_once(text);
  fitbit::GoogleExerciseFile file;
  if (fitbit::read_google_exercises("UserExercises_1.csv", text, file)) return;
  if (file.rows.size() != file.records.size()) std::abort();
  for (size_t i = 0; i < file.records.size(); ++i) {
    fitbit::Exercise alone;
    if (fitbit::read_google_exercise_row("UserExercises_1.csv", text, file.rows[i], alone)) std::abort();
    alone.position = file.records[i].position;
    if (!same_exercise(file.records[i], alone)) std::abort();
    workout::ActivityPlan plan;
    if (workout::plan_activity(alone, nullptr, {}, plan)) continue;
    check_plan_and_fit(plan);
  }
}

// Whether the tokenizing reader and the tree reader agree on `text`: both refuse it, or both
// read it to the same sport, Id, laps, points (every field, NaN equal to NaN) and counts.
// Bytes with a NUL before a last '>' are the one kind where they may differ in refusing
// (xml_tokens.h: pugixml reads that '>' in place of the NUL); read by both, they must agree.
inline bool same_tcx_reading(std::string_view text) {
  fitbit::TcxActivity a, b;
  fitbit::Problems pa, pb;
  const Error ea = fitbit::read_tcx("1.tcx", text, a, pa);
  const Error eb = tcx_dom::read_tcx_dom("1.tcx", text, b, pb);
  const size_t nul = text.find('\0');
  const bool nul_quirk = nul != std::string_view::npos && nul + 1 < text.size() && text.back() == '>';
  if (static_cast<bool>(ea) != static_cast<bool>(eb)) return nul_quirk;
  if (ea || eb) return true;
  auto same_double = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
  if (a.empty != b.empty || a.sport != b.sport || a.id_ms != b.id_ms || a.laps.size() != b.laps.size() ||
      a.points.size() != b.points.size() || a.dropped_no_time != b.dropped_no_time || a.dropped_duplicate != b.dropped_duplicate ||
      a.reordered != b.reordered || pa.size() != pb.size())
    return false;
  for (size_t i = 0; i < a.laps.size(); ++i) {
    const auto &x = a.laps[i], &y = b.laps[i];
    if (x.start_ms != y.start_ms || !same_double(x.total_time_s, y.total_time_s) || !same_double(x.distance_m, y.distance_m) ||
        x.calories != y.calories)
      return false;
  }
  for (size_t i = 0; i < a.points.size(); ++i) {
    const auto &x = a.points[i], &y = b.points[i];
    if (x.time_ms != y.time_ms || !same_double(x.lat_deg, y.lat_deg) || !same_double(x.lon_deg, y.lon_deg) ||
        !same_double(x.altitude_m, y.altitude_m) || !same_double(x.distance_m, y.distance_m) || !same_double(x.speed_mps, y.speed_mps) ||
        x.heart_rate != y.heart_rate || x.cadence != y.cadence || x.segment_start != y.segment_start)
      return false;
  }
  return true;
}

inline void tcx_reader_once(const uint8_t* data, size_t size) {
  fitbit::TcxActivity track;
  fitbit::Problems problems;
  if (!same_tcx_reading(std::string_view(reinterpret_cast<const char*>(data), size))) std::abort();
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
