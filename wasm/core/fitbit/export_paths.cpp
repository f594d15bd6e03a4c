#include "core/fitbit/export_paths.h"

namespace ts::fitbit {

namespace {
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// "YYYY-MM-DD"
bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(s[i])) return false;
  return true;
}
}  // namespace

std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

FileKind classify(std::string_view path) {
  // macOS adds __MACOSX/ copies and "._" resource forks to zips it makes: never data.
  if (path.find("__MACOSX/") != std::string_view::npos) return FileKind::unknown;
  const std::string_view name = base_name(path);
  if (starts_with(name, "._")) return FileKind::unknown;
  if (starts_with(name, "weight-") && ends_with(name, ".json") && is_date(name.substr(7, name.size() - 12)))
    return FileKind::weight_json;
  if (name == "Profile.csv") return FileKind::profile_csv;
  if (name == "weight.csv") return FileKind::weight_grams_csv;
  return FileKind::unknown;
}

bool mentions_fitbit(std::string_view path) {
  return path.find("Fitbit") != std::string_view::npos || path.find("fitbit") != std::string_view::npos ||
         classify(path) != FileKind::unknown;
}

}  // namespace ts::fitbit
