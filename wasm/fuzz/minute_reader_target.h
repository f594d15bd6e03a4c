// What the per-minute-reader fuzzer does with one input: the input is one series file
// (steps-*.json, or a daily active-minutes file). It is read twice — the scan of Fitbit's own
// shape first (core/daily/minute_scan.h), and simdjson alone — and the two series must hold
// the same minutes, the same local-day totals and the same problems, with the same error if
// the file is refused. The same input is then read as a heart-rate day file
// (heart_rate_reader.h), scan first and simdjson alone, which must hand on the same readings
// with the same problems and error: both are arrays of {dateTime, value} records, so one
// corpus (tests/fuzz/minute-corpus/, heart-rate days among its seeds) serves both. Any
// difference, crash or sanitizer report is a finding.
#pragma once
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <utility>
#include <vector>

#include "core/daily/minute_series.h"
#include "core/fitbit/heart_rate_reader.h"
#include "core/fitbit/heart_rate_slices.h"
#include "core/fitbit/heart_rate_window.h"

namespace ts::fuzz {

struct MinuteRead {
  Error err;
  fitbit::Problems problems;
  std::map<int64_t, daily::DayTotals> days;
  int64_t records = 0;
};

inline MinuteRead read_minutes(std::string_view text, daily::Metric m, daily::DailySeries::Reader reader,
                               const tz::Zone& zone) {
  daily::DailySeries series;
  MinuteRead r;
  r.err = series.add_file(m, "steps-2023-02-01.json", text, false, r.problems, reader);
  r.records = series.records(m);
  r.days = series.by_local_day(zone);
  return r;
}

struct HeartRateRead {
  Error err;
  fitbit::Problems problems;
  std::vector<std::pair<int64_t, int32_t>> readings;  // (UTC seconds, bpm), in file order
};

inline HeartRateRead read_heart_rate_day(std::string_view text, fitbit::HeartRateReader reader) {
  HeartRateRead r;
  r.err = fitbit::read_heart_rate(
      "heart_rate-2023-02-01.json", text, false, [&](int64_t sec, int32_t bpm) { r.readings.emplace_back(sec, bpm); },
      r.problems, reader);
  return r;
}

inline bool same_heart_rate_read(const HeartRateRead& a, const HeartRateRead& b) {
  if (bool(a.err) != bool(b.err) || a.err.message != b.err.message || a.readings != b.readings) return false;
  if (a.problems.size() != b.problems.size()) return false;
  for (size_t i = 0; i < a.problems.size(); ++i)
    if (a.problems[i].reason != b.problems[i].reason || a.problems[i].records != b.problems[i].records) return false;
  return true;
}

// A piece's readings (convert/step_pieces.h): the span's records as an array, read whole and
// kept to the windows, as a workouts step reads a piece.
inline std::vector<std::pair<int64_t, int32_t>> piece_in_windows(std::string_view text, fitbit::ReadSpan span,
                                                                  const std::vector<std::pair<int64_t, int64_t>>& windows) {
  const std::string piece = "[" + std::string(text.substr(span.begin, span.end - span.begin)) + "]";
  std::vector<std::pair<int64_t, int32_t>> out;
  fitbit::Problems unread;
  if (fitbit::read_heart_rate("piece", piece, false, [&](int64_t sec, int32_t bpm) {
        for (const auto& w : windows)
          if (sec >= w.first && sec <= w.second) {
            out.emplace_back(sec, bpm);
            return;
          }
      }, unread))
    std::abort();
  return out;
}

// The windowed read (fitbit/heart_rate_window.h) against the whole file's: where the fast scan
// takes the whole file and its records with a readable time are in order (a bpm out of range
// or not, as the bisection sees them), any windows it can bisect hold exactly the whole file's
// readings inside them, in file order.
inline void windows_as_whole(std::string_view text, const HeartRateRead& whole) {
  if (whole.err) return;
  int64_t previous = INT64_MIN;
  bool in_order = true;
  const bool scanned = fitbit::scan_heart_rate_records(text, [&](std::string_view date_time, double) {
    int64_t sec;
    if (!fitbit::parse_export_datetime(date_time, sec)) return;
    in_order = in_order && sec >= previous;
    previous = sec;
  });
  if (!scanned) return;
  const int64_t a = whole.readings.empty() ? 0 : whole.readings.front().first;
  const int64_t b = whole.readings.empty() ? 0 : whole.readings.back().first;
  // Windows from the readings' own span: a third of it, its end, one overlapping the first,
  // and one before every reading.
  const std::vector<std::pair<int64_t, int64_t>> windows = {
      {a + (b - a) / 3, a + (b - a) / 2}, {b, b + 60}, {a + (b - a) / 2 - 5, a + (b - a) / 2 + 5}, {a - 100, a - 1}};
  std::vector<std::pair<int64_t, int32_t>> want;
  for (const auto& r : whole.readings)
    for (const auto& w : windows)
      if (r.first >= w.first && r.first <= w.second) {
        want.push_back(r);
        break;
      }
  // Any order: the span of every record in a window (what a day the bisection cannot read is
  // sent as) holds the whole file's readings in the windows.
  fitbit::ReadSpan all_span;
  if (!fitbit::heart_rate_windows_span(text, windows, all_span)) std::abort();  // the scan took the file
  if (piece_in_windows(text, all_span, windows) != want) std::abort();
  if (!in_order) return;
  std::vector<fitbit::WindowReading> got;
  fitbit::ReadSpan span;
  if (!fitbit::read_heart_rate_windows(text, windows, got, &span)) return;
  if (got.size() != want.size()) std::abort();
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i].sec != want[i].first || got[i].bpm != want[i].second) std::abort();
  // The PIECE (convert/step_pieces.h) — the span's records as an array — read as a workouts
  // step reads it: whole, kept to the windows. The same readings.
  if (piece_in_windows(text, span, windows) != want) std::abort();
}

inline void slices_as_whole(std::string_view text, const HeartRateRead& whole) {
  if (whole.err) return;
  for (uint32_t k : {2u, 3u, 5u}) {
    std::vector<std::pair<int64_t, int32_t>> together;
    int ok = 0;
    bool all_read = true;
    for (uint32_t i = 0; i < k; ++i) {
      fitbit::SliceSpan span;
      if (!fitbit::heart_rate_slice(text, i, k, span)) continue;
      ++ok;
      const std::string slice = "[" + std::string(text.substr(span.begin, span.end - span.begin)) + "]";
      fitbit::Problems unread;
      all_read = !fitbit::read_heart_rate("slice", slice, false, [&](int64_t sec, int32_t bpm) { together.emplace_back(sec, bpm); }, unread) &&
                 all_read;
    }
    if (ok != 0 && ok != static_cast<int>(k)) std::abort();
    if (ok == static_cast<int>(k) && all_read && together != whole.readings) std::abort();
  }
}

inline void minute_reader_once(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  tz::Zone zone;  // New York around a DST change, so minutes land on both sides of it
  if (tz::Zone::make({{0, -18000}, {1678604400, -14400}}, zone)) std::abort();
  for (daily::Metric m : {daily::Metric::steps, daily::Metric::sedentary_minutes}) {
    const MinuteRead fast = read_minutes(text, m, daily::DailySeries::Reader::fast_first, zone);
    const MinuteRead slow = read_minutes(text, m, daily::DailySeries::Reader::simdjson_only, zone);
    if (bool(fast.err) != bool(slow.err) || fast.err.message != slow.err.message) std::abort();
    if (fast.records != slow.records || fast.problems.size() != slow.problems.size()) std::abort();
    for (size_t i = 0; i < fast.problems.size(); ++i)
      if (fast.problems[i].reason != slow.problems[i].reason || fast.problems[i].records != slow.problems[i].records)
        std::abort();
    if (fast.days.size() != slow.days.size()) std::abort();
    for (const auto& [day, t] : fast.days) {
      auto it = slow.days.find(day);
      if (it == slow.days.end()) std::abort();
      for (int k = 0; k < daily::kMetricCount; ++k)
        if (t.value[k] != it->second.value[k] || t.has[k] != it->second.has[k]) std::abort();
    }
  }
  const HeartRateRead whole = read_heart_rate_day(text, fitbit::HeartRateReader::fast_first);
  if (!same_heart_rate_read(whole, read_heart_rate_day(text, fitbit::HeartRateReader::simdjson_only))) std::abort();
  windows_as_whole(text, whole);
  slices_as_whole(text, whole);
}

}  // namespace ts::fuzz
