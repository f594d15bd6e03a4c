// Reader for heart-rate day files (`heart_rate-2023-01-25.json`, one per UTC day, up to
// ~70,000 readings): {"dateTime":"01/25/23 13:00:07","value":{"bpm":54,"confidence":2}},
// dateTime in UTC. Readings are handed to a callback one by one, so a caller keeps only what
// it needs (a workout's window, a per-day summary), never the whole day.
#pragma once
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/heart_rate_scan.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/record_array.h"

namespace ts::fitbit {

// Which reader reads a file: the scan of Fitbit's own shape first (heart_rate_scan.h), simdjson
// when the scan gives up; simdjson alone is the reference the tests and the fuzzer compare
// the scan with.
enum class HeartRateReader { fast_first, simdjson_only };

// Calls on_reading(utc_sec, bpm) for every readable reading with 0 < bpm < 255, in file
// order; counts the others in one problem of `path`. Errors (format) when the file is not a
// JSON array of readings, and then calls nothing: readings are handed on once the whole file
// has been read (a day's readings are 12 bytes each, a fraction of the file).
template <typename OnReading>
Error read_heart_rate(std::string_view path, std::string_view data, bool padded, OnReading&& on_reading,
                      Problems& problems, HeartRateReader reader = HeartRateReader::fast_first) {
  struct Reading {
    int64_t sec;
    int32_t bpm;
  };
  std::vector<Reading> readings;
  int64_t skipped = 0;
  // One record's reading, the same rules on both paths. A day file's stamps share their date
  // part, which ExportDateTimeReader reads once (it gives parse_export_datetime's answers).
  ExportDateTimeReader stamps;
  const auto take = [&](std::string_view date_time, double bpm) {
    int64_t sec;
    if (!stamps.read(date_time, sec) || !std::isfinite(bpm) || bpm <= 0 || bpm >= 255) return false;
    readings.push_back({sec, static_cast<int32_t>(std::lround(bpm))});
    return true;
  };
  bool scanned = reader == HeartRateReader::fast_first && scan_heart_rate_records(data, [&](std::string_view date_time, double bpm) {
                   if (!take(date_time, bpm)) ++skipped;
                 });
  if (!scanned) {
    // Not the shape the scan takes: what it handed on is dropped, and simdjson reads the file.
    readings.clear();
    skipped = 0;
    stamps = ExportDateTimeReader();
    const Error err = read_record_array(
        data, padded, "expected a JSON array of heart-rate readings",
        [&](std::string_view date_time, od::value value) {
          int64_t i;
          double bpm;
          od::value b;
          if (value["bpm"].get(b)) return false;
          if (!b.get_int64().get(i)) bpm = static_cast<double>(i);
          else if (b.get_double().get(bpm)) return false;
          return take(date_time, bpm);
        },
        skipped);
    if (err) return err;
  }
  for (const Reading& r : readings) on_reading(r.sec, r.bpm);
  add_skipped_count(problems, path, skipped, "reading(s) not readable");
  return {};
}

}  // namespace ts::fitbit
