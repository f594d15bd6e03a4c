#include "core/common/json_elements.h"

#include <cstdint>
#include <cstring>

namespace ts::json {

namespace {

// JSON's whitespace; a UTF-8 byte-order mark is not (simdjson refuses it, so no array here starts with one).
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool only_space_from(std::string_view text, size_t i) {
  for (; i < text.size(); ++i)
    if (!space(text[i])) return false;
  return true;
}

}  // namespace

bool array_elements(std::string_view text, std::vector<ByteRange>& out) {
  out.clear();
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t i = 0;
  while (i < text.size() && space(text[i])) ++i;
  if (i == text.size() || text[i] != '[') return false;
  size_t start = kNone;  // the current element's first byte
  size_t end = 0;        // one past its last non-space byte so far
  int64_t depth = 0;     // brackets and braces open inside the current element
  for (++i; i < text.size(); ++i) {
    const char c = text[i];
    if (space(c)) continue;
    if (depth == 0 && (c == ',' || c == ']')) {
      if (start == kNone) {
        // Only "[]" (or "[ ]") may close with no element before: "[,", "[1,]" are not arrays.
        if (c == ']' && out.empty()) return only_space_from(text, i + 1);
        return false;
      }
      out.push_back({start, end - start});
      start = kNone;
      if (c == ']') return only_space_from(text, i + 1);
      continue;
    }
    if (start == kNone) start = i;
    if (c == '"') {
      // A string: brackets, braces and commas inside it are text. It ends at the first quote
      // not escaped, i.e. not after an odd run of backslashes (\" is text, \\" ends it;
      // \uXXXX is plain bytes here). memchr finds each quote without a test per byte: most
      // of an exercise file is strings, and this scan is a large part of a plan's time.
      const size_t open = i;
      for (;;) {
        const void* q = std::memchr(text.data() + i + 1, '"', text.size() - i - 1);
        if (!q) return false;
        i = static_cast<size_t>(static_cast<const char*>(q) - text.data());
        size_t slashes = 0;
        while (i - slashes - 1 > open && text[i - slashes - 1] == '\\') ++slashes;
        if (slashes % 2 == 0) break;
      }
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (depth == 0) return false;  // a '}' closing nothing
      --depth;
    }
    end = i + 1;
  }
  return false;  // the array never closed
}

}  // namespace ts::json
