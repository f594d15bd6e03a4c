// same_bytes (common/same_bytes.h) is the readers' key test and the steps' name lookup: it must
// answer exactly as std::string_view's == does, across its 8-byte words, the overlapping word
// that ends a longer string, the two half-words of a 4-7-byte one, and the bytes of a shorter one.
// compare_bytes (the same header) orders keys as std::string_view::compare does, on the same
// rows and on rows where reading a word in memory order (its lowest byte first) would mislead.
#include <catch2/catch.hpp>
#include <string>

#include "core/common/same_bytes.h"

TEST_CASE("same_bytes: equal exactly when == says so", "[common]") {
  struct Row {
    int n;
    const char* why;
    std::string a, b;
  };
  const Row rows[] = {
      {1, "two empty strings", "", ""},
      {2, "one empty", "", "a"},
      {3, "a key and a longer one that starts with it", "weight", "weights"},
      {4, "short and equal (the tail loop alone)", "bmi", "bmi"},
      {5, "short, the last byte differs", "bmi", "bmx"},
      {6, "exactly one word, equal", "01/06/23", "01/06/23"},
      {7, "exactly one word, the first byte differs", "01/06/23", "11/06/23"},
      {8, "a word and a tail byte, the tail differs", "\"dateTime\"", "\"dateTimf\""},
      {9, "two words and a tail, equal", "Takeout/Fitbit/Global Export Data", "Takeout/Fitbit/Global Export Data"},
      {10, "two words, the second word differs", "Takeout/Fitbit/Global", "Takeout/Fitbit/Globel"},
      {11, "bytes past 0x7f", "\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9"},
      {12, "a NUL inside", std::string("ab\0cd", 5), std::string("ab\0ce", 5)},
      {13, "four to seven bytes: two overlapping half-words, equal", "\"fat\": ", "\"fat\": "},
      {14, "four to seven bytes: only the last byte differs", "\"fat\": ", "\"fat\":\t"},
      {15, "four to seven bytes: only the first byte differs", "\"fat\"", "'fat\""},
      {16, "a word and an overlapping tail word, only the last byte differs", ",\n  \"weight\": ", ",\n  \"weight\":\t"},
      {17, "a word and an overlapping tail word, a middle byte differs", ",\n  \"weight\": ", ",\n  \"wEight\": "},
      {18, "one word: the first byte is smaller, the last larger (the first decides)", "2024-01-9", "2024-02-0"},
      {19, "a byte past 0x7f sorts after ASCII, as unsigned", "2024-01-01\xc3", "2024-01-01a"},
      {20, "a prefix sorts first, past a whole word", "2024-01-01", "2024-01-01 "},
      {21, "the second word decides", "2024-01-02,07:00", "2024-01-02,06:59"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    CHECK(ts::same_bytes(r.a, r.b) == (std::string_view(r.a) == std::string_view(r.b)));
    CHECK(ts::same_bytes(r.b, r.a) == (std::string_view(r.a) == std::string_view(r.b)));
    CHECK(ts::BytesLess{}(r.a, r.b) == (std::string_view(r.a) < std::string_view(r.b)));
    const auto sign = [](int v) { return (v > 0) - (v < 0); };
    CHECK(ts::compare_bytes(r.a, r.b) == sign(std::string_view(r.a).compare(r.b)));
    CHECK(ts::compare_bytes(r.b, r.a) == sign(std::string_view(r.b).compare(r.a)));
  }
}
