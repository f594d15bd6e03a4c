// Reader for heart-rate day files (`heart_rate-2023-01-25.json`, one per UTC day, up to
// ~70,000 readings): {"dateTime":"01/25/23 13:00:07","value":{"bpm":54,"confidence":2}},
// dateTime in UTC. Readings are handed to a callback one by one, so a caller keeps only what
// it needs (a workout's window, a per-day summary), never the whole day.
#pragma once
#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/common/status.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/problem.h"
#include "simdjson.h"

namespace ts::fitbit {

// Calls on_reading(utc_sec, bpm) for every readable reading with 0 < bpm < 255, in file
// order; counts the others in one problem of `path`. Errors (format) when the file is not a
// JSON array.
template <typename OnReading>
Error read_heart_rate(std::string_view path, std::string_view data, bool padded, OnReading&& on_reading,
                      Problems& problems) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(data.data(), data.size(), !padded).get(doc)) return fail(Status::format, "not valid JSON");
  simdjson::dom::array arr;
  if (doc.get_array().get(arr)) return fail(Status::format, "expected a JSON array of heart-rate readings");
  int64_t skipped = 0;
  for (simdjson::dom::element r : arr) {
    std::string_view dt;
    int64_t sec, i;
    double bpm;
    simdjson::dom::element b;
    bool ok = !r["dateTime"].get_string().get(dt) && parse_export_datetime(dt, sec) && !r["value"]["bpm"].get(b);
    if (ok) {
      if (!b.get_int64().get(i)) bpm = static_cast<double>(i);
      else ok = !b.get_double().get(bpm) && std::isfinite(bpm);
    }
    if (!ok || bpm <= 0 || bpm >= 255) {
      ++skipped;
      continue;
    }
    on_reading(sec, static_cast<int32_t>(std::lround(bpm)));
  }
  add_skipped_count(problems, path, skipped, "reading(s) not readable");
  return {};
}

}  // namespace ts::fitbit
