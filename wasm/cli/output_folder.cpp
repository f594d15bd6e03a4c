#include "cli/output_folder.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ts::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The relative paths an earlier conversion's manifest names, or false when `manifest` is not
// one TrackerSync wrote (its "generator" and a "files" list of relative paths inside the folder).
bool earlier_outputs(const fs::path& manifest, std::set<fs::path>& out) {
  std::ifstream in(manifest, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const json m = json::parse(text.str(), nullptr, false);
  if (!m.is_object() || !m.contains("generator") || !m["generator"].is_string() ||
      m["generator"].get<std::string>().rfind("TrackerSync", 0) != 0 || !m.contains("files") || !m["files"].is_array())
    return false;
  for (const json& f : m["files"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string()) return false;
    const fs::path p = fs::path(f["path"].get<std::string>()).lexically_normal();
    // Only inside the folder: a path that is absolute or climbs out is not one we wrote.
    if (p.empty() || p.is_absolute() || *p.begin() == "..") return false;
    out.insert(p);
  }
  out.insert("manifest.json");
  out.insert("IMPORT.txt");
  return true;
}

}  // namespace

OutputFolder prepare_output_folder(const std::string& dir, size_t& replaced_files, std::string& message) {
  replaced_files = 0;
  std::error_code ec;
  const fs::path root(dir);
  if (!fs::exists(root, ec) || (fs::is_directory(root, ec) && fs::is_empty(root, ec))) return OutputFolder::ready;
  if (!fs::is_directory(root, ec)) {
    message = dir + " is a file, not a folder: give a new or empty folder for the converted files";
    return OutputFolder::refused;
  }
  std::set<fs::path> ours;
  if (!fs::is_regular_file(root / "manifest.json", ec) || !earlier_outputs(root / "manifest.json", ours)) {
    message = dir + " is not empty and holds no earlier TrackerSync conversion: give a new or empty folder, so that "
                    "what you import from it is this conversion's files only";
    return OutputFolder::refused;
  }
  // Every file in the folder must be one the earlier conversion wrote; anything else is the
  // person's, and is left, with the folder refused.
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path rel = it->path().lexically_relative(root);
    if (it->is_directory(ec)) continue;
    if (!ours.count(rel)) {
      message = dir + " holds an earlier TrackerSync conversion and other files (such as " + rel.generic_string() +
                "): give a new or empty folder, or remove what you added to it";
      return OutputFolder::refused;
    }
  }
  if (ec) {
    message = "cannot read " + dir + ": " + ec.message();
    return OutputFolder::refused;
  }
  std::set<fs::path> dirs;  // the folders the conversion's files were in, and theirs
  for (const fs::path& rel : ours) {
    if (fs::remove(root / rel, ec)) ++replaced_files;
    for (fs::path d = rel.parent_path(); !d.empty(); d = d.parent_path()) dirs.insert(d);
  }
  // Deepest first ("a/b" sorts after "a"), where they are now empty.
  for (auto d = dirs.rbegin(); d != dirs.rend(); ++d)
    if (fs::is_empty(root / *d, ec)) fs::remove(root / *d, ec);
  return OutputFolder::replaced;
}

}  // namespace ts::cli
