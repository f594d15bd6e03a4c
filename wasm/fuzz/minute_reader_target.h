// What the per-minute-reader fuzzer does with one input: the input is one series file
// (steps-*.json, or a daily active-minutes file). It is read twice — the scan of Fitbit's own
// shape first (core/daily/minute_scan.h), and simdjson alone — and the two series must hold
// the same minutes, the same local-day totals and the same problems, with the same error if
// the file is refused. Any difference, crash or sanitizer report is a finding.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/daily/minute_series.h"

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
}

}  // namespace ts::fuzz
