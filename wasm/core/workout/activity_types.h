// Fitbit activity type -> FIT sport / sub_sport.
//
// Terms, defined once:
//   activityTypeId — Fitbit's number for an activity ("Walk" 90013, "Run" 90009; some tools
//                    wrongly use 90010 for Walk). Exercise records carry it with activityName.
//   sport/sub_sport — FIT's enums (profile type `sport`, `sub_sport`), e.g. running(1)/
//                    treadmill(1). Numbers checked against @garmin/fitsdk 21.217 Profile.types.
//
// Lookup order (the first that matches wins), reported in `matched_by`:
//   1. "id"       — the activityTypeId is in the table (only ids seen in exports or in
//                   Fitbit's API documentation are listed);
//   2. "name"     — activityName equals a table name, ignoring case;
//   3. "keyword"  — activityName contains a telling word ("run", "bike", "swim", "yoga", …);
//   4. "fallback" — generic(0)/generic(0): Garmin shows it as "Other", with the workout's
//                   totals intact. Nothing is guessed beyond that.
#pragma once
#include <cstdint>
#include <string_view>

namespace ts::workout {

struct SportMapping {
  uint8_t sport = 0;      // FIT sport
  uint8_t sub_sport = 0;  // FIT sub_sport
  const char* matched_by = "fallback";
};

struct ActivityTypeEntry {
  int64_t fitbit_id;  // 0 when only the name is known
  const char* fitbit_name;
  uint8_t sport;
  uint8_t sub_sport;
};

// The table itself (for the manifest, tests and documentation).
const ActivityTypeEntry* activity_type_table(size_t& count);

SportMapping map_activity(int64_t activity_type_id, std::string_view activity_name);

}  // namespace ts::workout
