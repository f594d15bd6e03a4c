#include "core/convert/light_files.h"

#include "core/fitbit/file_kinds.h"
#include "simdjson.h"

namespace ts::convert {

bool is_weight_side_file(std::string_view path) {
  const fitbit::FileClass c = fitbit::classify_file(path);
  if (!c.known) return false;
  switch (c.kind) {
    case fitbit::Kind::weight:
    case fitbit::Kind::weight_csv:
    case fitbit::Kind::height:
    case fitbit::Kind::height_csv:
    case fitbit::Kind::profile: return true;
    default: return false;
  }
}

bool is_light_file(std::string_view path) {
  const fitbit::FileClass c = fitbit::classify_file(path);
  return c.known && fitbit::kind_info(c.kind).light;
}

Error FileSizes::parse(std::string_view options_json, FileSizes& out) {
  out.sizes_.clear();
  if (options_json.empty()) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element doc, sizes;
  if (parser.parse(options_json.data(), options_json.size(), true).get(doc))
    return fail(Status::format, "options are not a JSON object");
  if (doc["sizes"].get(sizes) || sizes.is_null()) return {};
  simdjson::dom::object obj;
  if (sizes.get_object().get(obj)) return fail(Status::invalid_argument, "option 'sizes' must be an object {path: bytes}");
  for (auto field : obj) {
    uint64_t n = 0;
    if (field.value.get_uint64().get(n))
      return fail(Status::invalid_argument, "option 'sizes' must map each path to a whole number of bytes");
    out.sizes_.emplace(std::string(field.key), n);
  }
  return {};
}

uint64_t FileSizes::of(const BundleFile& f) const {
  if (!f.data.empty()) return f.data.size();
  auto it = sizes_.find(f.name);
  return it == sizes_.end() ? 0 : it->second;
}

}  // namespace ts::convert
