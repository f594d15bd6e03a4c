// Where each element of a top-level JSON array lies in its text: the plan hands a workouts
// step the bytes of its own records (convert/workout_records.h), so the step parses a few
// hundred bytes instead of its whole exercise file.
//
// A scanner, not a parser: it follows strings (with their backslash escapes) and nesting,
// nothing else, and is meant for text simdjson has already accepted as an array. For such
// text it finds simdjson's elements exactly, in order: element i is the array's i-th value
// (tests/cpp/json_elements_test.cpp compares the two; so does the exercise fuzz target, on
// every input). On other text it may return false or ranges of no meaning; never reads
// outside `text`.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace ts::json {

struct ByteRange {
  size_t offset = 0, length = 0;  // the element's first byte, and its bytes up to its last (no whitespace around)
};

// The ranges of the array's elements into `out` (replaced). False when `text` is not shaped as
// one array: no '[' first, brackets that do not close, an empty element ("[1,,2]"), or
// anything but whitespace after the closing ']'; `out` then holds the elements that ended
// before the defect (an exercise file simdjson refuses is read by them, exercise_reader.h).
bool array_elements(std::string_view text, std::vector<ByteRange>& out);

// Where array_elements stopped, when it returned false with elements found: `rest` is the text
// after the last of them. A reader names the defect by it (exercise_reader.cpp, weight_json.cpp).
enum class Tail {
  trailing_comma,  // a comma and the array's ']' alone ("…},\n]"): every element was found
  text_after,      // the array closed and text follows it: every element was found
  defect,          // anything else: the elements after the last found were not
};
Tail array_tail(std::string_view rest);

}  // namespace ts::json
