#include "cli/export_source.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/fitbit/export_kinds.h"
#include "core/fitbit/export_paths.h"

namespace ts::cli {

namespace fs = std::filesystem;

namespace {
bool wanted(const std::string& name) { return fitbit::mentions_fitbit(name); }

bool wants(const Source& src, const char* kind) {
  return src.kinds.empty() || std::find(src.kinds.begin(), src.kinds.end(), kind) != src.kinds.end();
}

SourceError read_folder(const fs::path& root, Source& out, std::string& message) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    ++out.seen;
    // Named relative to the folder the user gave, with the folder's own name in front so a
    // path like "Takeout/Fitbit/…" keeps its shape whichever level was given.
    const std::string name = (root.filename() / fs::relative(it->path(), root, ec)).generic_string();
    if (!wanted(name)) continue;
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
    if (name.empty() || name.back() == '/') continue;  // a folder entry
    ++out.seen;
    if (!wanted(name)) continue;
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
  if (fitbit::classify(name) != fitbit::FileKind::unknown) return true;  // weight, Profile.csv
  using K = fitbit::HealthFileKind;
  switch (fitbit::classify_health_file(name)) {
    case K::exercise:
    case K::tcx: return wants(src, "workouts");
    case K::daily: return wants(src, "daily");
    // Heart-rate days fill workouts without their own heart rate, and the reference summary.
    case K::heart_rate: return !src.validating && (wants(src, "workouts") || wants(src, "reference"));
    case K::sleep:
    case K::resting_heart_rate: return wants(src, "reference");
    case K::not_importable: return !src.validating && wants(src, "reference");
    case K::unknown: return false;
  }
  return false;
}

SourceError read_export(const std::string& path, Source& out, std::string& message) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    message = path + " does not exist";
    return SourceError::missing;
  }
  SourceError e = fs::is_directory(st) ? read_folder(fs::path(path).lexically_normal(), out, message) : read_zip(path, out, message);
  // Name order, as the core itself reads them: the bundle is the same however the disk lists them.
  std::sort(out.files.begin(), out.files.end(), [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
  return e;
}

}  // namespace ts::cli
