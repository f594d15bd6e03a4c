#include "core/common/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/common/byte_words.h"
#include "core/common/number_text.h"
#include "simdjson.h"

namespace ts::json {

void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  // Runs of bytes that need no escape are appended whole: a plan writes ~3,000 paths, and a
  // push_back per byte was a tenth of its CPU in WASM.
  size_t plain = 0;  // the start of the run not yet appended
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none needs an escape (common/byte_words.h).
    while (s.size() - i >= 8) {
      const uint64_t x = words::load(s.data() + i);
      const uint64_t stop = words::equal_to(x, '"') | words::equal_to(x, '\\') | words::below(x, 0x20);
      if (stop) {
        i += words::first_flagged(stop);
        break;
      }
      i += 8;
    }
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out.push_back('"');
}

Writer Writer::into_members(std::string& members) {
  Writer w(members);
  w.depth_ = 1;
  if (!members.empty()) w.has_items_ = 1;
  return w;
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  const uint64_t bit = uint64_t{1} << (depth_ - 1);
  if (has_items_ & bit) out_.push_back(',');
  has_items_ |= bit;
}

void Writer::open(char c) {
  before_value();
  out_.push_back(c);
  ++depth_;
  const uint64_t bit = uint64_t{1} << (depth_ - 1);
  has_items_ &= ~bit;
  if (c == '[') is_array_ |= bit;
  else is_array_ &= ~bit;
}

Writer& Writer::object() {
  open('{');
  return *this;
}

Writer& Writer::array() {
  open('[');
  return *this;
}

Writer& Writer::end() {
  const uint64_t bit = uint64_t{1} << (depth_ - 1);
  out_.push_back(is_array_ & bit ? ']' : '}');
  --depth_;
  return *this;
}

Writer& Writer::key(std::string_view k) {
  before_value();
  append_string(out_, k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

Writer& Writer::value(std::string_view s) {
  before_value();
  append_string(out_, s);
  return *this;
}

Writer& Writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

namespace {
// The digits of v, appended from a stack buffer: std::to_string made a string per number to
// append (a plan writes ~20,000). std::to_chars, not a digit loop of our own: WebAssembly has
// no 64-bit multiply-high, so a division by 10 per digit stays a real division, where libc++
// works in 32-bit chunks (a loop of ours made gathering a fifth slower in V8's baseline tier).
template <class T>
void append_number(std::string& out, T v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}
}  // namespace

Writer& Writer::integer(int64_t v) {
  before_value();
  append_number(out_, v);
  return *this;
}

Writer& Writer::unsigned_integer(uint64_t v) {
  before_value();
  append_number(out_, v);
  return *this;
}

Writer& Writer::value(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  out_ += buf;
  return *this;
}

Writer& Writer::exact(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  // Grisu2 (simdjson's own double printer, the one its minify uses; Emscripten's libc++ has no
  // std::to_chars for doubles): a short text that reads back to the same bits, "81.6" rather
  // than "%.17g"'s "81.599999999999994", and no printf per number (a month of per-minute data
  // writes a day's sum per metric with it).
  char buf[32];
  const char* end = simdjson::internal::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, static_cast<size_t>(end - buf));
  return *this;
}

Writer& Writer::fixed(double v, int decimals) {
  before_value();
  out_ += text::format_number(v, decimals);
  return *this;
}

Writer& Writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

Writer& Writer::raw(std::string_view value) {
  before_value();
  out_ += value;
  return *this;
}

Writer& Writer::members(std::string_view written) {
  if (written.empty()) return *this;
  before_value();
  out_ += written;
  return *this;
}

}  // namespace ts::json
