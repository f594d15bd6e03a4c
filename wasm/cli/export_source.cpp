#include "cli/export_source.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/fitbit/file_kinds.h"

namespace ts::cli {

namespace fs = std::filesystem;

namespace {
void count(Source& out, const std::string& name) {
  ++out.seen;
  out.known += fitbit::classify_file(name).known;
}

SourceError read_folder(const fs::path& root, Source& out, std::string& message) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    // Named relative to the folder the user gave, with the folder's own name in front so a
    // path like "Takeout/Fitbit/…" keeps its shape whichever level was given.
    const std::string name = (root.filename() / fs::relative(it->path(), root, ec)).generic_string();
    count(out, name);
    SourceFile f{name, {}};
    if (reads(out, name)) {
      std::ifstream in(it->path(), std::ios::binary);
      if (!in) {
        message = "cannot read " + it->path().string();
        return SourceError::unreadable;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      f.data = ss.str();
    }
    out.files.push_back(std::move(f));
  }
  if (ec) {
    message = "cannot list " + root.string() + ": " + ec.message();
    return SourceError::unreadable;
  }
  return SourceError::none;
}

SourceError read_zip(const std::string& path, Source& out, std::string& message) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    message = path + " is not a readable zip: " + zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return SourceError::bad_zip;
  }
  const zip_int64_t n = zip_get_num_entries(z, 0);
  SourceError result = SourceError::none;
  for (zip_int64_t i = 0; i < n && result == SourceError::none; ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    std::string name = st.name;
    // Zips made on Windows may separate folders with '\\': read them as '/', as the page does.
    std::replace(name.begin(), name.end(), '\\', '/');
    if (name.empty() || name.back() == '/') continue;  // a folder entry
    count(out, name);
    SourceFile f{name, {}};
    if (reads(out, name)) {
      zip_file_t* zf = zip_fopen_index(z, i, 0);
      if (zf == nullptr) {
        message = "cannot read " + name + " in " + path + ": " + zip_strerror(z);
        result = SourceError::bad_zip;
        break;
      }
      f.data.resize(static_cast<size_t>(st.size));
      const zip_int64_t got = zip_fread(zf, f.data.data(), st.size);
      zip_fclose(zf);
      if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
        message = "cannot read " + name + " in " + path + " (damaged zip?)";
        result = SourceError::bad_zip;
        break;
      }
    }
    out.files.push_back(std::move(f));
  }
  zip_discard(z);
  return result;
}
}  // namespace

bool reads(const Source& src, const std::string& name) {
  const fitbit::FileClass c = fitbit::classify_file(name);
  if (!c.known || src.names_only) return false;
  // Validation only counts heart-rate days and other health files by name (their dates and
  // numbers are in the names); their bytes stay on disk.
  if (src.validating && (c.kind == fitbit::Kind::heart_rate || c.kind == fitbit::Kind::other_health)) return false;
  return fitbit::read_for(fitbit::kind_info(c.kind), src.kinds);
}

SourceError read_export(const std::string& path, Source& out, std::string& message) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    message = path + " does not exist";
    return SourceError::missing;
  }
  return fs::is_directory(st) ? read_folder(fs::path(path).lexically_normal(), out, message) : read_zip(path, out, message);
}

void sort(Source& src) {
  std::stable_sort(src.files.begin(), src.files.end(), [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
}

}  // namespace ts::cli
