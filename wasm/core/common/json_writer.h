// Writing JSON text. The core's outputs are small and their member order is part of the
// byte-identical-output promise, so they are streamed in a fixed order into one string rather
// than built as a tree and serialized (a tree library would also format doubles its own way
// and add its serializer to core.wasm).
//
//   std::string out;
//   json::Writer w(out);
//   w.object().member("files", 3).key("kinds").array().value("weight").end().end();
//   -> {"files":3,"kinds":["weight"]}
//
// The writer places the commas and colons; callers only say what comes next.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace ts::json {

// Appends `s` as a JSON string literal (quotes and escapes included).
void append_string(std::string& out, std::string_view s);

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  // A writer that continues an object whose members (no braces) are `members`: for members
  // decided in one place and written into an object in another (see members()).
  static Writer into_members(std::string& members);

  Writer& object();
  Writer& array();
  Writer& end();  // closes the innermost open object or array
  Writer& key(std::string_view k);

  Writer& value(std::string_view s);
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  Writer& value(bool b);
  // Integers as std::to_string writes them.
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Writer& value(T v) {
    if constexpr (std::is_signed_v<T>) return integer(static_cast<int64_t>(v));
    else return unsigned_integer(static_cast<uint64_t>(v));
  }
  // A finite double with up to 10 significant digits ("72.5", "0.01", "1500"); null otherwise.
  Writer& value(double v);
  // A double that reads back to the same bits (Grisu2: short, not always the shortest): for
  // values handed from one core call to another (a step's per-minute partial sums).
  Writer& exact(double v);
  // A double with at most `decimals` places and no trailing zeros ("53.01", "54").
  Writer& fixed(double v, int decimals);
  Writer& null();
  // A value already written as JSON (by this writer, in another core call), as it is.
  Writer& raw(std::string_view value);
  // Members written by into_members(), spliced into the open object.
  Writer& members(std::string_view written);

  template <typename T>
  Writer& member(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  Writer& member(std::string_view k, const char* v) {
    key(k);
    return value(v);
  }

 private:
  Writer& integer(int64_t v);
  Writer& unsigned_integer(uint64_t v);
  void open(char c);
  void before_value();

  std::string& out_;
  uint64_t has_items_ = 0;  // bit d: the container at depth d already holds an item
  uint64_t is_array_ = 0;   // bit d: the container at depth d is an array
  int depth_ = 0;           // open containers; at most 64 (the core's documents nest 4 deep)
  bool after_key_ = false;
};

}  // namespace ts::json
