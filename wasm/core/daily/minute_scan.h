// The fast path of the per-minute reader (minute_series.h): one forward pass over a series
// file in exactly the shape Fitbit writes — an ASCII array of {"dateTime": "…", "value": "…"}
// objects with those two keys once each (in either order), the value a string without
// escapes or a plain decimal number. For every record it hands on what the simdjson reader
// (fitbit/record_array.h) hands on for the same record: the dateTime text, and the value as
// minute_series.cpp's value_of reads it (a string through parse_decimal; a number, at most 17
// characters, through parse_decimal too, which rounds as simdjson does). On anything else —
// another key, a nested or null value, an escape, a sign or exponent, a non-ASCII byte, text
// after the array — it returns false part way, and the caller drops what it was handed and
// reads the file with simdjson (which reports what is wrong).
//
// Why: a month of per-minute steps is ~45,000 records (2 MB), the largest unit a server step
// reads. In WebAssembly simdjson has no SIMD kernel, so its stage 1 plus the On-Demand walk
// cost most of that step; this pass reads each byte once and builds nothing.
// tests/cpp/minute_scan_test.cpp compares the two paths, case by case.
#pragma once
#include <cmath>
#include <string_view>

#include "core/fitbit/json_scan.h"
#include "core/fitbit/text_number.h"

namespace ts::daily {

// on_record(date_time, value_ok, value) per record, in file order. Returns whether the whole
// file had the accepted shape.
template <typename OnRecord>
bool scan_minute_records(std::string_view data, OnRecord&& on_record) {
  fitbit::JsonScan s(data);
  return fitbit::whole_array(s, [&] {
    std::string_view date_time, value_text;
    bool quoted = false;
    const bool shape = fitbit::two_key_object(
        s, "\"dateTime\"", "\"value\"", [&] { return s.string(date_time); },
        [&] {
          if (s.peek('"')) return quoted = s.string(value_text);
          return s.number(value_text) && value_text.size() <= 17;
        });
    if (!shape) return false;
    double v = 0;
    // A quoted value that is not a number is a record the simdjson path skips too: it reaches
    // on_record with value_ok false, as value_of returns false for it there.
    const bool ok = fitbit::parse_decimal(value_text, v) && (quoted || std::isfinite(v));
    on_record(date_time, ok, v);
    return true;
  });
}

}  // namespace ts::daily
