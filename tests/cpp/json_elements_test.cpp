// The array scanner the plan finds workout records with (core/common/json_elements.h):
// numbered rows, each an input and why it is there. Where simdjson accepts the text as an
// array, the scanner must find exactly its elements, in order (each slice parses to the same
// value as simdjson's element i); where the text is not one array, it says so. The exercise
// fuzz target makes the same comparison on every input.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/common/json_elements.h"
#include "simdjson.h"

namespace {

struct Row {
  int n;
  const char* text;
  bool array;                       // the scanner takes it as one array
  std::vector<std::string> slices;  // the elements' bytes, when it does
  const char* why;
};

const Row kRows[] = {
    {1, "[]", true, {}, "no elements"},
    {2, " \n[ \t]\r\n ", true, {}, "whitespace around and inside an empty array"},
    {3, "[1,2,3]", true, {"1", "2", "3"}, "scalars, no whitespace"},
    {4, "[ {\"a\": [1, {\"b\": 2}]} ,\n  \"x\" ]", true, {"{\"a\": [1, {\"b\": 2}]}", "\"x\""},
     "nested arrays and objects are one element; whitespace around an element is not its bytes"},
    {5, R"(["]", "}", "{[,", {"n": "]}"}])", true, {R"("]")", R"("}")", R"("{[,")", R"({"n": "]}"})"},
     "brackets, braces and commas inside strings are text"},
    {6, R"(["a\"b", "c\\", {"k": "\\\"}"}, "\\\\"])", true, {R"("a\"b")", R"("c\\")", R"({"k": "\\\"}"})", R"("\\\\")"},
     "escaped quotes and backslashes: a string ends at the first quote no backslash escapes"},
    {7, "[{\"n\":\"\\u005d\\u007d\"}, \"\xC3\xA9\xC2\xBB]\"]", true, {"{\"n\":\"\\u005d\\u007d\"}", "\"\xC3\xA9\xC2\xBB]\""},
     "\\u escapes and UTF-8 bytes: offsets count bytes"},
    {8, "[true,false,null,-1.5e3,\"s\"]", true, {"true", "false", "null", "-1.5e3", "\"s\""}, "every kind of scalar"},
    {9, "[[],{},[[]],{\"a\":{}}]", true, {"[]", "{}", "[[]]", "{\"a\":{}}"}, "empty nested values"},
    {10, "", false, {}, "nothing"},
    {11, "{}", false, {}, "an object, not an array"},
    {12, "[1,]", false, {}, "an empty last element"},
    {13, "[,1]", false, {}, "an empty first element"},
    {14, "[1", false, {}, "never closed"},
    {15, "[\"abc]", false, {}, "a string never closed swallows the bracket"},
    {16, "[\"\\\"]", false, {}, "an escaped quote does not close its string"},
    {17, "[1] x", false, {}, "text after the array"},
    {18, "[}]", false, {}, "a brace closing nothing"},
    {19, "\xEF\xBB\xBF[1]", false, {}, "a UTF-8 byte-order mark (simdjson refuses it too)"},
};

}  // namespace

TEST_CASE("json elements: the byte ranges of a top-level array's elements", "[json]") {
  for (const Row& r : kRows) {
    INFO("row " << r.n << ": " << r.why);
    const std::string text = r.text;
    std::vector<ts::json::ByteRange> ranges;
    REQUIRE(ts::json::array_elements(text, ranges) == r.array);
    if (!r.array) continue;
    std::vector<std::string> slices;
    for (const auto& g : ranges) slices.push_back(text.substr(g.offset, g.length));
    CHECK(slices == r.slices);
  }
}

TEST_CASE("json elements: where simdjson reads an array, element i is simdjson's element i", "[json]") {
  for (const Row& r : kRows) {
    INFO("row " << r.n << ": " << r.why);
    const std::string text = r.text;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::dom::array arr;
    const bool simdjson_array = !parser.parse(text).get(doc) && !doc.get_array().get(arr);
    std::vector<ts::json::ByteRange> ranges;
    CHECK(ts::json::array_elements(text, ranges) == simdjson_array);
    if (!simdjson_array) continue;
    REQUIRE(ranges.size() == arr.size());
    size_t i = 0;
    for (simdjson::dom::element e : arr) {
      simdjson::dom::parser one;
      simdjson::dom::element alone;
      REQUIRE_FALSE(one.parse(text.substr(ranges[i].offset, ranges[i].length)).get(alone));
      CHECK(simdjson::minify(alone) == simdjson::minify(e));
      ++i;
    }
  }
}
