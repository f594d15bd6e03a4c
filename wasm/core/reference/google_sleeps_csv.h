// Google's list of sleeps (`UserSleeps_YYYY-MM-DD.csv`, Takeout's `Health Fitness
// Data_GoogleData/`) -> rows of reference/sleep.csv (sleep_csv.h), past the days of the
// export's sleep-*.json: a 2026 "Google Health" export has none (helper finding: its sleeps were
// named copies of JSON it lacks, and left out). Beside Fitbit's JSON of the same days (older
// Takeouts) it holds the same sleeps and is skipped as a copy (fitbit/file_kinds.h
// apply_export_rules).
//
// Columns, found by name: sleep_id, sleep_type (CLASSIC | STAGES), minutes_in_sleep_period,
// minutes_to_fall_asleep, minutes_asleep, minutes_awake, start_utc_offset, sleep_start,
// end_utc_offset, sleep_end. One row per sleep.
//
// Terms, defined once:
//   the label      — sleep_start and sleep_end are written as UTC (…Z or +0000), with the
//                    person's offset beside them (start_utc_offset, "+05:30" or "+0530").
//   labelled clock — the label taken at its word: the local time is the instant plus the offset.
//   written clock  — the time as written is the local clock already. In one real export
//                    (2015-2026) it is: the same sleeps as its JSON's, at the JSON's local clock
//                    times, nights "23:00-06:30 UTC" at +07:00 (06:00-13:30 where the person
//                    was, read at the label's word). Another reading of a 2026 export takes the
//                    label at its word. Neither is assumed:
//   the evidence   — per file, the sleeps of 3 hours or more (nights) whose local start falls
//                    in the evening or night (18:00-03:59) under each reading. The reading with
//                    more such nights is taken; on a tie (an offset of 0, or no night) the
//                    labelled clock. The manifest does not say which; docs/formats.md does.
// Rows: date_of_sleep the local date the sleep ends (Fitbit's dateOfSleep), start_local and
// end_local as the JSON writes them ("2024-03-20T22:04:00.000"), type in lower case,
// time_in_bed the minutes in the sleep period; main_sleep, efficiency and the stage minutes
// (in UserSleepStages_*.csv, not read) stay empty. A row without a readable id, start, end or
// offset is skipped and counted in one problem of `path`.
#pragma once
#include <string_view>

#include "core/common/status.h"
#include "core/fitbit/problem.h"
#include "core/reference/reference_table.h"

namespace ts::reference {

Error add_google_sleeps_file(std::string_view path, std::string_view data, ReferenceTable& table, fitbit::Problems& problems);

}  // namespace ts::reference
