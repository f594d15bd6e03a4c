// The folder `trackersync convert -o` writes to (wasm/cli/output_folder.h): what it does with
// what is already there, by numbered rows, each in a fresh folder under the system's temp.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/output_folder.h"

namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}
const char* kManifest =
    R"({"generator":"TrackerSync core 1","files":[{"path":"activities/a.fit"},{"path":"reference/x/b.csv"}]})";
}  // namespace

TEST_CASE("prepare_output_folder: an earlier conversion is replaced, anything else refused (numbered rows)", "[cli]") {
  using ts::cli::OutputFolder;
  struct Row {
    int n;
    const char* why;
    std::vector<std::pair<std::string, std::string>> files;  // in the folder before; "" names the folder alone
    OutputFolder expected;
    size_t removed;
    std::vector<std::string> left;  // what is there after
  };
  const std::vector<Row> rows = {
      {1, "no folder: made later", {}, OutputFolder::ready, 0, {}},
      {2, "an empty folder is used", {{"", ""}}, OutputFolder::ready, 0, {}},
      {3, "an earlier conversion: its files, manifest and IMPORT.txt removed, and its emptied folders",
       {{"manifest.json", kManifest}, {"IMPORT.txt", "x"}, {"activities/a.fit", "x"}, {"reference/x/b.csv", "x"}},
       OutputFolder::replaced, 4, {}},
      {4, "an earlier conversion some of whose files the person deleted",
       {{"manifest.json", kManifest}, {"activities/a.fit", "x"}}, OutputFolder::replaced, 2, {}},
      {5, "another file beside an earlier conversion: refused, nothing removed",
       {{"manifest.json", kManifest}, {"activities/a.fit", "x"}, {"activities/mine.fit", "x"}},
       OutputFolder::refused, 0, {"activities/a.fit", "activities/mine.fit", "manifest.json"}},
      {6, "files and no manifest: refused", {{"notes.txt", "x"}}, OutputFolder::refused, 0, {"notes.txt"}},
      {7, "a manifest.json that is not ours: refused", {{"manifest.json", R"({"files":[]})"}}, OutputFolder::refused, 0, {"manifest.json"}},
      {8, "a manifest naming a path outside the folder is not ours: refused",
       {{"manifest.json", R"({"generator":"TrackerSync core 1","files":[{"path":"../x"}]})"}}, OutputFolder::refused, 0, {"manifest.json"}},
      {9, "a manifest that is not JSON: refused", {{"manifest.json", "{"}}, OutputFolder::refused, 0, {"manifest.json"}},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    // Named for this process too: two test runs on one machine (CI beside a local run) must not share it.
    const fs::path dir = fs::temp_directory_path() / ("ts-output-folder-" + std::to_string(::getpid()) + "-" + std::to_string(r.n));
    fs::remove_all(dir);
    for (const auto& [path, text] : r.files) {
      if (path.empty()) fs::create_directories(dir);
      else write(dir / path, text);
    }
    size_t removed = 99;
    std::string message;
    CHECK(ts::cli::prepare_output_folder(dir.string(), removed, message) == r.expected);
    CHECK(removed == r.removed);
    if (r.expected == OutputFolder::refused) CHECK(message.find("new or empty folder") != std::string::npos);
    std::vector<std::string> left;
    if (fs::exists(dir))
      for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) left.push_back(e.path().lexically_relative(dir).generic_string());
    std::sort(left.begin(), left.end());
    CHECK(left == r.left);
    if (r.n == 3) CHECK((fs::exists(dir) && fs::is_empty(dir)));
    fs::remove_all(dir);
  }
}
