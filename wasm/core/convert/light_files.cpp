#include "core/convert/light_files.h"

#include "core/fitbit/file_kinds.h"
#include "simdjson.h"

namespace ts::convert {

bool is_weight_side(const fitbit::FileClass& c) {
  if (!c.known) return false;
  switch (c.kind) {
    case fitbit::Kind::weight:
    case fitbit::Kind::weight_csv:
    case fitbit::Kind::height:
    case fitbit::Kind::height_csv:
    case fitbit::Kind::body_fat_csv:
    case fitbit::Kind::profile: return true;
    default: return false;
  }
}

bool is_light_file(std::string_view path) {
  const fitbit::FileClass c = fitbit::classify_file(path);
  return c.known && fitbit::kind_info(c.kind).light;
}

Error FileSizes::read(simdjson::dom::element doc, size_t files, FileSizes& out) {
  out.sizes_.clear();
  out.text_.clear();
  out.list_.clear();
  out.listed_ = false;
  simdjson::dom::element sizes;
  if (doc["sizes"].get(sizes) || sizes.is_null()) return {};
  simdjson::dom::array list;
  if (!sizes.get_array().get(list)) {
    if (list.size() != files)
      return fail(Status::invalid_argument, "option 'sizes' as a list must give one size per file of the bundle, in its order (" +
                                                std::to_string(files) + " files, " + std::to_string(list.size()) + " sizes)");
    out.list_.reserve(files);
    for (simdjson::dom::element e : list) {
      uint64_t n = 0;
      if (e.get_uint64().get(n)) return fail(Status::invalid_argument, "option 'sizes' as a list must hold whole numbers of bytes");
      out.list_.push_back(n);
    }
    out.listed_ = true;
    return {};
  }
  simdjson::dom::object obj;
  if (sizes.get_object().get(obj))
    return fail(Status::invalid_argument, "option 'sizes' must be an object {path: bytes} or a list of one size per file");
  // The names are kept back to back in text_, reserved first so the views never move.
  size_t total = 0;
  for (auto field : obj) total += field.key.size();
  out.text_.reserve(total);
  for (auto field : obj) {
    uint64_t n = 0;
    if (field.value.get_uint64().get(n))
      return fail(Status::invalid_argument, "option 'sizes' must map each path to a whole number of bytes");
    const size_t at = out.text_.size();
    out.text_.append(field.key);
    out.sizes_.emplace(std::string_view(out.text_).substr(at, field.key.size()), n);  // the first of a repeated key
  }
  return {};
}

uint64_t FileSizes::of(size_t i, const BundleFile& f) const {
  if (listed_) return i < list_.size() ? list_[i] : f.given_size();
  if (!f.data.empty() && sizes_.empty()) return f.given_size();
  auto it = sizes_.find(f.name);
  return it != sizes_.end() ? it->second : f.given_size();
}

}  // namespace ts::convert
