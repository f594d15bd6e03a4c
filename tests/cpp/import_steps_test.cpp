// The import steps ts_convert writes into manifest.json and renders as IMPORT.txt: numbered
// cases, each with why, then the properties IMPORT.txt must keep (same words as the steps).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/convert/import_steps.h"

using ts::convert::ImportCounts;
using ts::convert::import_steps;

namespace {

struct Case {
  int n;
  const char* why;
  ImportCounts counts;
  std::vector<std::string> folders;  // each step's folder ("" for steps about Garmin Connect)
  std::vector<size_t> batches;       // each step's batches
  std::vector<std::string> says;     // phrases the whole text must hold
  std::vector<std::string> never;    // phrases it must not
};

const Case kCases[] = {
    {1, "weight only: nothing about workouts, daily CSVs or reference files", {3, 0, 0, 0},
     {"", "", "weight/", ""}, {0, 0, 1, 0},
     {"3 FIT files in the folder weight/ in one go", "https://connect.garmin.com/modern/import-data", "not in the phone app"},
     {"activities/", "csv/", "reference/", "Metric"}},
    {2, "one file is said in the singular", {1, 0, 0, 0}, {"", "", "weight/", ""}, {0, 0, 1, 0}, {"the 1 FIT file in"}, {"1 FIT files"}},
    {3, "250 workouts are three rounds of at most 100, in file-name order", {0, 250, 0, 0},
     {"", "", "activities/", ""}, {0, 0, 3, 0},
     {"250 FIT files in the folder activities/", "in 3 rounds of at most 100 (in file-name order: 1-100, 101-200, and so on)"},
     {"weight/", "csv/"}},
    {4, "101 workouts: the second round is the one last file", {0, 101, 0, 0}, {"", "", "activities/", ""}, {0, 0, 2, 0},
     {"in 2 rounds of at most 100 (in file-name order: 1-100, 101);"}, {"101-101"}},
    {5, "150 workouts: the second round's range ends at the last file", {0, 150, 0, 0}, {"", "", "activities/", ""},
     {0, 0, 2, 0}, {"1-100, 101-150)"}, {"and so on"}},
    {6, "exactly 100 workouts fit one round", {0, 100, 0, 0}, {"", "", "activities/", ""}, {0, 0, 1, 0}, {"in one go"}, {"rounds"}},
    {7, "daily CSVs say which units to choose", {0, 0, 4, 0}, {"", "", "csv/", ""}, {0, 0, 1, 0},
     {"4 CSV files in the folder csv/", "choose Metric: the distances are in kilometres"}, {"weight/"}},
    {8, "every folder, in the order a person imports them, reference last and not imported", {21, 421, 9, 2},
     {"", "", "weight/", "activities/", "csv/", "reference/", ""}, {0, 0, 1, 5, 1, 0, 0},
     {"21 FIT files", "421 FIT files", "9 CSV files", "Keep the 2 files in the folder reference/"}, {}},
    {9, "reference files only: nothing to import, so no sign-in steps", {0, 0, 0, 3}, {"reference/", ""}, {0, 0},
     {"no files Garmin Connect can import"}, {"Import Data:", "Unzip"}},
    {10, "nothing produced: one step saying so", {0, 0, 0, 0}, {""}, {0}, {"no files Garmin Connect can import"}, {"reference/"}},
};

std::string all_text(const std::vector<ts::convert::ImportStep>& steps) {
  std::string t;
  for (const auto& s : steps) t += s.text + "\n";
  return t;
}

}  // namespace

TEST_CASE("import steps: one per output folder, from the counts", "[import]") {
  for (const Case& c : kCases) {
    SECTION("case " + std::to_string(c.n) + ": " + c.why) {
      const auto steps = import_steps(c.counts);
      std::vector<std::string> folders;
      std::vector<size_t> batches;
      for (const auto& s : steps) {
        folders.push_back(s.folder);
        batches.push_back(s.batches);
      }
      CHECK(folders == c.folders);
      CHECK(batches == c.batches);
      const std::string text = all_text(steps);
      for (const auto& p : c.says) CHECK_THAT(text, Catch::Contains(p));
      for (const auto& p : c.never) CHECK_THAT(text, !Catch::Contains(p));
    }
  }
}

TEST_CASE("import steps: IMPORT.txt holds exactly the steps' words, numbered and wrapped", "[import]") {
  for (const Case& c : kCases) {
    INFO("case " << c.n);
    const auto steps = import_steps(c.counts);
    const std::string txt = ts::convert::import_text(steps);
    // Unwrap: each numbered paragraph, its lines joined by one space, is the step's text.
    std::vector<std::string> paragraphs;
    size_t pos = txt.find("\n\n") + 2;
    while (pos < txt.size()) {
      const size_t end = txt.find("\n\n", pos);
      std::string para = txt.substr(pos, end - pos);
      for (size_t line = para.find('\n'); line != std::string::npos; line = para.find('\n')) {
        size_t next = line + 1;
        while (next < para.size() && para[next] == ' ') ++next;
        para.replace(line, next - line, " ");
      }
      paragraphs.push_back(para);
      pos = end + 2;
    }
    REQUIRE(paragraphs.size() == steps.size());
    for (size_t i = 0; i < steps.size(); ++i) CHECK(paragraphs[i] == std::to_string(i + 1) + ". " + steps[i].text);
    for (size_t a = 0, b; (b = txt.find('\n', a)) != std::string::npos; a = b + 1) CHECK(b - a <= 96);
  }
}

TEST_CASE("import steps: the manifest's JSON carries every field", "[import]") {
  const auto steps = import_steps({21, 421, 9, 2});
  std::string out;
  ts::json::Writer w(out);
  ts::convert::write_import_steps(w, steps);
  const auto j = nlohmann::json::parse(out);
  REQUIRE(j.size() == steps.size());
  CHECK(j[0]["folder"].is_null());
  CHECK(j[1]["link"] == "https://connect.garmin.com/modern/import-data");
  CHECK(j[3] == nlohmann::json{{"folder", "activities/"}, {"files", 421}, {"batches", 5}, {"units", nullptr}, {"link", nullptr}, {"text", steps[3].text}});
  CHECK(j[4]["units"] == "metric");
  CHECK(j[5]["batches"] == 0);
}
