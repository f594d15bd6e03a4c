// The fast path of the heart-rate reader (heart_rate_reader.h): one forward pass over a day
// file in exactly the shape Fitbit writes — an ASCII array of
// {"dateTime": "…", "value": {"bpm": N, "confidence": N}} objects, each key once (in either
// order, at either level), the dateTime a string without escapes, bpm and confidence plain
// decimal numbers. For every record it hands on what the simdjson reader
// (fitbit/record_array.h) hands on for the same record: the dateTime text, and bpm as the
// double simdjson's get_int64 or get_double gives (json_scan.h number_value: the same
// correctly rounded value; at most 17 characters, else the file is left to simdjson). On
// anything else — another key, a missing bpm, a string or null where a number is, an escape, a
// sign or exponent, a non-ASCII byte, text after the array — it returns false part way, and
// the caller drops what it was handed and reads the file with simdjson (which reports what
// is wrong, and skips and counts the records it cannot use).
//
// Why: an all-day heart-rate day is ~17,000 readings a day at 5 s (1.1 MB) and up to the
// upload's 2 MiB per file, the heaviest unit of a long history's reference steps. In
// WebAssembly simdjson has no SIMD kernel; its stage 1 and the On-Demand walk cost 5.4 ms per
// MiB in V8's baseline tier, where a cold request runs, so a 2 MiB day was over the free
// plan's 10 ms. tests/cpp/heart_rate_scan_test.cpp compares the two paths, case by case, and
// the minute fuzz target compares them on every input.
#pragma once
#include <string_view>

#include "core/fitbit/json_scan.h"

namespace ts::fitbit {

// One record of the accepted shape at the cursor (its '{'): its dateTime text and bpm.
inline bool heart_rate_record(JsonScan& s, std::string_view& date_time, double& bpm) {
  std::string_view confidence;  // read for its shape only
  return two_key_object(
      s, "\"dateTime\"", "\"value\"", [&] { return s.string(date_time); },
      [&] {
        return two_key_object(
            s, "\"bpm\"", "\"confidence\"", [&] { return number_value(s, bpm); }, [&] { return s.number(confidence); });
      });
}

// The key a record of the accepted shape names its time with.
inline constexpr std::string_view kDateTimeKey = "\"dateTime\"";

// The '{' of the record whose first key is the `kDateTimeKey` found at `key`: the byte before
// it and its blanks, when that is a '{' at or after `floor`; npos otherwise (a key that is not
// its object's first, or a "dateTime" in no object of ours). The day readers that search a
// file for keys instead of walking it — the slices' boundaries (heart_rate_slices.cpp) and the
// workout windows' bisection (heart_rate_window.cpp) — start reading at a record this way.
inline size_t record_open_before(std::string_view d, size_t key, size_t floor) {
  size_t b = key;
  while (b > floor && json_blank(d[b - 1])) --b;
  return b > floor && d[b - 1] == '{' ? b - 1 : std::string_view::npos;
}

// on_record(date_time, bpm) per record, in file order. Returns whether the whole file had the
// accepted shape.
template <typename OnRecord>
bool scan_heart_rate_records(std::string_view data, OnRecord&& on_record) {
  JsonScan s(data);
  return whole_array(s, [&] {
    std::string_view date_time;
    double bpm = 0;
    if (!heart_rate_record(s, date_time, bpm)) return false;
    on_record(date_time, bpm);
    return true;
  });
}

}  // namespace ts::fitbit
