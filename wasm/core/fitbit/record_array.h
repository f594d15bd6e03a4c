// Reading an export file that is a JSON array of {"dateTime": …, "value": …} records (per-minute
// series, heart-rate days; up to ~70,000 records a file) with simdjson On-Demand: each value is
// parsed when it is visited and never held as a DOM, so a file costs about 5 times its size in
// memory (its structural index and a padded copy) instead of the DOM's ~15. That is what keeps
// a conversion step's memory near its input's size.
//
// A syntax error may be found only part way through (On-Demand parses as it goes), so records
// before it have already been handed on: a caller that must take a file whole or not at all
// keeps what it was handed until read_record_array returns without error.
#pragma once
#include <string_view>

#include "core/common/status.h"
#include "simdjson.h"

namespace ts::fitbit {

namespace od = simdjson::ondemand;

// Errors a record can have without the file being broken: the caller skips the record.
inline bool record_level(simdjson::error_code e) {
  return e == simdjson::INCORRECT_TYPE || e == simdjson::NO_SUCH_FIELD || e == simdjson::NUMBER_ERROR ||
         e == simdjson::NUMBER_OUT_OF_RANGE;
}

// Calls on_record(date_time, value) for each record that is an object with a string
// "dateTime" and a "value" (in any order); on_record returns false for a value it cannot use.
// Every other record counts in `skipped`. Errors (format): "not valid JSON", or `not_array`
// when the document is valid but not an array.
template <typename OnRecord>
Error read_record_array(std::string_view data, bool padded, const char* not_array, OnRecord&& on_record, int64_t& skipped) {
  simdjson::padded_string copy;
  simdjson::padded_string_view view(data.data(), data.size(), data.size() + simdjson::SIMDJSON_PADDING);
  if (!padded) {
    copy = simdjson::padded_string(data.data(), data.size());
    view = simdjson::padded_string_view(copy);
  }
  od::parser parser;
  od::document doc;
  od::array records;
  if (parser.iterate(view).get(doc)) return fail(Status::format, "not valid JSON");
  if (const auto err = doc.get_array().get(records)) {
    // On-Demand looks at the first character only: whether the rest is JSON at all ("not json"
    // against {"a": 1}) takes a full parse, done only for this rare case.
    simdjson::dom::parser dom;
    simdjson::dom::element whole;
    const bool valid = err == simdjson::INCORRECT_TYPE && !dom.parse(view.data(), view.length(), false).get(whole);
    return fail(Status::format, valid ? not_array : "not valid JSON");
  }
  for (auto rec_result : records) {
    od::value rec;
    if (std::move(rec_result).get(rec)) return fail(Status::format, "not valid JSON");
    od::object obj;
    std::string_view date_time;
    od::value value;
    simdjson::error_code e = rec.get_object().get(obj);
    if (!e) e = obj["dateTime"].get_string().get(date_time);
    if (!e) e = obj["value"].get(value);
    if (e) {
      if (!record_level(e)) return fail(Status::format, "not valid JSON");
      ++skipped;
      continue;
    }
    if (!on_record(date_time, value)) ++skipped;
  }
  // Past the array's end there is nothing left to read ("[…] x" is not JSON).
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return fail(Status::format, "not valid JSON");
  return {};
}

}  // namespace ts::fitbit
