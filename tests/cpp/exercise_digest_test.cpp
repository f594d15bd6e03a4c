// Exercise digests (wasm/core/convert/exercise_digest.h): a plan given digests in place of the
// exercise files is the plan given the files, byte for byte. steps_cases_test.cpp checks that
// on every case of tests/cases/steps.json; here, numbered rows of exercise files the cases do
// not have (each with the reason it exists), and the digests a plan refuses.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "boundary/api_convert.h"
#include "boundary/api_steps.h"
#include "case_table.h"
#include "core/convert/bundle.h"

namespace {

using nlohmann::json;
using ts::test::bundle_of;
using ts::test::call_ok;
using ts::test::Files;
using ts::test::files_of_bundle;

const char* kDir = "Takeout/Fitbit/Global Export Data/";

json options() {
  return {{"timeZone", {{"name", "Europe/Berlin"}, {"transitions", {{0, 3600}, {1679792400, 7200}, {1698541200, 3600}}}}},
          {"sizes", json::object()}};
}

// The files' digests in place of their bytes, with the options that say so.
std::pair<json, Files> digested(const Files& files, const std::vector<std::string>& which) {
  Files exercise;
  for (const auto& f : files)
    for (const auto& w : which)
      if (f.first == w) exercise.push_back(f);
  const Files digests = files_of_bundle(call_ok(ts::api::digest, bundle_of(nullptr, exercise)));
  json o = options();
  o["digests"] = json::array();
  Files out = files;
  for (size_t i = 0; i < digests.size(); ++i) {
    o["digests"].push_back(digests[i].first);
    o["sizes"][digests[i].first] = exercise[i].second.size();
    for (auto& f : out)
      if (f.first == digests[i].first) f.second = digests[i].second;
  }
  return {o, out};
}

std::string record(int64_t id, const std::string& extra = "", const std::string& start = "03/02/23 15:00:00") {
  return R"({"logId":)" + std::to_string(id) + R"(,"activityName":"Run","activityTypeId":90009,"duration":1800000,"startTime":")" + start +
         R"(")" + extra + "}";
}

}  // namespace

TEST_CASE("exercise digests: the same plan as the files", "[steps]") {
  const std::string a = std::string(kDir) + "exercise-0.json", b = std::string(kDir) + "exercise-100.json";
  struct Row {
    int n;
    const char* why;
    Files files;
  };
  const Row rows[] = {
      {1, "every field the plan reads, set: steps, report and plausibility follow them",
       {{a, "[" + record(1, R"(,"activeDuration":1700000,"steps":4000,"averageHeartRate":150,"distance":5.1,"distanceUnit":"Kilometer","hasGps":true,"logType":"mobile_run")") + "]"}}},
      {2, "absent optional fields keep their sentinels (no active duration, distance, steps)", {{a, "[" + record(1) + "]"}}},
      {3, "an impossible workout (a 24-hour run of 1 km) is flagged from the digest's fields",
       {{a, "[" + record(1, R"(,"duration":86400000,"distance":1,"distanceUnit":"Kilometer")") + "]"}}},
      {4, "auto-detected: the log type decides what the plan leaves out", {{a, "[" + record(1, R"(,"logType":"auto_detected")") + "]"}}},
      {5, "a record skipped and a value dropped: the problems, in order, with their indexes",
       {{a, "[" + record(1) + R"(,{"activityName":"Walk"},)" + record(3, R"(,"distance":2,"distanceUnit":"Furlong")") + "]"}}},
      {6, "a distance too large for a double in metres: infinity survives the digest",
       {{a, "[" + record(1, R"(,"distance":1e308,"distanceUnit":"Mile")") + "]"}}},
      {7, "a file that is not JSON: the file's problem, and no workouts", {{a, "[{not json"}}},
      {8, "JSON but not an array", {{a, R"({"logId":1})"}}},
      {9, "a logId in two files: the first file by name wins, from digests as from bytes",
       {{a, "[" + record(1) + "]"}, {b, "[" + record(1, R"(,"activityName":"Walk")", "03/04/23 15:00:00") + "," + record(2) + "]"}}},
      {10, "escapes and non-ASCII in a name survive", {{a, "[" + record(1, R"(,"activityName":"Lauf \"im\" Wald \u00e4")") + "]"}}},
      {11, "whitespace between records: the ranges are the scan's", {{a, "[\n  " + record(1) + " ,\n\t" + record(2, "", "03/03/23 10:00:00") + "\n]\n"}}},
      {12, "an empty array", {{a, "[]"}}},
      {13, "thousands of broken records: the first 100 problems listed, the rest counted, from digests as from bytes",
       {{a, "[" + [] {
          std::string s;
          for (int i = 0; i < 3000; ++i) s += "{},";
          return s;
        }() + record(1) + "]"}}},
      {14, "a logId in two files, the record the same both times: one repeat, none differing, from digests as from bytes",
       {{a, "[" + record(1) + "]"}, {b, "[" + record(1) + "," + record(2) + "]"}}},
      {15, "a logId in two files, the second with another start: the repeat differs (a field the digest keeps)",
       {{a, "[" + record(1) + "]"}, {b, "[" + record(1, "", "03/05/23 15:00:00") + "]"}}},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    json o = options();
    Files plain = row.files;
    const std::string plan = call_ok(ts::api::plan, bundle_of(o, plain));
    // One file digested, the other not, and both: every mix plans the same.
    std::vector<std::vector<std::string>> mixes = {{a}};
    if (row.files.size() > 1) mixes.push_back({a, b}), mixes.push_back({b});
    for (const auto& which : mixes) {
      const auto [d_opts, d_files] = digested(row.files, which);
      CHECK(call_ok(ts::api::plan, bundle_of(d_opts, d_files)) == plan);
      CHECK(call_ok(ts::api::validate, bundle_of(d_opts, d_files)) == call_ok(ts::api::validate, bundle_of(o, plain)));
    }
  }
}

TEST_CASE("exercise records repeated across files are named, never dropped in silence (numbered rows)", "[steps]") {
  const std::string a = std::string(kDir) + "exercise-0.json", b = std::string(kDir) + "exercise-100.json";
  struct Row {
    int n;
    const char* why;
    Files files;
    const char* said;  // in the plan's part (the manifest's skipped list); "" for nothing said
  };
  const Row rows[] = {
      {1, "no logId twice: nothing said", {{a, "[" + record(1) + "]"}, {b, "[" + record(2) + "]"}}, ""},
      {2, "the same records in two files (two layouts of one export): the repeats named, none differing",
       {{a, "[" + record(1) + "," + record(2) + "]"}, {b, "[" + record(1) + "," + record(2) + "]"}},
       "\"source\":\"Takeout/Fitbit/Global Export Data/exercise-100.json\",\"reason\":\"2 workout record(s) repeat logIds of another "
       "exercise file, whose copy is converted (the copy last changed; the first by name when neither was changed later)\""},
      {3, "an edited copy: the record that differs is counted",
       {{a, "[" + record(1) + "," + record(2) + "]"}, {b, "[" + record(1) + "," + record(2, R"(,"steps":9000)") + "]"}},
       "2 workout record(s) repeat logIds of another exercise file, whose copy is converted (the copy last changed; the first by name when neither was changed later); 1 of them differ from the copy "
       "converted (start, duration, type, name, steps, calories, heart rate, distance, elevation, GPS or log type)"},
      // Helper finding: calories and elevation go into the activity file's session, but a copy
      // edited only there was counted as the same.
      {4, "an edited copy whose calories and elevation differ: both records counted",
       {{a, "[" + record(1, R"(,"calories":300,"elevationGain":10.5)") + "," + record(2, R"(,"calories":300,"elevationGain":10.5)") + "]"},
        {b, "[" + record(1, R"(,"calories":333,"elevationGain":10.5)") + "," + record(2, R"(,"calories":300,"elevationGain":12)") + "]"}},
       "2 workout record(s) repeat logIds of another exercise file, whose copy is converted (the copy last changed; the first by name when neither was changed later); 2 of them differ from the copy "
       "converted"},
      // Review finding: the later file by name was named even when its copy, changed later, was
      // the one converted, and the file whose copy was not converted went unnamed.
      {5, "the second file's copy changed later: it is converted, and the first file is the one named",
       {{a, "[" + record(1, R"(,"lastModified":"03/02/23 16:00:00")") + "]"},
        {b, "[" + record(1, R"(,"steps":9000,"lastModified":"03/05/23 10:00:00")") + "]"}},
       "\"source\":\"Takeout/Fitbit/Global Export Data/exercise-0.json\",\"reason\":\"1 workout record(s) repeat logIds of another exercise "
       "file, whose copy is converted (the copy last changed; the first by name when neither was changed later); 1 of them differ from the copy "
       "converted"},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    const std::string plan = call_ok(ts::api::plan, bundle_of(options(), row.files));
    if (*row.said == '\0') CHECK(plan.find("repeat logIds") == std::string::npos);
    else CHECK(plan.find(row.said) != std::string::npos);
    const auto [d_opts, d_files] = digested(row.files, {a, b});
    CHECK(call_ok(ts::api::plan, bundle_of(d_opts, d_files)) == plan);
  }
}

TEST_CASE("exercise digests: what a plan refuses", "[steps]") {
  const std::string a = std::string(kDir) + "exercise-0.json";
  const std::string file = "[" + record(1) + "]";
  const auto [good_opts, good_files] = digested({{a, file}}, {a});
  const std::string digest = good_files[0].second;
  auto with = [&](const std::string& text) { return Files{{a, text}}; };
  // The digest's bytes at `at` changed to `to` (little-endian, `width` bytes), or cut short.
  auto patch = [](std::string s, size_t at, uint64_t to, size_t width) {
    REQUIRE(at + width <= s.size());
    for (size_t i = 0; i < width; ++i) s[at + i] = static_cast<char>((to >> (8 * i)) & 0xFF);
    return s;
  };
  // Where the fields of a digest of one record and no problem lie (exercise_digest.h): "TSD7",
  // bytes (8), unread (1), problems (4), records (4), then the record: logId (8), position (8),
  // located (1), offset (8), …
  constexpr size_t kUnread = 12, kProblems = 13, kRecord = 21, kOffset = kRecord + 17;
  REQUIRE(digest.substr(0, 4) == "TSD7");
  json other_size = good_opts;
  other_size["sizes"][a] = file.size() + 1;
  json not_exercise = good_opts;
  not_exercise["digests"] = {"Takeout/Fitbit/Your Profile/Profile.csv"};
  json not_list = good_opts;
  not_list["digests"] = "exercise-0.json";
  struct Row {
    int n;
    const char* why;
    json options;
    Files files;
    ts::Status status;
    const char* contains;
  };
  const Row rows[] = {
      {1, "a digest of another version (the JSON digests of version 1): the Worker reads the file whole instead", good_opts,
       with(R"({"digest":1,"bytes":)" + std::to_string(file.size()) + R"(,"unread":null,"problems":[],"records":[]})"),
       ts::Status::format, "upload the export again"},
      {2, "the file's bytes where a digest is said to be", good_opts, with(file), ts::Status::format, "is not one this service wrote"},
      {3, "a digest written for a file of another size: not this file's", other_size, good_files, ts::Status::format, "was written for a file of"},
      {4, "a record's range past the file's end", good_opts, with(patch(digest, kOffset, 9999, 8)), ts::Status::format, "is not one this service wrote"},
      {5, "a record cut short (its last field missing)", good_opts, with(digest.substr(0, digest.size() - 1)), ts::Status::format, "is not one this service wrote"},
      {6, "a problem with an effect that does not exist: one problem ('f', -1, effect 9, 1, 'r') where there were none", good_opts,
       with(digest.substr(0, kProblems) + std::string("\x01\0\0\0\x01\0\0\0f", 9) + std::string(8, '\xff') + "\x09" +
            std::string("\x01\0\0\0\0\0\0\0\x01\0\0\0r", 13) + digest.substr(kProblems + 4)),
       ts::Status::format, "is not one this service wrote"},
      {7, "an unread file with records too", good_opts, with(patch(digest, kUnread, 1, 1)), ts::Status::format, "is not one this service wrote"},
      {8, "'digests' naming a file that is not an exercise file", not_exercise, good_files, ts::Status::invalid_argument,
       "not one of the bundle's exercise files"},
      {9, "'digests' that is not an array", not_list, good_files, ts::Status::invalid_argument, "must be an array"},
      // 2^32 - 1: without the check before reserving, the reserve itself would stop the process.
      {10, "more records counted than the bytes left could hold", good_opts, with(patch(digest, kRecord - 4, 0xFFFFFFFF, 4)), ts::Status::format,
       "is not one this service wrote"},
      {11, "bytes after the last record", good_opts, with(digest + "x"), ts::Status::format, "is not one this service wrote"},
      {12, "more problems counted than the bytes left could hold", good_opts, with(patch(digest, kProblems, 0xFFFFFFFF, 4)), ts::Status::format,
       "is not one this service wrote"},
  };
  for (const Row& row : rows) {
    INFO("row " << row.n << ": " << row.why);
    const auto r = ts::test::call(ts::api::plan, bundle_of(row.options, row.files));
    CHECK(r.status == row.status);
    CHECK(r.body.find(row.contains) != std::string::npos);
  }
  // Row 6's problem with an effect that exists is read: the row is refused for its effect alone.
  const std::string one_problem = digest.substr(0, kProblems) + std::string("\x01\0\0\0\x01\0\0\0f", 9) + std::string(8, '\xff') +
                                  "\x01" + std::string("\x01\0\0\0\0\0\0\0\x01\0\0\0r", 13) + digest.substr(kProblems + 4);
  CHECK(ts::test::call(ts::api::plan, bundle_of(good_opts, with(one_problem))).status == ts::Status::ok);
  // ts_digest takes exercise files only.
  const auto r = ts::test::call(ts::api::digest, bundle_of(nullptr, {{"Takeout/Fitbit/Your Profile/Profile.csv", "id\n"}}));
  CHECK(r.status == ts::Status::invalid_argument);
  CHECK(r.body.find("exercise files only") != std::string::npos);
}
