// Fields of the core's own binary formats, little-endian, one order for writing and reading.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ts {

// Little-endian fields, written and read in one order by a binary format of the core's own
// (convert/exercise_digest.h, convert/gathered.h): parts that leave the core and come back
// from a client, so every read is bounds-checked.
struct ByteOut {
  std::string& s;
  void u8(uint8_t v) { s.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    u64(bits);
  }
  void str(std::string_view v) {
    u32(static_cast<uint32_t>(v.size()));
    s.append(v);
  }
};

// Reads past the end, or a string longer than what is left, make every later read fail too;
// ok() says whether all were inside.
struct ByteIn {
  std::string_view s;
  size_t at = 0;
  bool good = true;
  bool take(size_t n) {
    if (!good || s.size() - at < n) return good = false;
    return true;
  }
  uint64_t bytes(size_t n) {
    if (!take(n)) return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
    at += n;
    return v;
  }
  uint8_t u8() { return static_cast<uint8_t>(bytes(1)); }
  uint32_t u32() { return static_cast<uint32_t>(bytes(4)); }
  uint64_t u64() { return bytes(8); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  double f64() {
    const uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  std::string str() { return std::string(view()); }
  // The same string as a view into `s`, which must outlive it.
  std::string_view view() {
    const uint32_t n = u32();
    if (!take(n)) return {};
    const std::string_view v = s.substr(at, n);
    at += n;
    return v;
  }
  bool done() const { return good && at == s.size(); }
};

}  // namespace ts
