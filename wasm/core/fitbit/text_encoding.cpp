#include "core/fitbit/text_encoding.h"

#include "simdjson.h"

namespace ts::fitbit {

namespace {
constexpr std::string_view kWide =
    "is UTF-16 text (as a spreadsheet saves \"Unicode text\"), not the UTF-8 text Fitbit writes: use the file "
    "as it came in the export, or save it again as UTF-8";
constexpr std::string_view kNotUtf8 =
    "holds bytes that are not UTF-8 text (it was saved in another encoding): use the file as it came in the "
    "export, or save it again as UTF-8";

bool wide(std::string_view d) {
  auto at = [&](size_t i) { return static_cast<unsigned char>(d[i]); };
  if (d.size() >= 2 && ((at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF))) return true;  // UTF-16/32 LE, UTF-16 BE
  if (d.size() >= 4 && at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF) return true;            // UTF-32 BE
  // Without a mark: ASCII letters each beside a NUL ("t\0i\0" or "\0t\0i"), over the first 4 bytes.
  if (d.size() >= 4) {
    const bool le = at(0) != 0 && at(1) == 0 && at(2) != 0 && at(3) == 0;
    const bool be = at(0) == 0 && at(1) != 0 && at(2) == 0 && at(3) != 0;
    return le || be;
  }
  return false;
}
}  // namespace

std::string_view foreign_encoding(std::string_view data, bool utf16_only) {
  if (wide(data)) return kWide;
  if (!utf16_only && !simdjson::validate_utf8(data.data(), data.size())) return kNotUtf8;
  return {};
}

namespace {
// The length of the well-formed UTF-8 sequence at d[i], or 0 when the byte starts none.
size_t sequence_at(std::string_view d, size_t i) {
  auto at = [&](size_t k) { return k < d.size() ? static_cast<unsigned char>(d[k]) : 0u; };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
  const unsigned b = at(i);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    const unsigned lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;  // no overlong, no surrogate
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    const unsigned lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;  // no overlong, nothing past U+10FFFF
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}
}  // namespace

void replace_foreign_bytes(std::string_view data, std::string& out) {
  out.clear();
  out.reserve(data.size());
  for (size_t i = 0; i < data.size();) {
    const size_t n = sequence_at(data, i);
    if (n == 0) {
      out.push_back('?');
      ++i;
    } else {
      out.append(data.substr(i, n));
      i += n;
    }
  }
}

}  // namespace ts::fitbit
