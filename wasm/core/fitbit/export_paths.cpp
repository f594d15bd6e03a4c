#include "core/fitbit/export_paths.h"

#include "core/fitbit/file_kinds.h"

namespace ts::fitbit {

std::string_view base_name(std::string_view path) { return file_base_name(path); }

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

bool csv_name(std::string_view path) {
  const size_t n = path.size();
  return n >= 4 && path[n - 4] == '.' && (path[n - 3] | 0x20) == 'c' && (path[n - 2] | 0x20) == 's' && (path[n - 1] | 0x20) == 'v';
}

}  // namespace ts::fitbit
