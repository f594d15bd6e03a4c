// A run's running dynamics from Google's files (fitbit/google_running_dynamics_csv.h,
// convert/gps_tracks.h add_running_dynamics): each file's unit into its FIT field's raw unit,
// what a row must hold, and which reading each point of a track takes. Numbered cases, each
// with why.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/convert/gps_tracks.h"
#include "core/convert/health_index.h"
#include "core/fitbit/google_running_dynamics_csv.h"

namespace {

using ts::fitbit::RunningDynamic;

struct RawCase {
  int n;
  const char* why;
  RunningDynamic measure;
  double value;  // as the file writes it
  int32_t raw;   // the FIT field's raw value; -1: not plausible, a bad row
};

const RawCase kRaw[] = {
    {1, "stride length: centimetres -> step_length in 0.1 mm (a real run's 94.1 cm)", RunningDynamic::step_length, 94.1, 9410},
    {2, "ground contact time: milliseconds -> stance_time in 0.1 ms", RunningDynamic::stance_time, 283, 2830},
    {3, "vertical oscillation: centimetres -> vertical_oscillation in 0.1 mm", RunningDynamic::vertical_oscillation, 9.8, 980},
    {4, "vertical ratio as real files write it, hundredths of a percent: 1044.3 is 10.443 % (9.8 cm over 94.1 cm)",
     RunningDynamic::vertical_ratio, 1044.3, 1044},
    {5, "vertical ratio as the readme says, a percentage: 10.44 %", RunningDynamic::vertical_ratio, 10.44, 1044},
    {6, "vertical ratio of 60 %: no run rises by more than half its step", RunningDynamic::vertical_ratio, 60, -1},
    {7, "vertical ratio of 0 (a watch's 'none'): not a reading", RunningDynamic::vertical_ratio, 0, -1},
    {8, "a stride of 5 m: no person's", RunningDynamic::step_length, 500, -1},
    {9, "a ground contact of 3 s: standing, not running", RunningDynamic::stance_time, 3000, -1},
    {10, "a negative oscillation", RunningDynamic::vertical_oscillation, -1, -1},
    {11, "the largest plausible vertical ratio in hundredths, 50 %", RunningDynamic::vertical_ratio, 5000, 5000},
    {12, "a vertical ratio of 849.5 hundredths rounds up to 850, as the file's own number (divided by 100 and "
         "multiplied back it was 849.4999…, 849)", RunningDynamic::vertical_ratio, 849.5, 850},
};

const std::string kDir = "Takeout/Fitbit/Physical Activity_GoogleData/";
constexpr int64_t k1122 = 1727522520;  // 2024-09-28T11:22:00Z

}  // namespace

TEST_CASE("running dynamics: each file's unit into its FIT field's (numbered cases)", "[dynamics]") {
  for (const RawCase& c : kRaw) {
    INFO("case " << c.n << ": " << c.why);
    CHECK(ts::fitbit::running_dynamic_raw(c.measure, c.value) == c.raw);
  }
}

TEST_CASE("running dynamics: a file's rows, its window, its bad rows and its header", "[dynamics]") {
  std::vector<std::pair<int64_t, int32_t>> out;
  ts::fitbit::Problems problems;
  // 1: rows in the window, by name of column wherever it sits; a bad value and a bad time in
  // the window are one problem; a row before the window is not read.
  const std::string file =
      "ground contact time,timestamp\n"
      "270,2024-09-28T11:21:59Z\n"
      "283,2024-09-28T11:22:00Z\n"
      "x,2024-09-28T11:22:05Z\n"
      "9000,2024-09-28T11:22:10Z\n"
      "277,2024-09-28T11:22:15Z\n";
  REQUIRE_FALSE(ts::fitbit::read_google_running_dynamic(RunningDynamic::stance_time, kDir + "ground_contact_time_2024-09-28.csv",
                                                        file, k1122, k1122 + 60, out, problems));
  CHECK(out == std::vector<std::pair<int64_t, int32_t>>{{k1122, 2830}, {k1122 + 15, 2770}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].reason == "2 row(s) without a readable time or ground contact time left out");
  // 2: another measure's header is not this measure's file.
  out.clear();
  problems.clear();
  const ts::Error e = ts::fitbit::read_google_running_dynamic(RunningDynamic::step_length, kDir + "stride_length_2024-09-28.csv",
                                                              "timestamp,vertical ratio\n2024-09-28T11:22:00Z,1044.3\n", k1122,
                                                              k1122 + 60, out, problems);
  REQUIRE(e);
  CHECK(e.message == "not Google's stride length file: its first line has no timestamp and stride length columns");
  // 3: an empty file: no readings and no problem.
  CHECK_FALSE(ts::fitbit::read_google_running_dynamic(RunningDynamic::vertical_ratio, kDir + "vertical_ratio_2024-09-28.csv", "",
                                                      k1122, k1122 + 60, out, problems));
  CHECK(out.empty());
  CHECK(problems.empty());
}

TEST_CASE("running dynamics: each point takes a measure's reading of its second, else the nearest within 3 s", "[dynamics]") {
  ts::convert::BundleView in;
  const std::string stride =
      "timestamp,stride length\n"
      "2024-09-28T11:22:00Z,90.00\n"
      "2024-09-28T11:22:03Z,91.00\n"
      "2024-09-28T11:22:30Z,99.00\n";
  const std::string ratio =
      "timestamp,vertical ratio\n"
      "2024-09-28T11:22:02Z,1000.0\n";
  // The bundle holds views: its names live here.
  const std::string stride_name = kDir + "stride_length_2024-09-28.csv", ratio_name = kDir + "vertical_ratio_2024-09-28.csv";
  in.files.push_back({stride_name, stride});
  in.files.push_back({ratio_name, ratio});
  ts::convert::HealthIndex index;
  ts::convert::index_health_files(in, index);
  REQUIRE(index.dynamics[0].size() == 1);
  REQUIRE(index.dynamics[3].size() == 1);
  ts::fitbit::TcxActivity track;
  for (int64_t s : {0, 1, 2, 5, 6, 7, 20}) {
    ts::fitbit::Trackpoint p;
    p.time_ms = (k1122 + s) * 1000;
    track.points.push_back(p);
  }
  ts::fitbit::Problems problems;
  std::set<size_t> reported;
  ts::convert::add_running_dynamics(in, index, k1122, k1122 + 25, track, problems, reported);
  struct Want {
    int n;
    const char* why;
    int32_t step, ratio;
  };
  const Want want[] = {
      {1, "its own second's stride; the ratio 2 s later", 9000, 1000},
      {2, "the stride 1 s before (nearer than the one 2 s after)", 9000, 1000},
      {3, "the stride 1 s after; the ratio of its own second", 9100, 1000},
      {4, "the stride 2 s before; the ratio 3 s before", 9100, 1000},
      {5, "the stride 3 s before; the ratio 4 s before: none", 9100, -1},
      {6, "4 s from the stride before and 23 s from the next (outside the window besides): none", -1, -1},
      {7, "alone, 17 s from any reading: none", -1, -1},
  };
  for (size_t i = 0; i < track.points.size(); ++i) {
    INFO("point " << want[i].n << ": " << want[i].why);
    const auto raw = [](int32_t v) { return v < 0 ? ts::fitbit::kNoDynamic : static_cast<uint16_t>(v); };
    CHECK(track.points[i].dynamics[RunningDynamic::step_length] == raw(want[i].step));
    CHECK(track.points[i].dynamics[RunningDynamic::vertical_ratio] == raw(want[i].ratio));
    CHECK(track.points[i].dynamics[RunningDynamic::stance_time] == ts::fitbit::kNoDynamic);
  }
  CHECK(problems.empty());
}
