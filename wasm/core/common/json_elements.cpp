#include "core/common/json_elements.h"

#include <cstdint>

#include "core/common/byte_words.h"

namespace ts::json {

namespace {

// JSON's whitespace; a UTF-8 byte-order mark is not (simdjson refuses it, so no array here starts with one).
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool only_space_from(std::string_view text, size_t i) {
  for (; i < text.size(); ++i)
    if (!space(text[i])) return false;
  return true;
}

// The bytes the scan stops at outside strings. Every other byte (digits, letters, spacing,
// ':') is passed over with one table look-up: this scan reads every byte of every exercise
// file, and was the largest part of a plan's CPU after simdjson's own parse.
struct StopBytes {
  bool at[256] = {};
  constexpr StopBytes() {
    for (char c : {'"', '[', ']', '{', '}', ','}) at[static_cast<unsigned char>(c)] = true;
  }
};
constexpr StopBytes kStop;

// The first '"' at or after `from`, eight bytes at a time (common/byte_words.h); text.size()
// when there is none.
size_t find_quote(std::string_view text, size_t from) {
  size_t j = from;
  for (; j + 8 <= text.size(); j += 8)
    if (const uint64_t m = words::equal_to(words::load(text.data() + j), '"')) return j + words::first_flagged(m);
  for (; j < text.size(); ++j)
    if (text[j] == '"') return j;
  return text.size();
}

}  // namespace

bool array_elements(std::string_view text, std::vector<ByteRange>& out) {
  out.clear();
  const size_t n = text.size();
  auto skip_space = [&](size_t j) {
    while (j < n && space(text[j])) ++j;
    return j;
  };
  size_t i = skip_space(0);
  if (i == n || text[i] != '[') return false;
  i = skip_space(i + 1);
  // Only "[]" (or "[ ]") may close with no element before: "[,", "[1,]" are not arrays.
  if (i < n && text[i] == ']') return only_space_from(text, i + 1);
  for (;;) {
    if (i == n || text[i] == ',' || text[i] == ']') return false;  // never closed, or an empty element
    const size_t start = i;  // the element's first byte
    int64_t depth = 0;       // brackets and braces open inside it
    for (;;) {
      while (i < n && !kStop.at[static_cast<unsigned char>(text[i])]) ++i;
      if (i == n) return false;  // the array never closed
      const char c = text[i];
      if (c == '"') {
        // A string: brackets, braces and commas inside it are text. It ends at the first quote
        // not escaped, i.e. not after an odd run of backslashes (\" is text, \\" ends it;
        // \uXXXX is plain bytes here).
        const size_t open = i;
        for (;;) {
          i = find_quote(text, i + 1);
          if (i == n) return false;
          size_t slashes = 0;
          while (i - slashes - 1 > open && text[i - slashes - 1] == '\\') ++slashes;
          if (slashes % 2 == 0) break;
        }
        ++i;
      } else if (c == '[' || c == '{') {
        ++depth;
        ++i;
      } else if (c == ']' || c == '}') {
        if (depth == 0) {
          if (c == '}') return false;  // a '}' closing nothing
          break;                       // the array's ']'
        }
        --depth;
        ++i;
      } else if (depth == 0) {
        break;  // ',' between elements
      } else {
        ++i;
      }
    }
    size_t end = i;  // one past the element's last byte that is not space
    while (end > start && space(text[end - 1])) --end;
    out.push_back({start, end - start});
    if (text[i] == ']') return only_space_from(text, i + 1);
    i = skip_space(i + 1);
  }
}

Tail array_tail(std::string_view rest) {
  size_t i = 0;
  auto blank = [&] { while (i < rest.size() && space(rest[i])) ++i; };
  blank();
  if (i < rest.size() && rest[i] == ']') return Tail::text_after;  // closed: array_elements returned false for what follows
  if (i == rest.size() || rest[i] != ',') return Tail::defect;
  ++i;
  blank();
  if (i == rest.size() || rest[i] != ']') return Tail::defect;
  ++i;
  blank();
  return i == rest.size() ? Tail::trailing_comma : Tail::defect;
}

}  // namespace ts::json
