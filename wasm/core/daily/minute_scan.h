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
  s.ws();
  if (!s.take('[')) return false;
  s.ws();
  if (!s.take(']')) {
    for (;;) {
      s.ws();
      if (!s.take('{')) return false;
      std::string_view date_time, value_text;
      bool has_date = false, has_value = false, quoted = false;
      for (int field = 0; field < 2; ++field) {
        s.ws();
        if (field == 1) {
          if (!s.take(',')) return false;
          s.ws();
        }
        // The key, matched as its whole quoted text: any other key (or an escape in one) is
        // not the shape, as it would not be equal to either.
        const bool is_date = s.literal("\"dateTime\"");
        if (!is_date && !s.literal("\"value\"")) return false;
        s.ws();
        if (!s.take(':')) return false;
        s.ws();
        if (is_date && !has_date) {
          if (!s.string(date_time)) return false;
          has_date = true;
        } else if (!is_date && !has_value) {
          if (s.peek('"')) {
            if (!s.string(value_text)) return false;
            quoted = true;
          } else {
            if (!s.number(value_text) || value_text.size() > 17) return false;
          }
          has_value = true;
        } else {
          return false;  // one of these twice
        }
      }
      s.ws();
      if (!s.take('}')) return false;
      double v = 0;
      // A quoted value that is not a number is a record the simdjson path skips too: it reaches
      // on_record with value_ok false, as value_of returns false for it there.
      const bool ok = fitbit::parse_decimal(value_text, v) && (quoted || std::isfinite(v));
      on_record(date_time, ok, v);
      s.ws();
      if (s.take(']')) break;
      if (!s.take(',')) return false;
    }
  }
  s.ws();
  return s.at_end();
}

}  // namespace ts::daily
