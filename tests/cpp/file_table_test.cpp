// Which copy of the same data is read (convert/file_table.h): numbered rows, each an export's
// file names in bundle order with what the file table makes of each — the kind it is read as,
// or the reason it is skipped.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/convert/file_table.h"

namespace {

struct Row {
  int n;
  const char* why;
  std::vector<std::string> files;     // bundle order
  std::vector<std::string> expected;  // per file: its kind's id, or "skip:<code>"
  std::vector<std::string> data = {};  // per file, when given: its bytes (else empty)
};

const char* kDir = "Takeout/Fitbit/Global Export Data/";

std::string in_dir(const char* name) { return std::string(kDir) + name; }

std::vector<Row> rows() {
  return {
      {1, "a path twice (a file dropped twice): the second copy is skipped as repeated",
       {in_dir("weight-2023-01-01.json"), in_dir("weight-2023-01-01.json")},
       {"weight", "skip:repeated"}},
      {2, "a path three times, the copies apart in the bundle: the first in bundle order is read",
       {in_dir("exercise-0.json"), in_dir("weight-2023-01-01.json"), in_dir("exercise-0.json"), in_dir("exercise-0.json")},
       {"exercise", "weight", "skip:repeated", "skip:repeated"}},
      {3, "heart rate for one day in two folders: the first by name is read (' ' sorts before '/')",
       {in_dir("heart_rate-2023-01-01.json"), "Takeout 2/Fitbit/Global Export Data/heart_rate-2023-01-01.json"},
       {"skip:repeated", "heart_rate"}},
      {4, "one workout's track in two folders: the first by name is read",
       {"Takeout/Fitbit/Activities/1001.tcx", "Takeout/Fitbit/Activities/old/1001.tcx", "Takeout/Fitbit/Activities/1002.tcx"},
       {"tcx", "skip:repeated", "tcx"}},
      {5, "tracks named without their workout's logId: no workout can be matched to them",
       {"Takeout/Fitbit/Activities/track.tcx", "Takeout/Fitbit/Activities/1002 (1).tcx", "Takeout/Fitbit/Activities/1002.tcx"},
       {"skip:unnamed", "skip:unnamed", "tcx"}},
      {6, "a heart-rate file without its day in the name: no day to file it under",
       {in_dir("heart_rate-20230101.json"), in_dir("heart_rate-2023-01-02.json")},
       {"skip:unnamed", "heart_rate"}},
      {7, "a file of no kind, twice: it keeps its own reason",
       {"Takeout/notes.txt", "Takeout/notes.txt"},
       {"skip:not-read", "skip:not-read"}},
      {8, "per-minute files of one metric and day in two folders: both read (their step counts a minute once)",
       {in_dir("steps-2023-01-01.json"), "Takeout 2/Fitbit/Global Export Data/steps-2023-01-01.json"},
       {"steps", "steps"}},
      {9, "monthly weight files of one name in two folders: both read (the weight step merges the weigh-ins)",
       {in_dir("weight-2023-01-01.json"), "Takeout 2/Fitbit/Global Export Data/weight-2023-01-01.json"},
       {"weight", "weight"}},
      {10, "Profile.csv at one path twice is repeated; at two paths, both are profiles (the reader takes the first)",
       {"Takeout/Fitbit/Your Profile/Profile.csv", "Takeout/Fitbit/Your Profile/Profile.csv", "Other/Profile.csv"},
       {"profile", "skip:repeated", "profile"}},
      {11, "a repeated path of a track is repeated, not a second reading of its logId",
       {"Takeout/Fitbit/Activities/1001.tcx", "Takeout/Fitbit/Activities/1001.tcx"},
       {"tcx", "skip:repeated"}},
      {12, "a track in two folders, the first by name ('Takeout 2/') empty: the copy with the track is read",
       {"Takeout/Fitbit/Activities/1001.tcx", "Takeout 2/Fitbit/Activities/1001.tcx"},
       {"tcx", "skip:repeated"},
       {"<TrainingCenterDatabase/>", ""}},
      {13, "every copy of a track empty: the first by name ('Takeout 2/') is read (and reported empty)",
       {"Takeout/Fitbit/Activities/1001.tcx", "Takeout 2/Fitbit/Activities/1001.tcx"},
       {"skip:repeated", "tcx"},
       {"", ""}},
      {14, "a day's heart rate three times, the first by name empty: the second is read, the third is repeated",
       {"A/heart_rate-2023-01-01.json", "B/heart_rate-2023-01-01.json", "C/heart_rate-2023-01-01.json"},
       {"skip:repeated", "heart_rate", "skip:repeated"},
       {"", "[{\"dateTime\":\"01/01/23 08:00:00\",\"value\":{\"bpm\":60,\"confidence\":2}}]", "[]"}},
      {15, "a path twice, its first copy empty (a Takeout part that cut it off): the whole copy is read, in either order",
       {"Takeout/Fitbit/Activities/1001.tcx", "Takeout/Fitbit/Activities/1001.tcx"},
       {"skip:repeated", "tcx"},
       {"", "<TrainingCenterDatabase/>"}},
      {16, "the same, the whole copy first: it is read",
       {"Takeout/Fitbit/Activities/1001.tcx", "Takeout/Fitbit/Activities/1001.tcx"},
       {"tcx", "skip:repeated"},
       {"<TrainingCenterDatabase/>", ""}},
      {17, "a weight file's path three times, the first two copies empty: the third is read",
       {in_dir("weight-2023-01-01.json"), in_dir("weight-2023-01-01.json"), in_dir("weight-2023-01-01.json")},
       {"skip:repeated", "skip:repeated", "weight"},
       {"", "", "[]"}},
      // Helper finding: a first copy holding '[]' was read and the second copy's 13
      // weigh-ins lost; the larger copy is the one a cut-off Takeout part did not cut.
      {18, "a path twice, both copies with bytes: the larger is read, wherever it comes",
       {in_dir("exercise-0.json"), in_dir("exercise-0.json")},
       {"skip:repeated", "exercise"},
       {"[]", "[{}]"}},
      {19, "a track without a logId in its name, twice at one path: unnamed, then repeated",
       {"Takeout/Fitbit/Activities/track.tcx", "Takeout/Fitbit/Activities/track.tcx"},
       {"skip:unnamed", "skip:repeated"}},
      // Helper finding: a zip given with its unpacked folder copied every other-health file
      // twice (the second as "-2"), the paths differing only in their roots.
      {20, "an other-health file under two roots, the same folder, name and size: the first by name is copied, the other repeated",
       {"Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", "unz/Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv"},
       {"other_health", "skip:repeated"},
       {"timestamp,value\n", "timestamp,value\n"}},
      {21, "the same folder and name of another size: other data, both copied",
       {"Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", "unz/Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv"},
       {"other_health", "other_health"},
       {"timestamp,value\n", "timestamp,value\n1,2\n"}},
      {22, "the same name in another folder: another file, both copied",
       {"Takeout/Fitbit/Stress/Stress Score.csv", "Takeout/Fitbit/Stress 2/Stress Score.csv"},
       {"other_health", "other_health"},
       {"a\n", "a\n"}},
      {23, "a path twice, both copies of one size: the first by name is read",
       {in_dir("exercise-0.json"), in_dir("exercise-0.json")},
       {"exercise", "skip:repeated"},
       {"[{}]", "[{}]"}},
  };
}

std::string what(const ts::fitbit::FileClass& c) {
  if (c.known) return ts::fitbit::kind_info(c.kind).id;
  return std::string("skip:") + ts::fitbit::skip_code(c.skip);
}

}  // namespace

TEST_CASE("file table: which copy of the same data is read (numbered rows)", "[file_table]") {
  for (const Row& r : rows()) {
    const std::string label = "row " + std::to_string(r.n) + ": " + r.why;
    SECTION(label) {
      INFO(label);
      ts::convert::BundleView in;
      for (size_t i = 0; i < r.files.size(); ++i) in.files.push_back({r.files[i], i < r.data.size() ? std::string_view(r.data[i]) : std::string_view()});
      const ts::convert::FileTable t = ts::convert::FileTable::of(in);
      REQUIRE(t.kinds.size() == r.files.size());
      std::vector<std::string> got;
      for (const auto& c : t.kinds) got.push_back(what(c));
      CHECK(got == r.expected);
    }
  }
}
