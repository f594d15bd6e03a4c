// Activity FIT files from readers to bytes: golden files (TS_UPDATE_GOLDEN=1 rewrites them),
// decoded by Garmin's SDK in tests/node/activity-golden.test.js, plus structural checks.
#include <catch2/catch.hpp>

#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/heart_rate_reader.h"
#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_fit.h"
#include "golden.h"

using namespace ts;

namespace {

// 2023-03-04T10:00:00Z, a 10-minute run; New York is UTC-5 then.
constexpr char kRun[] =
    R"([{"logId":90001,"activityName":"Run","activityTypeId":90009,"startTime":"03/04/23 10:00:00",)"
    R"("duration":600000,"activeDuration":540000,"calories":95,"steps":1500,"averageHeartRate":141,)"
    R"("distance":1.5,"distanceUnit":"Kilometer","elevationGain":4,"hasGps":true,"logType":"tracker"}])";

std::string track_xml() {
  std::string pts;
  auto tp = [&](int off, double lat, int hr, double dist) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "<Trackpoint><Time>2023-03-04T10:%02d:%02d.000Z</Time><Position><LatitudeDegrees>%.5f</LatitudeDegrees>"
                  "<LongitudeDegrees>-74.00000</LongitudeDegrees></Position><AltitudeMeters>12.4</AltitudeMeters>"
                  "<DistanceMeters>%.1f</DistanceMeters><HeartRateBpm><Value>%d</Value></HeartRateBpm><Cadence>84</Cadence></Trackpoint>",
                  off / 60, off % 60, lat, dist, hr);
    pts += buf;
  };
  std::string xml =
      "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">"
      "<Activities><Activity Sport=\"Running\"><Id>2023-03-04T10:00:00.000Z</Id><Lap StartTime=\"2023-03-04T10:00:00.000Z\"><Track>";
  tp(0, 40.70000, 120, 0);
  tp(5, 40.70010, 130, 12);
  tp(10, 40.70020, 135, 25);
  xml += pts + "</Track><Track>";  // a pause of one minute
  pts.clear();
  tp(70, 40.70030, 150, 37);
  tp(75, 40.70040, 152, 50);
  xml += pts + "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  return xml;
}

tz::Zone new_york() {
  tz::Zone z;
  REQUIRE_FALSE(tz::Zone::make({{0, -5 * 3600}}, z));
  return z;
}

fitbit::Exercise the_run() {
  fitbit::ExerciseFile f;
  REQUIRE_FALSE(fitbit::read_exercises("exercise-0.json", kRun, false, f));
  REQUIRE(f.records.size() == 1);
  return f.records[0];
}

}  // namespace

TEST_CASE("activity fit: a GPS run with a pause matches its golden bytes", "[workout][golden]") {
  fitbit::TcxActivity track;
  fitbit::Problems problems;
  REQUIRE_FALSE(fitbit::read_tcx("1.tcx", track_xml(), track, problems));
  CHECK(problems.empty());
  workout::ActivityPlan plan;
  REQUIRE_FALSE(workout::plan_activity(the_run(), &track, {}, plan));
  std::string bytes;
  REQUIRE_FALSE(workout::write_activity_fit(plan, new_york(), bytes));
  CHECK(test::matches_golden("fit/activity-gps-pause.fit", bytes));
  std::string again;
  REQUIRE_FALSE(workout::write_activity_fit(plan, new_york(), again));
  CHECK(again == bytes);  // deterministic
}

TEST_CASE("activity fit: a workout without GPS is a summary activity (golden)", "[workout][golden]") {
  auto ex = the_run();
  ex.activity_name = "Yoga";
  ex.activity_type_id = 52000;
  ex.distance_m = -1;
  workout::ActivityPlan plan;
  REQUIRE_FALSE(workout::plan_activity(ex, nullptr, {}, plan));
  REQUIRE(plan.summary_only);
  std::string bytes;
  REQUIRE_FALSE(workout::write_activity_fit(plan, new_york(), bytes));
  CHECK(test::matches_golden("fit/activity-summary.fit", bytes));
}

TEST_CASE("activity fit: heart rate from the day file, no track (golden)", "[workout][golden]") {
  auto ex = the_run();
  ex.activity_name = "Treadmill";
  ex.activity_type_id = 90019;
  std::vector<workout::HeartRateSample> hr;
  fitbit::Problems problems;
  REQUIRE_FALSE(fitbit::read_heart_rate(
      "heart_rate-2023-03-04.json",
      R"([{"dateTime":"03/04/23 09:59:55","value":{"bpm":70,"confidence":3}},
          {"dateTime":"03/04/23 10:00:30","value":{"bpm":118,"confidence":3}},
          {"dateTime":"03/04/23 10:05:00","value":{"bpm":150,"confidence":3}}])",
      false,
      [&](int64_t sec, int32_t bpm) {
        if (sec >= 1677924000 && sec <= 1677924600) hr.push_back({sec, static_cast<uint8_t>(bpm)});
      },
      problems));
  REQUIRE(hr.size() == 2);
  workout::ActivityPlan plan;
  REQUIRE_FALSE(workout::plan_activity(ex, nullptr, hr, plan));
  std::string bytes;
  REQUIRE_FALSE(workout::write_activity_fit(plan, new_york(), bytes));
  CHECK(test::matches_golden("fit/activity-hr-only.fit", bytes));
}

TEST_CASE("activity fit: semicircles", "[workout]") {
  CHECK(workout::semicircles(0) == 0);
  CHECK(workout::semicircles(90) == 1073741824);
  CHECK(workout::semicircles(-90) == -1073741824);
  CHECK(workout::semicircles(180) == 2147483646);  // clamped below sint32's invalid value
  CHECK(workout::semicircles(-180) == -2147483647);
}
