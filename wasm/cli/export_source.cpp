#include "cli/export_source.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/convert/bundle.h"
#include "core/convert/light_files.h"
#include "core/fitbit/file_kinds.h"

namespace ts::cli {

namespace fs = std::filesystem;

namespace {

void count(Source& out, const std::string& name) {
  ++out.seen;
  const fitbit::FileClass c = fitbit::classify_file(name);
  out.known += c.known;
  out.google += c.skip == fitbit::SkipReason::google_csv_copy || c.skip == fitbit::SkipReason::google_csv_unread;
}

// Read straight into `out`, sized once, with room for the readers' padding after it
// (recent_files.h pads what a step reads): through a stringstream a month's file of 94 MB was
// copied four times per read.
SourceError read_disk(const std::string& disk_path, std::string& out, std::string& message) {
  std::ifstream in(disk_path, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size < 0) {
    message = "cannot read " + disk_path;
    return SourceError::unreadable;
  }
  out.reserve(static_cast<size_t>(size) + convert::kReadablePadding);
  out.resize(static_cast<size_t>(size));
  in.seekg(0);
  in.read(out.data(), size);
  if (in.gcount() != size) {
    message = "cannot read " + disk_path + ": it changed while being read";
    return SourceError::unreadable;
  }
  return SourceError::none;
}

// What to do with a file that is not a zip: a .tgz Takeout (Google offers both) is extracted
// first (the page reads it as it is); else the download may have stopped early (helper
// finding: the CLI said only "Not a zip archive").
std::string gzip_hint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  if (magic[0] == 0x1f && magic[1] == 0x8b)
    return ". It is a gzip file (a .tgz Takeout?): extract it (tar xzf \"" + path + "\") and give the folder";
  return ". If the download stopped early, download it again";
}

SourceError read_entry(zip_t* z, const std::string& zip_path, const SourceFile& f, std::string& out, std::string& message) {
  zip_file_t* zf = zip_fopen_index(z, static_cast<zip_uint64_t>(f.zip_index), 0);
  if (zf == nullptr) {
    // libzip's own words ("No password provided") said nothing of what to do (helper finding).
    const int code = zip_error_code_zip(zip_get_error(z));
    message = "cannot read " + f.name + " in " + zip_path + ": ";
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      message += "the zip is protected by a password. Unzip it with its password (unzip \"" + zip_path +
                 "\") and give the folder; Google Takeout's own zip has none";
    else if (code == ZIP_ER_COMPNOTSUPP)
      message += "the zip is packed with a compression method this build cannot read (such as LZMA, one of 7-Zip's "
                 "options). Unzip it with the program that made it and give the folder, or use the zip exactly as "
                 "Google Takeout sent it";
    else
      message += zip_strerror(z);
    return SourceError::bad_zip;
  }
  out.reserve(static_cast<size_t>(f.size) + convert::kReadablePadding);  // as read_disk
  out.resize(static_cast<size_t>(f.size));
  const zip_int64_t got = zip_fread(zf, out.data(), f.size);
  // One read past the end: libzip compares the member's CRC-32 only when its stream ends, and
  // a member with a changed byte was converted as it stood, without a word (helper finding).
  char past = 0;
  const zip_int64_t tail = got >= 0 && static_cast<zip_uint64_t>(got) == f.size ? zip_fread(zf, &past, 1) : 0;
  zip_fclose(zf);
  if (got < 0 || static_cast<zip_uint64_t>(got) != f.size || tail != 0) {
    message = "cannot read " + f.name + " in " + zip_path +
              ": its bytes do not match the zip's own checksum or size (a damaged or cut-off download). Download the "
              "export again";
    return SourceError::bad_zip;
  }
  return SourceError::none;
}

SourceError list_folder(const fs::path& root, Source& out, std::string& message) {
  std::error_code ec;
  // The folder's own name, as the page names a picked folder's files: from the path made
  // absolute and normal (symlinks left as named), so "unz/" (a trailing slash, as shell
  // completion writes it), "." and "../unz" all name it "unz" (root.filename() was empty or
  // "." there: the first gave other names than the page, the second an unsafe path for every
  // file — helper finding).
  fs::path whole = fs::absolute(root, ec).lexically_normal();
  if (!whole.has_filename()) whole = whole.parent_path();
  fs::path named = ec ? root.filename() : whole.filename();
  ec.clear();
  // Folders a symlink names are read as the folders they are (an export unpacked elsewhere and
  // linked in: the CLI listed "0 files looked at" and stopped, helper finding). Each folder is
  // entered once, by its real path: a link to a folder already read, or to one above it, would
  // name its files twice or loop.
  // A link to a folder also reached without links is read under the folder's own name, not
  // the link's: the folders reached without links are found first (a link met before its
  // folder named every file by the link, by the order the folder lists them: review finding).
  std::set<fs::path> entered, unlinked;
  {
    std::error_code real;
    const fs::path top = fs::canonical(root, real);
    if (!real) entered.insert(top);
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, real);
         !real && it != fs::recursive_directory_iterator(); it.increment(real)) {
      std::error_code e;
      if (!it->is_symlink(e) && it->is_directory(e)) unlinked.insert(fs::canonical(it->path(), e));
    }
  }
  const auto options = fs::directory_options::skip_permission_denied | fs::directory_options::follow_directory_symlink;
  for (auto it = fs::recursive_directory_iterator(root, options, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code dir;
    if (it->is_directory(dir)) {
      const fs::path real = fs::canonical(it->path(), dir);
      const bool linked = it->is_symlink(dir);
      if (dir || (linked && unlinked.count(real)) || !entered.insert(real).second) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(dir)) continue;  // a link to nothing: not a file of the export
    // Named relative to the folder the user gave, with the folder's own name in front so a
    // path like "Takeout/Fitbit/…" keeps its shape whichever level was given.
    // Lexically: the path as iterated, through any link (fs::relative resolves links, and named
    // a linked folder's files "../elsewhere/…").
    const std::string name = (named / it->path().lexically_relative(root)).generic_string();
    count(out, name);
    SourceFile f;
    f.name = name;
    f.part = out.parts.size() - 1;
    f.disk_path = it->path().string();
    f.size = static_cast<uint64_t>(it->file_size(ec));
    out.files.push_back(std::move(f));
  }
  if (ec) {
    message = "cannot list " + root.string() + ": " + ec.message();
    return SourceError::unreadable;
  }
  return SourceError::none;
}

SourceError list_zip(const std::string& path, Source& out, std::string& message) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    message = path + " is not a readable zip: " + zip_error_strerror(&ze) + gzip_hint(path);
    zip_error_fini(&ze);
    return SourceError::bad_zip;
  }
  out.parts.back().zip = std::shared_ptr<void>(z, [](void* p) { zip_discard(static_cast<zip_t*>(p)); });
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    std::string name = st.name;
    // Zips made on Windows may separate folders with '\\': read them as '/', and a "./" or "/"
    // in front ("./Takeout/…", as `zip -r x.zip ./Takeout` may write) is not part of the
    // export's path, as the page reads them (public/js/archive-path.js): the classifier names a
    // "." or empty part unsafe, and such a zip was "no Fitbit export" (helper finding).
    std::replace(name.begin(), name.end(), '\\', '/');
    size_t lead = 0;
    while (true) {
      if (name.compare(lead, 2, "./") == 0) lead += 2;
      else if (name.compare(lead, 1, "/") == 0) lead += 1;
      else break;
    }
    name.erase(0, lead);
    if (name.empty() || name.back() == '/') continue;  // a folder entry
    count(out, name);
    SourceFile f;
    f.name = name;
    f.part = out.parts.size() - 1;
    f.zip_index = i;
    f.size = st.size;
    out.files.push_back(std::move(f));
  }
  return SourceError::none;
}

}  // namespace

SourceError read_file(const Source& src, const SourceFile& f, std::string& out, std::string& message) {
  if (!f.data.empty() || f.size == 0) {
    out = f.data;
    return SourceError::none;
  }
  const SourcePart& part = src.parts.at(f.part);
  if (f.zip_index >= 0) return read_entry(static_cast<zip_t*>(part.zip.get()), part.path, f, out, message);
  return read_disk(f.disk_path, out, message);
}

SourceError read_export(const std::string& path, Source& out, std::string& message) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    message = path + " does not exist";
    return SourceError::missing;
  }
  out.parts.push_back({path, nullptr});
  return fs::is_directory(st) ? list_folder(fs::path(path).lexically_normal(), out, message) : list_zip(path, out, message);
}

SourceError finish(Source& src, std::string& message) {
  std::stable_sort(src.files.begin(), src.files.end(), [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
  if (src.names_only) return SourceError::none;
  for (SourceFile& f : src.files)
    if (convert::is_light_file(f.name))
      if (SourceError e = read_file(src, f, f.data, message); e != SourceError::none) return e;
  return SourceError::none;
}

}  // namespace ts::cli
