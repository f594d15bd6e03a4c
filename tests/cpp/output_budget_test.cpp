// What a conversion may write (convert/output_budget.h) and what its paths may be
// (convert/output_paths.h): numbered tables for the rules, the bounds checked against what the
// writers really produce, and whole conversions shaped like an amplification — many workouts
// over the same hours of heart-rate data, other-health CSVs with hostile or repeated names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <string>

#include "core/convert/bundle.h"
#include "core/convert/convert.h"
#include "core/convert/output_budget.h"
#include "core/convert/output_paths.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/steps.h"
#include "core/workout/activity_fit.h"
#include "core/weight/weight_fit.h"
#include "core/workout/activity_plan.h"

namespace cv = ts::convert;
namespace wk = ts::workout;

namespace {

// An export of `workouts` workouts, all starting at 08:00 on 2023-03-04 and lasting
// `minutes`, and one heart-rate day file with a reading every `hr_every` seconds from 08:00
// for `hr_seconds` seconds. Plus `extra` files as given.
std::string amplification_bundle(int workouts, int minutes, int hr_seconds, int hr_every,
                                 const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::string ex = "[";
  for (int i = 0; i < workouts; ++i) {
    if (i) ex += ",";
    ex += R"({"logId":)" + std::to_string(70000 + i) + R"(,"activityName":"Walk","activityTypeId":90013,)" +
          R"("startTime":"03/04/23 08:00:00","duration":)" + std::to_string(minutes * 60000) + "}";
  }
  ex += "]";
  std::string hr = "[";
  for (int s = 0; s < hr_seconds; s += hr_every) {
    char t[64];
    std::snprintf(t, sizeof t, "%02d:%02d:%02d", 8 + s / 3600, (s / 60) % 60, s % 60);
    if (s) hr += ",";
    hr += std::string(R"({"dateTime":"03/04/23 )") + t + R"(","value":{"bpm":)" + std::to_string(90 + s % 40) + R"(,"confidence":2}})";
  }
  hr += "]";
  cv::BundleWriter w(R"({"kinds":["workouts","reference"]})");
  w.add("Takeout/Fitbit/Global Export Data/exercise-0.json", ex);
  w.add("Takeout/Fitbit/Global Export Data/heart_rate-2023-03-04.json", hr);
  for (const auto& [name, data] : extra) w.add(name, data);
  return w.finish();
}

struct Converted {
  ts::Error error;
  size_t input_bytes = 0, output_bytes = 0, files = 0;
  std::vector<std::pair<std::string, std::string>> outputs;  // (path, bytes)
};

Converted convert(const std::string& bundle) {
  cv::BundleView in;
  REQUIRE_FALSE(cv::decode_bundle(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), 0, in));
  Converted c;
  for (const auto& f : in.files) c.input_bytes += f.data.size();
  std::string out;
  c.error = cv::convert_export(in, out);
  if (c.error) return c;
  cv::BundleView view;
  REQUIRE_FALSE(cv::decode_bundle(reinterpret_cast<const uint8_t*>(out.data()), out.size(), 0, view));
  for (const auto& f : view.files) {
    c.outputs.emplace_back(std::string(f.name), std::string(f.data));
    c.output_bytes += f.data.size();
  }
  c.files = view.files.size();
  return c;
}

}  // namespace

TEST_CASE("output budget: what a conversion may write, from its input", "[budget]") {
  struct Row { int n; uint64_t input, max_bytes, max_files; const char* why; };
  const Row rows[] = {
      {1, 0, 1 << 20, 64, "nothing given: the slack alone (a manifest, IMPORT.txt, a few small files)"},
      {2, 192 * 1024, 4 * 192 * 1024 + (1 << 20), 768 + 64, "a full upload (192 KiB): 1.8 MB and 832 files"},
      {3, 50'000'000, 200'000'000 + (1 << 20), 195'312 + 64, "a 50 MB export on the command line"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    const cv::OutputBudget b(r.input);
    CHECK(b.max_bytes() == r.max_bytes);
    CHECK(b.max_files() == r.max_files);
  }
}

TEST_CASE("output budget: reservations fit or are refused with what to leave out", "[budget]") {
  cv::OutputBudget b(1000);  // 1,004,576 bytes, 67 files
  REQUIRE_FALSE(b.reserve(60, 1000, "60 workouts", "leave out workouts"));
  // 1: files past the budget are refused, naming the count and what to leave out.
  const ts::Error files = b.reserve(10, 10, "10 workouts", "leave out workouts");
  CHECK(files.status == ts::Status::capacity);
  CHECK(files.message == "the conversion would write more than 67 files for 1 KB of export files (10 workouts make 10); leave out workouts");
  CHECK(b.used_files() == 60);  // a refusal takes nothing
  // 2: bytes past the budget likewise.
  const ts::Error bytes = b.reserve(0, 2'000'000, "workout 7 and those before it", "leave out workouts");
  CHECK(bytes.status == ts::Status::capacity);
  CHECK(bytes.message == "the conversion would write more than 1.1 MB for 1 KB of export files (workout 7 and those before it need up to 2.0 MB); leave out workouts");
  // 3: a bound is replaced by the real size once the output exists.
  REQUIRE_FALSE(b.reserve(0, 500'000, "w", "x"));
  b.settle(500'000, 1234);
  CHECK(b.used_bytes() == 1000 + 1234);
}

// The bounds the budget reserves before a workout is planned hold for what is then written —
// checked here on the worst shapes: every record with a different set of fields (its own
// definition) and a pause around every record (two timer events each).
TEST_CASE("output budget: an activity FIT never exceeds the bound reserved for it", "[budget]") {
  ts::tz::Zone zone;
  REQUIRE_FALSE(ts::tz::Zone::make({{0, 3600}}, zone));
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    ts::fitbit::Exercise ex;
    ex.log_id = 1;
    ex.start_utc_ms = 1'677'920'400'000;
    const int n = 1 + static_cast<int>(rng() % 400);
    const int gap = round % 2 ? 61 : 1;  // 61 s: a pause between every two samples
    ex.duration_ms = static_cast<int64_t>(n) * gap * 1000;
    ts::fitbit::TcxActivity track;
    for (int i = 0; i < n; ++i) {
      ts::fitbit::Trackpoint p;
      p.time_ms = ex.start_utc_ms + static_cast<int64_t>(i) * gap * 1000;
      const unsigned fields = rng();
      if (fields & 1) p.lat_deg = 52.5, p.lon_deg = 13.4;
      if (fields & 2) p.altitude_m = 40;
      if (fields & 4) p.heart_rate = 120;
      if (fields & 8) p.cadence = 80;
      if (fields & 16) p.distance_m = static_cast<double>(i);
      if (fields & 32) p.speed_mps = 3;
      p.segment_start = (fields & 64) != 0;
      track.points.push_back(p);
    }
    wk::ActivityPlan plan;
    REQUIRE_FALSE(wk::plan_activity(ex, &track, {}, plan));
    const size_t records = wk::records_bound(ex, track.points.size(), 0);
    INFO("round " << round << ": " << n << " points, bound " << records << " records, plan " << plan.records.size());
    CHECK(plan.records.size() <= records);
    std::string fit;
    REQUIRE_FALSE(wk::write_activity_fit(plan, zone, fit));
    CHECK(fit.size() <= wk::activity_fit_bytes_bound(records));
  }
}

// The bound the plan reserves for a weight file holds for any mix of its four record layouts
// (fat and BMI each present or not), at every size up to a file's most.
TEST_CASE("output budget: a weight FIT never exceeds the bound reserved for it", "[budget]") {
  for (size_t count : {size_t{1}, size_t{2}, size_t{7}, size_t{250}, size_t{1000}, ts::weight::kMaxPerFile}) {
    std::vector<ts::weight::WeighInRecord> records(count);
    for (size_t i = 0; i < count; ++i) {
      records[i].utc_sec = 1700000000 + static_cast<int64_t>(i) * 3600;
      records[i].weight = 65534;
      if (i % 2) records[i].fat = 10000;
      if (i % 3) records[i].bmi = 65530;
    }
    std::string fit;
    REQUIRE_FALSE(ts::weight::write_weight_fit(records.data(), count, fit));
    INFO(count << " records: " << fit.size() << " bytes");
    CHECK(fit.size() <= ts::weight::weight_fit_bytes_bound(count));
  }
}

TEST_CASE("output budget: records per workout are bounded by its duration at 1 Hz", "[budget]") {
  ts::fitbit::Exercise ex;
  ex.start_utc_ms = 1'677'920'400'000;
  ex.duration_ms = 60'000;  // 60 s: at most 61 seconds of samples, plus two boundary records
  CHECK(wk::records_bound(ex, 0, 100000) == 63);
  CHECK(wk::records_bound(ex, 10, 5) == 17);  // fewer samples than seconds
  CHECK(wk::records_bound(ex, 0, 0) == 2);    // a summary activity
  ex.duration_ms = 30LL * 24 * 3600 * 1000;   // a month: thinned to kMaxRecords
  CHECK(wk::records_bound(ex, 10'000'000, 0) == wk::kMaxRecords + 2);
}

TEST_CASE("output paths: every component is safe to unpack", "[paths]") {
  struct Row { int n; const char* in; const char* out; const char* why; };
  const Row rows[] = {
      {1, "Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", "Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", "a real folder and name are kept"},
      {2, "X/..\\..\\evil.csv", "X/____evil.csv", "'..' and backslashes: Windows' separators cannot climb out"},
      {3, "../../etc/passwd.csv", "_/_/etc/passwd.csv", "'..' components become '_'"},
      {4, "C:\\Windows\\x.csv", "C__Windows_x.csv", "a drive letter and its backslashes"},
      {5, "a/b:stream.csv", "a/b_stream.csv", "':' (an NTFS stream) is rewritten"},
      {6, "tab\there/new\nline.csv", "tab_here/new_line.csv", "control characters"},
      {7, "a//b/./c.csv", "a/b/_/c.csv", "empty components dropped; '.' becomes '_'"},
      {8, "x/a..b.csv", "x/a_b.csv", "'..' inside a name"},
      {9, "x/...csv", "x/_csv", "a run of dots is one '_'"},
      {10, "", "_", "nothing at all is still a name"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    CHECK(cv::safe_path(r.in) == r.out);
    CHECK(cv::is_safe_path(cv::safe_path(r.in)));
  }
  CHECK_FALSE(cv::is_safe_path("reference/other/..\\evil.csv"));
  CHECK_FALSE(cv::is_safe_path("a/../b.csv"));
}

TEST_CASE("output paths: is_safe_path says exactly whether a path is its own safe path", "[paths]") {
  // is_safe_path does not build safe_path(path) (assembly checks ~3,000 paths); it must agree
  // with it on every path: the edge cases by hand, then every path of up to five bytes over
  // an alphabet of the bytes that matter, then random longer ones.
  const char* rows[] = {"", "/", "a", "a/", "/a", "a//b", ".", "./a", "a/.", "..", "a..b", "a.b", ".a", "a.", "_",
                        "a/b/c.fit", "a\\b", "a:b", "a\x7f", "a\x01b", "weight/2023.fit", "a/.../b"};
  for (const char* r : rows) {
    INFO("path \"" << r << "\"");
    CHECK(cv::is_safe_path(r) == (!std::string_view(r).empty() && cv::safe_path(r) == r));
  }
  const std::string alphabet = "a./\\:_\x01";
  size_t checked = 0;
  std::string path;
  std::function<void(size_t)> every = [&](size_t left) {
    const bool expected = !path.empty() && cv::safe_path(path) == path;
    if (cv::is_safe_path(path) != expected) FAIL("path \"" << path << "\"");
    ++checked;
    if (left == 0) return;
    for (char c : alphabet) {
      path.push_back(c);
      every(left - 1);
      path.pop_back();
    }
  };
  every(5);
  CHECK(checked == 19608);  // (7^6 - 1) / 6: every path of 0 to 5 bytes over the 7 bytes
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string p(1 + rng() % 40, 'x');
    for (char& c : p) c = alphabet[rng() % alphabet.size()];
    if (cv::is_safe_path(p) != (cv::safe_path(p) == p)) FAIL("path \"" << p << "\"");
  }
}

TEST_CASE("other health files: a CSV is copied whatever the letter case of its extension (numbered rows)", "[paths]") {
  struct Row {
    int n;
    const char* name;
    bool copied;
    const char* why;
  };
  const Row rows[] = {
      {1, "Takeout/Fitbit/Temperature/Computed Temperature - 2023-01-01.csv", true, "the usual name"},
      {2, "Takeout/Fitbit/Temperature/Computed Temperature - 2023-01-01.CSV", true, "upper case, as the classifier reads it too"},
      {3, "Takeout/Fitbit/Temperature/Computed Temperature - 2023-01-01.Csv", true, "mixed case"},
      // Helper finding: other-health JSON (VO2 max, heart-rate zones) was named but not copied.
      {4, "Takeout/Fitbit/Temperature/Computed Temperature - 2023-01-01.json", true, "a JSON is copied too"},
      {5, "Takeout/Fitbit/Temperature/notcsv", false, "no extension"},
      {6, ".csv", false, "nothing before the extension"},
      {7, "Takeout/Fitbit/HRV/x.c$v", false, "a character that is a letter only after the case bit is set"},
      {8, "Takeout/Fitbit/Cardio/demographic_vo2_max-2023-01-01.JSON", true, "a JSON in upper case"},
      {9, "Takeout/Fitbit/HRV/x.txt", false, "neither a CSV nor a JSON"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    CHECK(cv::copied_as_is(r.name) == r.copied);
  }
  const auto paths = cv::other_output_paths({"T/A/x.csv", "T/A/x.CSV", "T/A/y.json"});
  CHECK(paths == std::vector<std::string>{"reference/other/A/x.csv", "reference/other/A/x-2.CSV", "reference/other/A/y.json"});
}

TEST_CASE("output paths: two outputs never share a path, whatever the case", "[paths]") {
  cv::PathClaims claims;
  CHECK(claims.claim("reference/other/A/x.csv") == "reference/other/A/x.csv");
  CHECK(claims.claim("reference/other/A/x.csv") == "reference/other/A/x-2.csv");
  CHECK(claims.claim("reference/other/a/X.csv") == "reference/other/a/X-3.csv");  // one file on Windows and macOS
  CHECK(claims.claim("reference/other/A/x-2.csv") == "reference/other/A/x-2-2.csv");
  CHECK(claims.claim("reference/other/noext") == "reference/other/noext");
  CHECK(claims.claim("reference/other/noext") == "reference/other/noext-2");
  CHECK(claims.claim("reference/other/.hidden") == "reference/other/.hidden");
  CHECK(claims.claim("reference/other/.hidden") == "reference/other/.hidden-2");
  // Each claim of one name goes on from the last one's suffix (review finding: 4,000 files of
  // one name each tried every suffix before its own, 4.5 s of a plan); a suffix another path
  // took as its own name is passed over, the same names as before.
  cv::PathClaims many;
  CHECK(many.claim("r/s.csv") == "r/s.csv");
  CHECK(many.claim("r/s-3.csv") == "r/s-3.csv");
  CHECK(many.claim("r/s.csv") == "r/s-2.csv");
  CHECK(many.claim("r/S.csv") == "r/S-4.csv");
  std::string last;
  for (int k = 5; k <= 4000; ++k) last = many.claim("r/s.csv");
  CHECK(last == "r/s-4000.csv");
  CHECK(many.claim("r/s-4000.csv") == "r/s-4000-2.csv");
}

// Many workouts over the same hours, each of which used to turn every heart-rate reading in its
// window into a record of its own.
TEST_CASE("conversion: overlapping workouts share, not multiply, the heart-rate readings", "[budget][convert]") {
  // 40 workouts of 30 minutes over the same half hour, 1,800 readings: one reading feeds one
  // workout, so all the records together are the readings plus two boundaries per workout.
  const Converted c = convert(amplification_bundle(40, 30, 1800, 1));
  INFO(c.error.message);
  REQUIRE_FALSE(c.error);
  size_t fits = 0, fit_bytes = 0;
  for (const auto& [path, bytes] : c.outputs)
    if (path.rfind("activities/", 0) == 0) ++fits, fit_bytes += bytes.size();
  CHECK(fits == 40);
  // The first workout has every reading (1,801 seconds); the other 39 are summaries.
  CHECK(fit_bytes < wk::activity_fit_bytes_bound(1803) + 39 * wk::activity_fit_bytes_bound(2));
  CHECK(c.output_bytes <= 4 * c.input_bytes + (1 << 20));
}

TEST_CASE("conversion: a shape past the budget is refused before it is made, saying what to leave out", "[budget][convert]") {
  // 1,450 workouts over the same half hour with 1,800 readings: the shape of the amplification
  // that made 1,452 files and 16.6 MB from one upload, or ran the core out of memory.
  const std::string bundle = amplification_bundle(1450, 30, 1800, 1);
  const Converted c = convert(bundle);
  REQUIRE(c.error);
  CHECK(c.error.status == ts::Status::capacity);
  CHECK(c.error.message.find("more than") != std::string::npos);
  CHECK(c.error.message.find("1450 workouts") != std::string::npos);
  CHECK(c.error.message.find("leave out workouts") != std::string::npos);
  // In steps, the plan refuses it (from names, sizes and the exercise records), before any
  // step runs; the report alone (ts_validate) still describes the export.
  cv::BundleView in;
  REQUIRE_FALSE(cv::decode_bundle(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), 0, in));
  std::string out;
  const ts::Error planned = cv::plan_export(in, out);
  CHECK(planned.status == ts::Status::capacity);
  CHECK(planned.message == c.error.message);
  CHECK_FALSE(cv::report_export(in, out));
}

// A weight step with rows has no files to budget by: the plan reserves the weight files' room
// from the whole input, as for workouts, and refuses a shape past it before any step runs.
TEST_CASE("conversion: weight files past the budget are refused by the plan, saying what to leave out", "[budget][convert]") {
  // 300 weigh-ins in ~30 KB of JSON at one weigh-in per file: 300 files, where 30 KB of input
  // allows 64 + 30,000 / 256.
  std::string logs = "[";
  for (int i = 0; i < 300; ++i) {
    char rec[160];
    std::snprintf(rec, sizeof rec, R"(%s{"logId":%d,"weight":180.2,"bmi":25.1,"date":"%02d/%02d/23","time":"%02d:00:00","source":"Aria"})",
                  i ? "," : "", i, 1 + i / 24 % 12, 1 + i / 24 % 28, i % 24);
    logs += rec;
  }
  logs += "]";
  cv::BundleWriter w(R"({"weightEntriesPerFile":1,"timeZone":{"name":"UTC","transitions":[[0,0]]}})");
  w.add("Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", logs);
  const std::string bundle = w.finish();
  cv::BundleView in;
  REQUIRE_FALSE(cv::decode_bundle(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), 0, in));
  std::string out;
  const ts::Error planned = cv::plan_export(in, out);
  INFO(planned.message);
  CHECK(planned.status == ts::Status::capacity);
  CHECK(planned.message.find("the weight files") != std::string::npos);
  CHECK(planned.message.find("leave out weight") != std::string::npos);
  CHECK(convert(bundle).error.message == planned.message);
}

TEST_CASE("conversion: other-health CSVs with hostile or repeated names get safe paths of their own", "[paths][convert]") {
  const std::string csv = "timestamp,value\n2023-01-25T00:00:00,97\n";
  const Converted c = convert(amplification_bundle(
      1, 10, 60, 1,
      {{"Takeout/Fitbit/Oxygen Saturation (SpO2)/..\\..\\Minute SpO2 - evil.csv", csv},
       {"Takeout/Fitbit/One/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", csv},
       {"Takeout/Fitbit/Two/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv", csv + "2023-01-25T00:01:00,96\n"}}));
  INFO(c.error.message);
  REQUIRE_FALSE(c.error);
  std::vector<std::string> others;
  for (const auto& [path, bytes] : c.outputs) {
    CHECK(cv::is_safe_path(path));
    if (path.rfind("reference/other/", 0) == 0) others.push_back(path);
  }
  std::sort(others.begin(), others.end());
  // The backslashed name never becomes an output: the classifier (fitbit/file_kinds.cpp) skips
  // any unsafe path, with its reason in the report, before output_paths would clean it.
  CHECK(others == std::vector<std::string>{"reference/other/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25-2.csv",
                                           "reference/other/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv"});
}
