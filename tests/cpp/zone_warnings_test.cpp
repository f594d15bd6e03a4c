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
};

}  // namespace

TEST_CASE("zone warnings: a zone nothing in the export could check is said, by numbered rows", "[zone]") {
  const char* kProfileNamed =
      "time zone: the export holds no UTC offsets of its own to check America/New_York (Profile.csv) against (those come "
      "from weigh-ins found in both weight.csv and the weight logs, or Google's list of workouts); every day and workout "
      "time is placed in it, so days spent in another zone are placed at America/New_York time: if that is wrong for a "
      "trip, convert those dates with that zone chosen";
  const char* kOtherNamed =
      "time zone: the export holds no UTC offsets of its own to check Europe/Berlin against (those come from weigh-ins "
      "found in both weight.csv and the weight logs, or Google's list of workouts); every day and workout time is placed "
      "in it, so days spent in another zone are placed at Europe/Berlin time: if that is wrong for a trip, convert those "
      "dates with that zone chosen";
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
    ts::convert::zone_warnings(plan, options, "America/New_York", r.utc_records, out);
    if (r.said) {
      REQUIRE(out.size() == 1);
      CHECK(out[0] == r.said);
    } else {
      CHECK(out.empty());
    }
  }
}
