// Sleep logs (`sleep-2024-03-21.json`, monthly) -> reference/sleep.csv, one row per sleep.
//   {"logId":…,"dateOfSleep":"2024-03-21","startTime":"2024-03-20T22:04:00.000",
//    "endTime":…,"duration":31860000,"minutesAsleep":474,"minutesAwake":57,"timeInBed":531,
//    "efficiency":93,"type":"stages","mainSleep":true,
//    "levels":{"summary":{"deep":{"minutes":…},"light":…,"rem":…,"wake":…},"data":[…]}}
// Times are LOCAL wall-clock (no offset) and are written as they are. "stages" records sum
// deep/light/rem/wake minutes; older "classic" ones asleep/restless/awake. A column a record
// does not have stays empty (this file is for reading, not for import).
#pragma once
#include <string_view>

#include "core/common/status.h"
#include "core/fitbit/problem.h"
#include "core/reference/reference_table.h"

namespace ts::reference {

ReferenceTable make_sleep_table();

// A row's key is its start_local, then "|" and the JSON's logId (digits); for a row of Google's
// list, kListedKey, the local seconds its sleep begins and ends at under the clock reading not
// taken where the file's nights tie between the two ("<from>,<to>,"; else ",,"), and its
// sleep_id. Assembly tells the two apart by the character
// after the key's first "|" (a start_local holds none) and finds a list's copy of a JSON sleep
// at either reading (convert/sleep_copies.h); a '~' sorts after every digit, so at one start
// the JSON's row comes first.
inline constexpr std::string_view kListedKey = "|~";

// Adds one sleep file; records without dateOfSleep/startTime are skipped and counted in one
// problem of `path`. A file whose name ends in .csv is Google's list (google_sleeps_csv.h).
Error add_sleep_file(std::string_view path, std::string_view data, bool padded, ReferenceTable& table,
                     fitbit::Problems& problems);

}  // namespace ts::reference
