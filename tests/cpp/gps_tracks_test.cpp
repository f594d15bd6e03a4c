// A workout's track from Google's position and cadence files (convert/gps_tracks.h): which
// points a window takes, the distance along them, and the cadence each point gets. Numbered
// cases, each with why.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/convert/gps_tracks.h"
#include "core/convert/health_index.h"
#include "core/fitbit/export_time.h"

namespace {

const std::string kPositions =
    "timestamp,latitude,longitude,altitude\n"
    "2024-11-05T12:29:59Z,52.5000,13.4000,40\n"
    "2024-11-05T12:30:00Z,52.5000,13.4000,40\n"
    "2024-11-05T12:30:01Z,52.5001,13.4000,\n"
    "2024-11-05T12:30:01Z,52.5009,13.4009,41\n"  // the same second again: the first is kept
    "2024-11-05T12:30:02Z,52.5002,13.4000,42\n"
    "2024-11-05T12:30:03Z,52.5003,13.4000,42\n"
    "2024-11-05T12:30:10Z,52.5010,13.4000,43\n";
const std::string kCadence =
    "timestamp,steps per minute\n"
    "2024-11-05T12:30:00Z,160\n"   // its own second
    "2024-11-05T12:30:03Z,171\n"   // 12:30:02 is 1 s from it, 12:30:01 2 s from 12:30:03 and 1 s from 12:30:00
    "2024-11-05T12:30:07Z,150\n";  // 3 s from 12:30:10: too far

struct Case {
  int n;
  const char* why;
  int64_t from, to;                      // the window, UTC seconds
  std::vector<int64_t> seconds;          // the points taken (UTC seconds)
  std::vector<int16_t> cadence;          // each point's cadence (-1: none)
};

constexpr int64_t k1230 = 1730809800;  // 2024-11-05T12:30:00Z

const Case kCases[] = {
    {1, "the window's own seconds only, each once (the first row of a repeated second), in time order",
     k1230, k1230 + 10, {k1230, k1230 + 1, k1230 + 2, k1230 + 3, k1230 + 10}, {80, 80, 86, 86, -1}},
    {2, "a window starting later (an overlapping earlier workout's hrFrom) leaves the earlier points to it",
     k1230 + 2, k1230 + 10, {k1230 + 2, k1230 + 3, k1230 + 10}, {86, 86, -1}},
    {3, "a window with no position in it: no track", k1230 + 4, k1230 + 9, {}, {}},
};

}  // namespace

TEST_CASE("gps tracks: a window's points and their cadence from Google's files (numbered cases)", "[gps]") {
  ts::convert::BundleView in;
  in.files.push_back({"Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-11-05.csv", kPositions});
  in.files.push_back({"Takeout/Fitbit/Physical Activity_GoogleData/cadence_2024-11-05.csv", kCadence});
  ts::convert::HealthIndex index;
  ts::convert::index_health_files(in, index);
  REQUIRE(index.gps.size() == 1);
  REQUIRE(index.cadence.size() == 1);
  for (const Case& c : kCases) {
    INFO("case " << c.n << ": " << c.why);
    ts::fitbit::TcxActivity track;
    ts::fitbit::Problems problems;
    std::set<size_t> reported;
    const bool found = ts::convert::gps_track(in, index, c.from, c.to, track, problems, reported);
    CHECK(found == !c.seconds.empty());
    if (found) ts::convert::add_cadence(in, index, c.from, c.to, track, problems, reported);
    std::vector<int64_t> seconds;
    std::vector<int16_t> cadence;
    for (const auto& p : track.points) {
      seconds.push_back(p.time_ms / 1000);
      cadence.push_back(p.cadence);
    }
    CHECK(seconds == c.seconds);
    CHECK(cadence == c.cadence);
    CHECK(problems.empty());
  }
}

TEST_CASE("gps tracks: the distance along the points grows from 0 by the metres between them", "[gps]") {
  ts::convert::BundleView in;
  in.files.push_back({"gps_location_2024-11-05.csv", kPositions});
  ts::convert::HealthIndex index;
  ts::convert::index_health_files(in, index);
  ts::fitbit::TcxActivity track;
  ts::fitbit::Problems problems;
  std::set<size_t> reported;
  REQUIRE(ts::convert::gps_track(in, index, k1230, k1230 + 10, track, problems, reported));
  REQUIRE(track.points.size() == 5);
  CHECK(track.points[0].distance_m == 0);
  // 0.0001 degrees of latitude is 11.1 m anywhere.
  CHECK(track.points[1].distance_m == Approx(11.12).margin(0.05));
  CHECK(track.points[4].distance_m == Approx(111.2).margin(0.2));
  CHECK(std::isnan(track.points[1].altitude_m));  // an empty altitude stays absent
}

// Helper finding on a real export: a long record's window took positions in Texas and, 7.4
// hours later, in Vietnam, and its record distance grew by 13,977 km between them. A step
// faster than kMaxTrackSpeedMps adds nothing; the points either side stay, each step at its
// own speed counted (numbered rows: the metres added between the 2nd and 3rd points).
TEST_CASE("gps tracks: a jump faster than any workout adds no distance (numbered rows)", "[gps]") {
  struct Row {
    int n;
    const char* why;
    const char* third;  // the third point's row
    double added;       // metres between the 2nd and 3rd points' distance
  };
  const Row rows[] = {
      {1, "0.0008 degrees of latitude (89 m) in 1 s: under the bound, counted", "2024-11-05T12:30:02Z,52.5009,13.4000,", 88.96},
      {2, "0.0018 degrees (200 m) in 1 s: a jump, none", "2024-11-05T12:30:02Z,52.5019,13.4000,", 0},
      {3, "200 m in 10 s (20 m/s, a fast ride): counted", "2024-11-05T12:30:11Z,52.5019,13.4000,", 200.2},
      {4, "the other side of the world 7 hours on: a jump, none", "2024-11-05T19:30:01Z,16.0700,108.1800,", 0},
  };
  for (const Row& r : rows) {
    INFO(r.n << ": " << r.why);
    const std::string csv = std::string("timestamp,latitude,longitude,altitude\n2024-11-05T12:30:00Z,52.5000,13.4000,\n") +
                            "2024-11-05T12:30:01Z,52.5001,13.4000,\n" + r.third + "\n2024-11-05T20:00:00Z,16.0701,108.1800,\n";
    ts::convert::BundleView in;
    in.files.push_back({"gps_location_2024-11-05.csv", csv});
    ts::convert::HealthIndex index;
    ts::convert::index_health_files(in, index);
    ts::fitbit::TcxActivity track;
    ts::fitbit::Problems problems;
    std::set<size_t> reported;
    REQUIRE(ts::convert::gps_track(in, index, k1230, k1230 + 9 * 3600, track, problems, reported));
    REQUIRE(track.points.size() == 4);
    CHECK(track.points[2].distance_m - track.points[1].distance_m == Approx(r.added).margin(0.2));
    CHECK(track.points[1].distance_m == Approx(11.12).margin(0.05));
  }
}

namespace {

// Which files of one kind a window takes (google_day_files): `names` the days in the files'
// names, `window` [first, last] as days, `taken` the names' days of the files taken.
struct FilesCase {
  int n;
  const char* why;
  std::vector<const char*> names;
  const char* first;
  const char* last;
  std::vector<const char*> taken;
  std::vector<uint32_t> folders = {};  // each name's folder (HealthIndex::folder); none: one folder
};

const FilesCase kFilesCases[] = {
    {1, "daily files: those named a day either side of the window's days (a file cut at a local midnight)",
     {"2024-11-03", "2024-11-04", "2024-11-05", "2024-11-06", "2024-11-07"}, "2024-11-05", "2024-11-05",
     {"2024-11-04", "2024-11-05", "2024-11-06"}},
    {2, "a daily file two days before is not taken, though the next file is days later (a day file holds its day)",
     {"2024-11-02", "2024-11-09"}, "2024-11-05", "2024-11-05", {}},
    {3, "a month's file (named for the 1st) holds its month: a walk on the 12th takes it (helper finding)",
     {"2026-08-01", "2026-09-01", "2026-10-01"}, "2026-09-12", "2026-09-12", {"2026-09-01"}},
    {4, "the last day of a month takes its month's file, and the next month's (named the day after)",
     {"2026-08-01", "2026-09-01", "2026-10-01"}, "2026-09-30", "2026-09-30", {"2026-09-01", "2026-10-01"}},
    {5, "the 1st of a month takes the month before's file too: its last day is within a day",
     {"2026-08-01", "2026-09-01"}, "2026-09-01", "2026-09-01", {"2026-08-01", "2026-09-01"}},
    {6, "the last file named for the 1st holds its whole month (no next file ends it), and no more",
     {"2026-09-01"}, "2026-10-02", "2026-10-02", {}},
    {7, "a file named for the 1st followed by a file of the 3rd (daily files) holds the 1st and 2nd only",
     {"2026-09-01", "2026-09-03"}, "2026-09-20", "2026-09-20", {}},
    {8, "a window over months takes every file whose days it meets, in day order",
     {"2026-07-01", "2026-08-01", "2026-09-01", "2026-11-01"}, "2026-08-20", "2026-10-15",
     {"2026-08-01", "2026-09-01"}},
    {9, "February of a leap year holds 29 days", {"2028-02-01"}, "2028-03-01", "2028-03-01", {"2028-02-01"}},
    {10, "February of another year holds 28: its file is not taken on 2 March", {"2027-02-01"}, "2027-03-02", "2027-03-02", {}},
    {11, "a 2026 export's month file and an older Takeout's day file of the 3rd, in another folder: the month is whole (helper "
         "finding: cut at the 3rd, five workouts of late February lost their pace without a word)",
     {"2024-02-01", "2024-02-03"}, "2024-02-20", "2024-02-20", {"2024-02-01"}, {1, 2}},
    {12, "the same day file in the month file's own folder cuts it, as case 7", {"2024-02-01", "2024-02-03"}, "2024-02-20",
     "2024-02-20", {}, {1, 1}},
    {13, "another folder's day file is passed over, its own folder's later one cuts the month there",
     {"2024-02-01", "2024-02-03", "2024-02-10"}, "2024-02-09", "2024-02-09", {"2024-02-01", "2024-02-10"}, {1, 2, 1}},
    {14, "...and past that cut the month file is not taken", {"2024-02-01", "2024-02-03", "2024-02-10"}, "2024-02-20",
     "2024-02-20", {}, {1, 2, 1}},
};

}  // namespace

TEST_CASE("gps tracks: the files of one kind a window takes, daily or monthly (numbered cases)", "[gps]") {
  for (const FilesCase& c : kFilesCases) {
    INFO("case " << c.n << ": " << c.why);
    std::map<int64_t, size_t> days;
    for (size_t i = 0; i < c.names.size(); ++i) {
      int64_t d;
      REQUIRE(ts::fitbit::parse_iso_date(c.names[i], d));
      days.emplace(d, i);
    }
    int64_t first, last;
    REQUIRE(ts::fitbit::parse_iso_date(c.first, first));
    REQUIRE(ts::fitbit::parse_iso_date(c.last, last));
    std::vector<size_t> taken;
    std::vector<uint32_t> folder(c.names.size(), 1);
    for (size_t i = 0; i < c.folders.size(); ++i) folder[i] = c.folders[i];
    ts::convert::google_day_files(days, folder, first * 86400, last * 86400 + 86399, taken);
    std::vector<std::string> got, want(c.taken.begin(), c.taken.end());
    for (size_t i : taken) got.push_back(c.names[i]);
    CHECK(got == want);
  }
}

TEST_CASE("gps tracks: one export's folders, from the last Takeout/ on (numbered rows)", "[gps]") {
  // The folder numbers google_file_last_day cuts a month's file by (health_index.h folder).
  struct Row {
    int n;
    const char* a;
    const char* b;
    bool same;
    const char* why;
  };
  const Row rows[] = {
      {1, "takeout-001/Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-01.csv",
       "takeout-002/Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-09.csv", true,
       "a split Takeout's parts, unpacked side by side, are one export (review finding)"},
      {2, "Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-01.csv",
       "Takeout/Google Health/Physical Activity_GoogleData/GPS Location/gps_location_2024-03-09.csv", false,
       "an older Takeout and a 2026 export are two"},
      {3, "old/Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-01.csv",
       "new/Takeout/Google Health/Physical Activity_GoogleData/GPS Location/gps_location_2024-03-09.csv", false,
       "the same, each in a folder of its own"},
      {4, "x/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-01.csv",
       "y/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-09.csv", false,
       "without Takeout/ in the path, the folder as it is"},
      {5, "MyTakeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-01.csv",
       "Takeout/Fitbit/Physical Activity_GoogleData/gps_location_2024-03-09.csv", false,
       "Takeout/ only as a whole folder name"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::BundleView in;
    in.files.push_back({r.a, "timestamp,latitude,longitude\n"});
    in.files.push_back({r.b, "timestamp,latitude,longitude\n"});
    ts::convert::HealthIndex index;
    ts::convert::index_health_files(in, index);
    REQUIRE(index.gps.size() == 2);
    CHECK((index.folder[0] == index.folder[1]) == r.same);
  }
}
