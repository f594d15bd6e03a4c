#include "core/fitbit/export_paths.h"

#include "core/common/same_bytes.h"

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

bool name_ends_in(std::string_view path, std::string_view ext) {
  return path.size() > ext.size() && same_ignoring_ascii_case(path.substr(path.size() - ext.size()), ext);
}

}  // namespace ts::fitbit
