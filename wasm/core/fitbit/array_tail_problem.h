// What a reader says of a JSON file json::array_elements could not take whole, by the text
// after the last element it found (json::array_tail): a comma before the closing ']' or text
// after the array lose nothing, and are said as a value left out; anything else is a file cut
// short (or broken) there, whose records from that one on were not read. One switch for every
// reader that reads a file by its elements (the weight JSON, exercise files, per-minute files),
// so they say it in the same words.
#pragma once
#include <string_view>

#include "core/common/json_elements.h"
#include "core/fitbit/problem.h"

namespace ts::fitbit {

inline constexpr const char* kCutShortReason = "not valid JSON from this record on; the rest of the file was not read";

// `rest`: the file's text after its last element found. `cut`: the problem for a defect, as
// the reader numbers records (built by the caller with kCutShortReason).
inline Problem array_tail_problem(std::string_view path, std::string_view rest, Problem cut) {
  switch (json::array_tail(rest)) {
    case json::Tail::trailing_comma:
      return value_dropped(path, -1, "has a comma after its last record, which JSON does not allow; every record was read");
    case json::Tail::text_after:
      return value_dropped(path, -1, "has text after its array's end, which was not read; every record was read");
    case json::Tail::defect:
      break;
  }
  return cut;
}

}  // namespace ts::fitbit
