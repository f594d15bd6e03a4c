#include "core/convert/bundle.h"

#include <cstring>

namespace ts::convert {

namespace {
bool read_u32(const uint8_t* data, size_t len, size_t& pos, uint32_t& v) {
  if (len - pos < 4) return false;
  v = static_cast<uint32_t>(data[pos]) | static_cast<uint32_t>(data[pos + 1]) << 8 |
      static_cast<uint32_t>(data[pos + 2]) << 16 | static_cast<uint32_t>(data[pos + 3]) << 24;
  pos += 4;
  return true;
}
bool read_bytes(const uint8_t* data, size_t len, size_t& pos, std::string_view& v) {
  uint32_t n = 0;
  if (!read_u32(data, len, pos, n) || len - pos < n) return false;
  v = std::string_view(reinterpret_cast<const char*>(data + pos), n);
  pos += n;
  return true;
}
// ".json" in any case, as the file classifier reads names (file_kinds.cpp lower-cases them).
bool is_json_name(std::string_view name) {
  if (name.size() < 5) return false;
  const std::string_view ext = name.substr(name.size() - 5);
  for (size_t i = 0; i < 5; ++i) {
    const char c = ext[i] >= 'A' && ext[i] <= 'Z' ? static_cast<char>(ext[i] - 'A' + 'a') : ext[i];
    if (c != ".json"[i]) return false;
  }
  return true;
}
void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void set_u32(std::string& out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
}  // namespace

BundleFile bundle_file(std::string_view name, std::string_view data) {
  BundleFile f{name, data};
  if (is_json_name(f.name) && f.data.substr(0, 3) == "\xEF\xBB\xBF") {
    f.data.remove_prefix(3);
    f.bom = 3;
  }
  return f;
}

Error decode_bundle(const uint8_t* data, size_t len, size_t readable_after, BundleView& out) {
  out.padded = readable_after >= kReadablePadding;
  if (len < 4 || std::memcmp(data, "TSB1", 4) != 0) return fail(Status::format, "input is not a TSB1 bundle");
  size_t pos = 4;
  uint32_t count = 0;
  if (!read_bytes(data, len, pos, out.options) || !read_u32(data, len, pos, count))
    return fail(Status::format, "TSB1 bundle is truncated in its header");
  if (count > kMaxBundleFiles) return fail(Status::capacity, "TSB1 bundle holds too many files");
  out.files.clear();
  out.files.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view name, bytes;
    if (!read_bytes(data, len, pos, name) || !read_bytes(data, len, pos, bytes))
      return fail(Status::format, "TSB1 bundle is truncated at file " + std::to_string(i));
    out.files.push_back(bundle_file(name, bytes));
  }
  if (pos != len) return fail(Status::format, "TSB1 bundle has bytes after its last file");
  return {};
}

BundleWriter::BundleWriter(std::string_view options) {
  bytes_ = "TSB1";
  put_u32(bytes_, static_cast<uint32_t>(options.size()));
  bytes_.append(options);
  count_at_ = bytes_.size();
  put_u32(bytes_, 0);
}

void BundleWriter::add(std::string_view name, std::string_view data) {
  put_u32(bytes_, static_cast<uint32_t>(name.size()));
  bytes_.append(name);
  put_u32(bytes_, static_cast<uint32_t>(data.size()));
  bytes_.append(data);
  ++count_;
}

std::string BundleWriter::finish() {
  set_u32(bytes_, count_at_, count_);
  std::string out;
  out.swap(bytes_);
  return out;
}

}  // namespace ts::convert
