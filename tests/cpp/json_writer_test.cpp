// The JSON writer: commas, colons, nesting, escaping and number formats, one numbered case per
// shape the core writes.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>

#include "core/common/json_writer.h"

namespace json = ts::json;

TEST_CASE("json writer: every shape the core writes", "[json]") {
  struct Case {
    int n;
    const char* why;
    std::function<void(json::Writer&)> write;
    const char* out;
  };
  const Case cases[] = {
      {1, "an empty object and an empty array", [](json::Writer& w) { w.array().object().end().array().end().end(); },
       "[{},[]]"},
      {2, "members are separated by commas, keys by colons",
       [](json::Writer& w) { w.object().member("a", 1).member("b", "x").member("c", true).end(); },
       R"({"a":1,"b":"x","c":true})"},
      {3, "nested containers close in order",
       [](json::Writer& w) { w.object().key("k").array().array().value(1).value(-2).end().object().end().end().end(); },
       R"({"k":[[1,-2],{}]})"},
      {4, "strings are escaped: quote, backslash, newline, tab, control characters",
       [](json::Writer& w) { w.value(std::string("a\"b\\c\nd\te\x01", 10)); }, R"("a\"b\\c\nd\te\u0001")"},
      {5, "keys are escaped like values", [](json::Writer& w) { w.object().member("k\"", 0).end(); }, R"({"k\"":0})"},
      {6, "doubles: up to 10 significant digits, no trailing zeros",
       [](json::Writer& w) { w.array().value(72.5).value(0.01).value(1500.0).value(1.0 / 3).end(); },
       "[72.5,0.01,1500,0.3333333333]"},
      {7, "a double that is not finite is null", [](json::Writer& w) { w.array().value(NAN).value(INFINITY).end(); },
       "[null,null]"},
      {8, "fixed decimals drop trailing zeros and never write -0",
       [](json::Writer& w) { w.array().fixed(1.25, 3).fixed(54.0, 3).fixed(-0.0001, 3).end(); }, "[1.25,54,0]"},
      {9, "integers of every width, signed and unsigned",
       [](json::Writer& w) {
         w.array().value(int64_t{-9007199254740993}).value(uint8_t{7}).value(size_t{42}).value(int32_t{-1}).end();
       },
       "[-9007199254740993,7,42,-1]"},
      {10, "null and a const char* (not taken for a bool)",
       [](json::Writer& w) {
         const char* s = "text";
         w.object().key("n").null().member("s", s).end();
       },
       R"({"n":null,"s":"text"})"},
      {11, "members written elsewhere are spliced with one comma either side",
       [](json::Writer& w) {
         std::string members;
         json::Writer::into_members(members).member("x", 1).member("y", 2);
         w.object().member("a", 0).members(members).member("z", 3).end();
       },
       R"({"a":0,"x":1,"y":2,"z":3})"},
      {12, "no members written elsewhere: nothing spliced, no stray comma",
       [](json::Writer& w) {
         std::string members;
         w.object().member("a", 0).members(members).end();
       },
       R"({"a":0})"},
      {13, "members continued into a non-empty string start with a comma",
       [](json::Writer& w) {
         std::string members;
         json::Writer::into_members(members).member("x", 1);
         json::Writer::into_members(members).member("y", 2);
         w.object().members(members).end();
       },
       R"({"x":1,"y":2})"},
      // Strings are copied eight bytes at a time up to the first byte that needs an escape.
      {14, "a string of several words, escapes in the second word and as the very last byte",
       [](json::Writer& w) { w.value(std::string("Takeout/F\"it\"bit/Global Export Data\\")); },
       R"("Takeout/F\"it\"bit/Global Export Data\\")"},
      {15, "bytes past 0x7f and DEL pass unchanged, a control byte in a long run is escaped",
       [](json::Writer& w) { w.value(std::string("caf\xc3\xa9 \x7f long enough\x1f!")); },
       "\"caf\xc3\xa9 \x7f long enough\\u001f!\""},
      {16, "exactly one word, no escape; and an empty string", [](json::Writer& w) { w.array().value("12345678").value("").end(); },
       R"(["12345678",""])"},
      {17, "integers at the ends of their ranges, and zero (written from a stack buffer by std::to_chars)",
       [](json::Writer& w) {
         w.array().value(INT64_MIN).value(INT64_MAX).value(UINT64_MAX).value(int64_t{0}).value(uint64_t{0}).value(int64_t{-10}).end();
       },
       "[-9223372036854775808,9223372036854775807,18446744073709551615,0,0,-10]"},
  };
  for (const Case& c : cases) {
    SECTION("case " + std::to_string(c.n) + ": " + c.why) {
      std::string out;
      json::Writer w(out);
      c.write(w);
      CHECK(out == c.out);
    }
  }
}
