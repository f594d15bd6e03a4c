// The zone's warnings (convert/report_json.h zone_warnings): when the export holds no UTC
// offsets of its own, records stamped in UTC are placed in a zone nothing could check, and the
// person is told so — unless they chose the zone. Numbered rows, a reason each.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/convert/report_json.h"

namespace {

struct Row {
  int n;
  const char* why;
  const char* zone;          // the zone used; nullptr: none given
  bool is_explicit;          // chosen by the person
  bool evidence;             // the export has offsets of its own (a period that agrees)
  bool utc_records;          // workouts or per-minute data are placed in it
  const char* said;          // the unchecked-zone warning, or nullptr for none
  const char* profile_file = "Profile.csv";  // the file that named the profile's zone
};

}  // namespace

TEST_CASE("zone warnings: a zone nothing in the export could check is said, by numbered rows", "[zone]") {
  const char* kProfileNamed =
      "time zone: nothing in the export shows the UTC offsets it was recorded at (they come from weigh-ins found in both "
      "weight.csv and the weight logs, or from Google's list of workouts), so America/New_York (Profile.csv) places every "
      "workout and the steps and distance of every day, which Fitbit records in UTC: those recorded while in another zone "
      "are placed at America/New_York time";
  const char* kOtherNamed =
      "time zone: nothing in the export shows the UTC offsets it was recorded at (they come from weigh-ins found in both "
      "weight.csv and the weight logs, or from Google's list of workouts), so Europe/Berlin places every workout and the "
      "steps and distance of every day, which Fitbit records in UTC: those recorded while in another zone are placed at "
      "Europe/Berlin time";
  const std::vector<Row> rows = {
      {1, "Profile.csv's zone, no weigh-in in both sources, workouts or daily data (helper finding: a traveller's year, "
          "185 of 400 days' steps in home days, without a word)",
       "America/New_York", false, false, true, kProfileNamed},
      {2, "a zone not Profile.csv's (the browser's, for an export without one) is named without it", "Europe/Berlin", false,
       false, true, kOtherNamed},
      {3, "the person chose the zone: theirs to know, nothing said", "America/New_York", true, false, true, nullptr},
      {4, "offsets of its own that agree: the zone was checked", "America/New_York", false, true, true, nullptr},
      {5, "weight alone: weigh-ins are local times, no UTC record is placed", "America/New_York", false, false, false, nullptr},
      {6, "no zone given (validation): nothing placed yet", nullptr, false, false, true, nullptr},
      {7, "an older export's User-Profile.json named the zone: the warning names that file (helper finding: it said Profile.csv, "
          "which the export has not)",
       "America/New_York", false, false, true,
       "time zone: nothing in the export shows the UTC offsets it was recorded at (they come from weigh-ins found in both "
       "weight.csv and the weight logs, or from Google's list of workouts), so America/New_York (User-Profile.json) places every "
       "workout and the steps and distance of every day, which Fitbit records in UTC: those recorded while in another zone "
       "are placed at America/New_York time",
       "User-Profile.json"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::Options options;
    if (r.zone) {
      options.zone_name = std::string(r.zone);
      ts::tz::Zone zone;
      REQUIRE_FALSE(ts::tz::Zone::make({{0, -5 * 3600}}, zone));
      options.zone = zone;
    }
    options.zone_explicit = r.is_explicit;
    ts::convert::WeightPlan plan;
    if (r.evidence) plan.periods.push_back({1672531200, 1675209600, -5 * 3600, 3, 0, 0});
    std::vector<std::string> out;
    ts::convert::zone_warnings(plan, options, "America/New_York", r.profile_file, r.utc_records, out);
    if (r.said) {
      REQUIRE(out.size() == 1);
      CHECK(out[0] == r.said);
    } else {
      CHECK(out.empty());
    }
  }
}

TEST_CASE("zone warnings: workouts written in local time name the zone that placed them, by numbered rows", "[zone]") {
  struct ClockRow {
    int n;
    const char* why;
    bool evidence;
    bool is_explicit;
    const char* where;  // what the warning says after "placed at that local time "
  };
  const std::vector<ClockRow> rows = {
      {1, "no offsets of the export's own: the zone", false, false, "in America/New_York. "},
      {2, "offsets of its own, the zone not chosen: the zone in effect (helper finding: New York was named while the "
          "weigh-ins' +11:00 placed the workout)",
       true, false,
       "in the zone in effect: the export's own UTC offsets around it where they show (the time zone evidence), "
       "America/New_York elsewhere. "},
      {3, "the zone chosen: it places every local time", true, true, "in America/New_York. "},
  };
  for (const ClockRow& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    ts::convert::Options options;
    options.zone_name = std::string("America/New_York");
    options.zone_explicit = r.is_explicit;
    ts::convert::WeightPlan plan;
    if (r.evidence) plan.periods.push_back({1672531200, 1675209600, 11 * 3600, 3, 0, 3});
    std::vector<std::string> out;
    ts::convert::written_clock_warning(2, plan, options, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].rfind("2 workout(s) have a start written in local time", 0) == 0);
    CHECK(out[0].find(std::string("placed at that local time ") + r.where + "Check one of them in Garmin Connect") != std::string::npos);
  }
}
