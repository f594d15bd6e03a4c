// common/byte_words.h: words::less orders byte strings exactly as std::string_view does — the
// file table's name order (file_table.h), which decides the order of every plan's steps and
// files. Numbered rows of the edges of an eight-byte compare, then random strings of a small
// alphabet (long shared prefixes, bytes of 0x80 and above) against the standard order.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>

#include "core/common/byte_words.h"

using ts::words::less;

TEST_CASE("byte words: less is std::string_view's order", "[words]") {
  struct Row {
    int n;
    const char* why;
    std::string a, b;
  };
  const std::vector<Row> rows = {
      {1, "equal strings are not less either way", "Takeout/Fitbit/a.json", "Takeout/Fitbit/a.json"},
      {2, "a proper prefix is less", "Takeout/Fitbit", "Takeout/Fitbit/"},
      {3, "the difference in the first byte of a word weighs most (not the word's lowest in memory)", "abcdefgZ", "bbcdefgA"},
      {4, "a difference in the eighth byte", "abcdefgA", "abcdefgB"},
      {5, "a difference just past the first word", "abcdefghA", "abcdefghB"},
      {6, "bytes of 0x80 and above are above ASCII (unsigned)", "Takeout/\xc3\xbc", "Takeout/z"},
      {7, "the empty string is less than any other", "", "a"},
      {8, "a shorter string with a larger byte is greater", "Takeout/Fitbit/b", "Takeout/Fitbit/aaaaaaaaaaaa"},
      {9, "a NUL byte is below every other", std::string("abcdefgh\0", 9), "abcdefgh\x01"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    CHECK(less(r.a, r.b) == (std::string_view(r.a) < std::string_view(r.b)));
    CHECK(less(r.b, r.a) == (std::string_view(r.b) < std::string_view(r.a)));
  }
  std::mt19937 rng(7);
  const std::string alphabet = std::string("Ta/-0\x80\xff", 7);
  auto random_string = [&]() {
    std::string s = "Takeout/Fitbit/";
    for (size_t k = rng() % 20; k > 0; --k) s.push_back(alphabet[rng() % alphabet.size()]);
    return s;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a = random_string(), b = random_string();
    INFO("random pair " << i);
    REQUIRE(less(a, b) == (std::string_view(a) < std::string_view(b)));
  }
}
