#include "core/fitbit/export_paths.h"

#include "core/common/civil_time.h"
#include "core/common/same_bytes.h"

#include "core/fitbit/export_time.h"
#include "core/fitbit/file_kinds.h"

namespace ts::fitbit {

std::string_view base_name(std::string_view path) { return file_base_name(path); }

bool day_in_name(std::string_view path, int64_t& day) {
  const std::string_view b = base_name(path);
  const size_t dash = b.find('-');
  if (dash == std::string_view::npos || b.size() < dash + 1 + 10) return false;
  return parse_iso_date(b.substr(dash + 1, 10), day);
}

bool csv_day_in_name(std::string_view path, int64_t& day) {
  const std::string_view b = base_name(path);
  return b.size() >= 14 && parse_iso_date(b.substr(b.size() - 14, 10), day);
}

int64_t last_day_named(int64_t day) {
  const civil::DateTime named = civil::from_seconds(day * 86400);
  return named.day == 1 ? day + civil::days_in_month(named.year, named.month) - 1 : day;
}

FileKind classify(std::string_view path) {
  const FileClass c = classify_file(path);
  if (!c.known) return FileKind::unknown;
  switch (c.kind) {
    case Kind::weight: return FileKind::weight_json;
    case Kind::profile: return FileKind::profile_csv;
    case Kind::weight_csv: return FileKind::weight_grams_csv;
    default: return FileKind::unknown;
  }
}

bool name_ends_in(std::string_view path, std::string_view ext) {
  return path.size() > ext.size() && same_ignoring_ascii_case(path.substr(path.size() - ext.size()), ext);
}

}  // namespace ts::fitbit
