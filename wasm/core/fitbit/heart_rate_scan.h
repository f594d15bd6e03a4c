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

namespace heart_rate_scan {

// {"bpm": N, "confidence": N}, each once, either order: bpm's value.
inline bool value_object(JsonScan& s, double& bpm) {
  if (!s.take('{')) return false;
  bool has_bpm = false, has_confidence = false;
  for (int field = 0; field < 2; ++field) {
    s.ws();
    if (field == 1) {
      if (!s.take(',')) return false;
      s.ws();
    }
    const bool is_bpm = s.literal("\"bpm\"");
    if (!is_bpm && !s.literal("\"confidence\"")) return false;
    s.ws();
    if (!s.take(':')) return false;
    s.ws();
    if (is_bpm && !has_bpm) {
      if (!number_value(s, bpm)) return false;
      has_bpm = true;
    } else if (!is_bpm && !has_confidence) {
      std::string_view confidence;  // read for its shape only: the reader does not use it
      if (!s.number(confidence)) return false;
      has_confidence = true;
    } else {
      return false;  // one of these twice
    }
  }
  s.ws();
  return s.take('}');
}

}  // namespace heart_rate_scan

// on_record(date_time, bpm) per record, in file order. Returns whether the whole file had the
// accepted shape.
template <typename OnRecord>
bool scan_heart_rate_records(std::string_view data, OnRecord&& on_record) {
  JsonScan s(data);
  s.ws();
  if (!s.take('[')) return false;
  s.ws();
  if (!s.take(']')) {
    for (;;) {
      s.ws();
      if (!s.take('{')) return false;
      std::string_view date_time;
      double bpm = 0;
      bool has_date = false, has_value = false;
      for (int field = 0; field < 2; ++field) {
        s.ws();
        if (field == 1) {
          if (!s.take(',')) return false;
          s.ws();
        }
        // Each key matched as its whole quoted text: any other key (or an escape in one) is
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
          if (!heart_rate_scan::value_object(s, bpm)) return false;
          has_value = true;
        } else {
          return false;  // one of these twice
        }
      }
      s.ws();
      if (!s.take('}')) return false;
      on_record(date_time, bpm);
      s.ws();
      if (s.take(']')) break;
      if (!s.take(',')) return false;
    }
  }
  s.ws();
  return s.at_end();
}

}  // namespace ts::fitbit
