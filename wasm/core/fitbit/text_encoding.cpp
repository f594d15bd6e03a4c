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

}  // namespace ts::fitbit
