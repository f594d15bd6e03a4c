// A workout's records from Google's pace and cadence files (convert/pace_tracks.h): which rows a
// window takes, the distance they add up to, each point's speed and cadence. Numbered cases,
// each with why.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "core/convert/health_index.h"
#include "core/convert/pace_tracks.h"

namespace {

const std::string kPace =
    "timestamp,steps,distance millimeters,altitude gain millimeters,data source\n"
    "2024-11-05T12:29:59Z,2,1000,0,Inspire 3\n"
    "2024-11-05T12:30:00Z,2,1200,0,Inspire 3\n"
    "2024-11-05T12:30:01Z,1,800,0,Inspire 3\n"
    "2024-11-05T12:30:01Z,9,9000,0,Inspire 3\n"  // the same second again: the first is kept
    "2024-11-05T12:30:02Z,2,1400,0,Inspire 3\n"
    "2024-11-05T12:30:03Z,x,100,0,Inspire 3\n"   // no steps: left out, counted
    "2024-11-05T12:30:04Z,2,2000,0,Inspire 3\n"  // 2 s after the row before: 1 m/s
    "2024-11-05T12:30:20Z,1,500,0,Inspire 3\n";  // 16 s after (a pause): its own second
const std::string kCadence =
    "timestamp,steps per minute\n"
    "2024-11-05T12:30:19Z,150\n";  // 1 s from 12:30:20 (a reading outside the window is not read)

struct Case {
  int n;
  const char* why;
  int64_t from, to;  // the window, UTC seconds
  bool on_foot;
  std::vector<int64_t> seconds;  // the points (UTC seconds)
  std::vector<double> metres;    // each point's distance from the first row of the window
  std::vector<double> speed;     // m/s
  std::vector<int16_t> cadence;  // -1: none
  size_t problems;
};

constexpr int64_t k1230 = 1730809800;  // 2024-11-05T12:30:00Z

const Case kCases[] = {
    {1, "a walk: its own seconds, each once; distance summed; speed over the seconds since the row before (one "
        "after a pause); cadence the last 10 s of steps a second x 30, the cadence file's reading where one is near",
     k1230, k1230 + 20, true,
     {k1230, k1230 + 1, k1230 + 2, k1230 + 4, k1230 + 20},
     {1.2, 2.0, 3.4, 5.4, 5.9},
     {1.2, 0.8, 1.4, 1.0, 0.5},
     {60, 45, 50, 42, 75},
     1},
    {2, "a window starting later (an earlier overlapping workout's hrFrom): the earlier rows are its, the "
        "distance starts from the window's first row",
     k1230 + 2, k1230 + 20, true,
     {k1230 + 2, k1230 + 4, k1230 + 20},
     {1.4, 3.4, 3.9},
     {1.4, 1.0, 0.5},
     {60, 40, 75},
     1},
    {3, "a sport not on foot (cycling): distance and speed, no cadence from steps; the cadence file's reading still "
        "goes on its point, as a track's <Cadence> would",
     k1230, k1230 + 20, false,
     {k1230, k1230 + 1, k1230 + 2, k1230 + 4, k1230 + 20},
     {1.2, 2.0, 3.4, 5.4, 5.9},
     {1.2, 0.8, 1.4, 1.0, 0.5},
     {-1, -1, -1, -1, 75},
     1},
    {4, "a window with no row in it: no track (the bad row before it is another window's to count)",
     k1230 + 5, k1230 + 19, true, {}, {}, {}, {}, 0},
};

}  // namespace

TEST_CASE("pace tracks: a window's records from Google's pace files (numbered cases)", "[pace]") {
  ts::convert::BundleView in;
  in.files.push_back({"Takeout/Fitbit/Physical Activity_GoogleData/live_pace_2024-11-05.csv", kPace});
  in.files.push_back({"Takeout/Fitbit/Physical Activity_GoogleData/cadence_2024-11-05.csv", kCadence});
  ts::convert::HealthIndex index;
  ts::convert::index_health_files(in, index);
  REQUIRE(index.live_pace.size() == 1);
  REQUIRE(index.cadence.size() == 1);
  for (const Case& c : kCases) {
    INFO("case " << c.n << ": " << c.why);
    ts::fitbit::TcxActivity track;
    track.sport = "kept when none";
    ts::fitbit::Problems problems;
    std::set<size_t> reported;
    const bool found = ts::convert::pace_track(in, index, c.from, c.to, c.on_foot, track, problems, reported);
    CHECK(found == !c.seconds.empty());
    CHECK((track.sport == "kept when none") == !found);
    REQUIRE(track.points.size() == c.seconds.size());
    for (size_t i = 0; i < c.seconds.size(); ++i) {
      INFO("point " << i);
      const auto& p = track.points[i];
      CHECK(p.time_ms == c.seconds[i] * 1000);
      CHECK(p.distance_m == Approx(c.metres[i]).margin(1e-9));
      CHECK(p.speed_mps == Approx(c.speed[i]).margin(1e-9));
      CHECK(p.cadence == c.cadence[i]);
      CHECK_FALSE(p.has_position());
    }
    CHECK(problems.size() == c.problems);
  }
}

TEST_CASE("pace tracks: the sports whose cadence is steps", "[pace]") {
  CHECK(ts::convert::steps_are_cadence(1));    // running
  CHECK(ts::convert::steps_are_cadence(11));   // walking
  CHECK(ts::convert::steps_are_cadence(17));   // hiking
  CHECK_FALSE(ts::convert::steps_are_cadence(2));   // cycling
  CHECK_FALSE(ts::convert::steps_are_cadence(10));  // training
  CHECK_FALSE(ts::convert::steps_are_cadence(0));   // generic
}
