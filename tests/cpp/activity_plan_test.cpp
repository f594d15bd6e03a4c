// The activity plan (what each activity FIT will say), numbered cases. Times are offsets in
// seconds from T0 = 2023-03-04T10:00:00Z.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/workout/activity_plan.h"

using namespace ts;

namespace {

constexpr int64_t T0 = 1677924000;

fitbit::Exercise run(int64_t duration_ms, double distance_m = -1) {
  fitbit::Exercise ex;
  ex.log_id = 42;
  ex.activity_name = "Run";
  ex.activity_type_id = 90009;
  ex.start_utc_ms = T0 * 1000;
  ex.duration_ms = duration_ms;
  ex.distance_m = distance_m;
  ex.calories = 300;
  ex.steps = 5000;
  return ex;
}

fitbit::Trackpoint pt(int64_t off_s, int16_t hr = -1, bool segment_start = false, double dist = NAN) {
  fitbit::Trackpoint p;
  p.time_ms = (T0 + off_s) * 1000;
  p.lat_deg = 52.5;
  p.lon_deg = 13.4;
  p.heart_rate = hr;
  p.segment_start = segment_start;
  p.distance_m = dist;
  return p;
}

std::vector<int64_t> record_offsets(const workout::ActivityPlan& p) {
  std::vector<int64_t> v;
  for (const auto& r : p.records) v.push_back(r.utc_sec - T0);
  return v;
}

std::vector<std::pair<int64_t, bool>> event_offsets(const workout::ActivityPlan& p) {
  std::vector<std::pair<int64_t, bool>> v;
  for (const auto& e : p.events) v.emplace_back(e.utc_sec - T0, e.start);
  return v;
}

}  // namespace

TEST_CASE("activity plan: numbered cases", "[workout]") {
  SECTION("case 1: no track, no heart rate -> summary activity: two boundary records, no invented track") {
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(600000, 1500), nullptr, {}, p));
    CHECK(p.summary_only);
    CHECK_FALSE(p.has_gps);
    CHECK(record_offsets(p) == std::vector<int64_t>{0, 600});
    CHECK(p.records[0].distance_m == 0);
    CHECK(p.records[1].distance_m == 1500);
    CHECK(std::isnan(p.records[1].lat_deg));
    CHECK(event_offsets(p) == std::vector<std::pair<int64_t, bool>>{{0, true}, {600, false}});
    CHECK(p.totals.elapsed_s == 600);
    CHECK(p.totals.distance_m == 1500);
    CHECK(p.totals.calories == 300);
    CHECK(p.totals.steps == 5000);
    CHECK(p.sport.sport == 1);
  }
  SECTION("case 2: a track with a pause (second <Track>) -> stop/start around it; boundaries added") {
    fitbit::TcxActivity t;
    t.points = {pt(2), pt(3), pt(4, -1, true), pt(5)};
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(10000), &t, {}, p));
    CHECK(p.has_gps);
    CHECK(record_offsets(p) == std::vector<int64_t>{0, 2, 3, 4, 5, 10});
    CHECK(event_offsets(p) == std::vector<std::pair<int64_t, bool>>{{0, true}, {3, false}, {4, true}, {10, false}});
  }
  SECTION("case 3: a gap over 60 s is a pause too; points outside the workout are clipped") {
    fitbit::TcxActivity t;
    t.points = {pt(-5), pt(0), pt(1), pt(100), pt(200), pt(250)};
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(200000), &t, {}, p));
    CHECK(p.clipped_points == 2);
    CHECK(record_offsets(p) == std::vector<int64_t>{0, 1, 100, 200});
    CHECK(event_offsets(p) ==
          std::vector<std::pair<int64_t, bool>>{{0, true}, {1, false}, {100, true}, {100, false}, {200, true}, {200, false}});
  }
  SECTION("case 4: heart rate from the day files fills a track without heart rate, merged by second") {
    fitbit::TcxActivity t;
    t.points = {pt(0), pt(2)};
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(4000), &t, {{T0 - 1, 90}, {T0 + 1, 100}, {T0 + 2, 110}, {T0 + 9, 99}}, p));
    CHECK(record_offsets(p) == std::vector<int64_t>{0, 1, 2, 4});
    CHECK(p.records[1].heart_rate == 100);
    CHECK(p.records[2].heart_rate == 110);
    CHECK(p.totals.max_heart_rate == 110);
    CHECK(p.totals.avg_heart_rate == 105);  // the exercise had none: from the samples
  }
  SECTION("case 5: the track's own heart rate wins over the day files; the exercise's average is kept") {
    fitbit::TcxActivity t;
    t.points = {pt(0, 120), pt(1, 130)};
    auto ex = run(1000);
    ex.average_heart_rate = 126;
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(ex, &t, {{T0, 60}}, p));
    CHECK(p.records[0].heart_rate == 120);
    CHECK(p.totals.avg_heart_rate == 126);
    CHECK(p.totals.max_heart_rate == 130);
  }
  SECTION("case 6: a duration with milliseconds ends on the next whole second; timer time <= elapsed") {
    auto ex = run(1500);
    ex.active_duration_ms = 99999;
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {}, p));
    CHECK(record_offsets(p) == std::vector<int64_t>{0, 2});
    CHECK(p.totals.elapsed_s == 1.5);
    CHECK(p.totals.timer_s == 1.5);
  }
  SECTION("case 7: track distance never decreases; without an exercise distance the track's last is the total") {
    fitbit::TcxActivity t;
    t.points = {pt(0, -1, false, 0), pt(1, -1, false, 5), pt(2, -1, false, 4), pt(3, -1, false, 9)};
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(3000), &t, {}, p));
    CHECK(p.records[2].distance_m == 5);
    CHECK(p.totals.distance_m == 9);
  }
  SECTION("case 8: a workout without duration is refused") {
    workout::ActivityPlan p;
    CHECK(workout::plan_activity(run(0), nullptr, {}, p).status == Status::format);
  }
  // Helper findings: gaps in the day files' heart rate were read as timer pauses.
  SECTION("case 9: no track, heart rate every 120 s (a swim): no pause; the events' timer is the session's") {
    std::vector<workout::HeartRateSample> hr;
    for (int64_t s = 0; s <= 1800; s += 120) hr.push_back({T0 + s, 110});
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(1800000), nullptr, hr, p));
    CHECK(event_offsets(p) == std::vector<std::pair<int64_t, bool>>{{0, true}, {1800, false}});
    CHECK(p.records.size() == hr.size());
  }
  SECTION("case 10: no track, heart rate every 5 s with a 3-minute dropout: no pause") {
    std::vector<workout::HeartRateSample> hr;
    for (int64_t s = 0; s <= 1800; s += 5)
      if (s < 600 || s > 780) hr.push_back({T0 + s, 120});
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(1800000), nullptr, hr, p));
    CHECK(event_offsets(p) == std::vector<std::pair<int64_t, bool>>{{0, true}, {1800, false}});
  }
  SECTION("case 11: a track's own gap over 60 s is still a pause when day-file heart rate falls inside it") {
    fitbit::TcxActivity t;
    t.points = {pt(0), pt(1), pt(100), pt(200)};
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(200000), &t, {{T0 + 50, 100}}, p));
    CHECK(event_offsets(p) ==
          std::vector<std::pair<int64_t, bool>>{{0, true}, {1, false}, {100, true}, {100, false}, {200, true}, {200, false}});
  }
  SECTION("case 12: an activeDuration of 0 is none recorded: the timer runs the whole workout") {
    auto ex = run(1800000);
    ex.active_duration_ms = 0;
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {}, p));
    CHECK(p.totals.timer_s == 1800);
  }
  SECTION("case 13: without an exercise distance, the laps' distances together when they say more than the points") {
    fitbit::TcxActivity summary;  // one lap of 1500 m, no points
    summary.laps = {fitbit::TcxLap{T0 * 1000, 600, 1500, -1}};
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(run(600000), &summary, {}, p));
    CHECK(p.totals.distance_m == 1500);
    fitbit::TcxActivity half;  // a lap whose points reach 750 m, then a lap of 750 m as a summary alone
    half.laps = {fitbit::TcxLap{T0 * 1000, 300, 750, -1}, fitbit::TcxLap{(T0 + 300) * 1000, 300, 750, -1}};
    half.points = {pt(0, -1, false, 0), pt(300, -1, false, 750)};
    REQUIRE_FALSE(workout::plan_activity(run(600000), &half, {}, p));
    CHECK(p.totals.distance_m == 1500);
    CHECK(p.records.back().distance_m == 1500);  // the last record says what the session does
    fitbit::TcxActivity whole;  // laps that say less than the points: the points' last
    whole.laps = {fitbit::TcxLap{T0 * 1000, 600, 100, -1}};
    whole.points = {pt(0, -1, false, 0), pt(600, -1, false, 900)};
    REQUIRE_FALSE(workout::plan_activity(run(600000), &whole, {}, p));
    CHECK(p.totals.distance_m == 900);
    // Review finding: a lap reaching past the workout's window (its points past it clipped) is
    // not counted: the points inside say 1200 m, not the lap's 2400.
    fitbit::TcxActivity longer;
    longer.laps = {fitbit::TcxLap{T0 * 1000, 1200, 2400, -1}};
    longer.points = {pt(0, -1, false, 0), pt(600, -1, false, 1200), pt(1200, -1, false, 2400)};
    REQUIRE_FALSE(workout::plan_activity(run(600000), &longer, {}, p));
    CHECK(p.totals.distance_m == 1200);
  }
  SECTION("case 14: readings whose highest is below the exercise's own average (another app's workout, a few day-file "
          "readings): the session has no maximum, the records keep their readings (it was 120 beside an average of 146)") {
    auto ex = run(4000);
    ex.average_heart_rate = 146;
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {{T0 + 1, 110}, {T0 + 2, 120}}, p));
    CHECK(p.totals.avg_heart_rate == 146);
    CHECK(p.totals.max_heart_rate == -1);
    CHECK(p.records[1].heart_rate == 110);
    // At or above the average, the records' maximum stays.
    ex.average_heart_rate = 120;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {{T0 + 1, 110}, {T0 + 2, 120}}, p));
    CHECK(p.totals.max_heart_rate == 120);
  }
  SECTION("case 15: helper finding: a row of Google's list with its tracker's peak (178) and no reading in any record: "
          "the session's maximum is the peak (it had none); a peak below the average is none; beside records, the larger "
          "(review finding: the records' 165 won), also when the records' maximum is below the average") {
    auto ex = run(4000);
    ex.average_heart_rate = 151;
    ex.peak_heart_rate = 178;
    workout::ActivityPlan p;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {}, p));
    CHECK(p.totals.max_heart_rate == 178);
    ex.peak_heart_rate = 140;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {}, p));
    CHECK(p.totals.max_heart_rate == -1);
    ex.peak_heart_rate = 178;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {{T0 + 1, 150}, {T0 + 2, 165}}, p));
    CHECK(p.totals.max_heart_rate == 178);
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {{T0 + 1, 120}, {T0 + 2, 140}}, p));
    CHECK(p.totals.max_heart_rate == 178);
    ex.peak_heart_rate = 160;
    REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {{T0 + 1, 150}, {T0 + 2, 165}}, p));
    CHECK(p.totals.max_heart_rate == 165);
  }
}

// Helper finding: track points held altitude, distance and speed as floats, so 40.1 m came out
// as 40.099998 and its FIT record one raw unit short (fit_writer_test has the rounding rows).
TEST_CASE("activity plan: a track point keeps altitude, distance and speed as written", "[workout]") {
  const std::string tcx =
      R"(<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">)"
      R"(<Activities><Activity Sport="Running"><Id>2023-06-01T10:00:00Z</Id><Lap StartTime="2023-06-01T10:00:00Z"><Track>)"
      R"(<Trackpoint><Time>2023-06-01T10:00:00Z</Time><AltitudeMeters>40.1</AltitudeMeters><DistanceMeters>12345.675</DistanceMeters>)"
      R"(<Extensions><TPX><Speed>2.0015</Speed></TPX></Extensions></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>)";
  fitbit::TcxActivity track;
  fitbit::Problems problems;
  REQUIRE_FALSE(fitbit::read_tcx("1.tcx", tcx, track, problems));
  REQUIRE(track.points.size() == 1);
  CHECK(track.points[0].altitude_m == 40.1);
  CHECK(track.points[0].distance_m == 12345.675);
  CHECK(track.points[0].speed_mps == 2.0015);
}

// Review remark (last session): a TCX holding several <Activity> elements counts each one's
// DistanceMeters from its own start, so the second's usually starts at 0 again; the running
// clamp then held the workout's distance flat through it. Each row: the activities' point
// distances in document order (NAN: no distance), and the distances the track keeps.
TEST_CASE("tcx reader: a later activity's distance runs on from the earlier ones'", "[workout]") {
  struct Row {
    int n;
    const char* why;
    std::vector<std::vector<double>> activities;
    std::vector<double> kept;     // in time order
    std::vector<int> starts = {};  // each activity's first second; none: one after the other
  };
  const std::vector<Row> rows = {
      {1, "the second starts again at 0: the first's 150 m is carried", {{0, 150}, {0, 20}}, {0, 150, 150, 170}},
      {2, "the second runs on as written (a tool merged it so): kept", {{0, 150}, {160, 180}}, {0, 150, 160, 180}},
      {3, "the second starts at the first's last: kept (nothing to carry past)", {{0, 150}, {150, 170}}, {0, 150, 150, 170}},
      {4, "the first has no distances: the second is kept as written", {{NAN, NAN}, {0, 20}}, {NAN, NAN, 0, 20}},
      {5, "the second has no distances: nothing is made up", {{0, 150}, {NAN, NAN}}, {0, 150, NAN, NAN}},
      {6, "a third starts at 0 again: it carries what the first two reached", {{0, 150}, {0, 20}, {0, 5}}, {0, 150, 150, 170, 170, 175}},
      {7, "within one activity a drop is kept as written (the plan's clamp judges it, not the reader)", {{0, 150, 100}}, {0, 150, 100}},
      // Review findings: the carry followed the document's order, not time's.
      {8, "written latest first: the earlier one in time carries onto the later", {{0, 20}, {0, 150}}, {0, 150, 150, 170}, {100, 0}},
      {9, "two recordings of one run that overlap in time (two devices): nothing carried", {{0, 150}, {0, 150}}, {0, 0, 150, 150}, {0, 5}},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    std::string xml =
        R"(<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>)";
    int second = 0;
    for (size_t ai = 0; ai < r.activities.size(); ++ai) {
      const std::vector<double>& a = r.activities[ai];
      if (!r.starts.empty()) second = r.starts[ai];
      xml += R"(<Activity Sport="Running"><Id>2023-03-04T10:00:00Z</Id><Lap StartTime="2023-03-04T10:00:00Z"><Track>)";
      for (double d : a) {
        char buf[200];
        std::snprintf(buf, sizeof buf, "<Trackpoint><Time>2023-03-04T10:%02d:%02dZ</Time>", second / 60, second % 60);
        xml += buf;
        if (!std::isnan(d)) xml += "<DistanceMeters>" + std::to_string(d) + "</DistanceMeters>";
        xml += "</Trackpoint>";
        second += 10;
      }
      xml += "</Track></Lap></Activity>";
    }
    xml += "</Activities></TrainingCenterDatabase>";
    fitbit::TcxActivity track;
    fitbit::Problems problems;
    REQUIRE_FALSE(fitbit::read_tcx("1.tcx", xml, track, problems));
    REQUIRE(track.points.size() == r.kept.size());
    for (size_t i = 0; i < r.kept.size(); ++i) {
      INFO("point " << i);
      if (std::isnan(r.kept[i])) CHECK(std::isnan(track.points[i].distance_m));
      else CHECK(track.points[i].distance_m == r.kept[i]);
    }
  }
}
