// A NIGHT BOTH SLEEP SOURCES HOLD, WRITTEN ONCE. Fitbit's sleep-*.json and Google's list of
// sleeps (UserSleeps_*.csv) hold the same sleeps in an older Takeout, but no file name tells
// which nights a list holds the JSON lacks (lists of a year, named for the account's
// anniversary, in a real export; an older export's last JSON file stops at the day it was made,
// and a 2026 export's list given beside it holds the nights past), so every list is read
// (fitbit/file_kinds.h). The same night then comes from each, under different keys (the
// JSON's logId, the list's sleep_id) and, where the list's clock reading differs, at another
// time: a row of the list whose sleep overlaps a row of the JSON's is that sleep, and the
// JSON's row is kept (it carries main_sleep, efficiency and the stages the list leaves out).
// Where the list's nights tie between its two clock readings (an offset of an hour or two:
// reference/google_sleeps_csv.h takes the label, and a nap lay an hour off its twin) the other
// reading counts too; a sleep only the list holds whose other reading, an hour or two off,
// overlaps a JSON sleep is then taken for its copy.
// Helper findings: a real export's 209 sleeps were written as 264 rows; given with a 2026
// export, up to 30 nights past the older one's were named copies and lost.
#pragma once
#include <cstddef>
#include <vector>

#include "core/convert/gathered_rows.h"

namespace ts::convert {

// `rows`: reference/sleep.csv's rows sorted by key (GatheredRows::sorted). Returns `rows`
// itself when none is a copy, else `kept`, filled with the others in the same order.
const std::vector<GatheredRows::Row>& without_listed_copies(const std::vector<GatheredRows::Row>& rows,
                                                           std::vector<GatheredRows::Row>& kept);

}  // namespace ts::convert
