// Daily activity summed into local days -> Fitbit-style Activities CSVs (csv/activities-….csv),
// at most 75 days each. Assembly writes them from every daily step's days.
#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "core/convert/health_outputs.h"
#include "core/daily/activities_csv.h"
#include "core/daily/minute_series.h"

namespace ts::convert {

// Where the export's per-minute records lie: the UTC seconds of the first and the last, over
// every per-minute metric (steps, distance, calories, floors, altitude); none when first > last.
struct MinuteExtent {
  int64_t first = INT64_MAX, last = INT64_MIN;
};

// EDGE DAY OF A UTC CUT. Fitbit may cut its per-minute files at UTC midnight, and their minutes
// are summed into local days. West of UTC the first file's first minute (UTC midnight: 16:00 the
// day before in Los Angeles) opens a local day the export holds only the last hours of; east of
// UTC the last file's last minutes spill past it into the next local day. Three real public
// exports began with such a day: a few hours of resting calories and 0 for everything else
// (653 kcal in one). Imported, Garmin would take that as the day's total.
// Told from the data alone, without the zone (days are the steps' local days): the earliest
// per-minute record is at a UTC midnight and its local day is the one before its UTC date (only
// a zone west of UTC puts it there), or the latest is the last minute of a UTC day and its local
// day is the one after (east of UTC). Such a day is an edge day of the cut when Fitbit has no day
// of its own there (no value of a per-day metric: the active-minutes files are per local day)
// and the hours held are resting calories alone (no step, distance or floor). A day whose hours
// hold a step is kept: its total is low, but what it holds was measured. The edge days a cut
// leaves on the other side of UTC are mostly covered, hold Fitbit's own day, and are kept.
// Returns the edge days of `days` (ascending), at most two.
std::vector<int64_t> utc_cut_edge_days(const daily::DayList& days, const MinuteExtent& extent);

// The CSVs of `days`, and the warnings for the columns no metric file could fill (`read`:
// which metrics had a file read). Left out, and said so: a day with no activity recorded (every
// metric 0 but the sedentary minutes: Fitbit's filler past the export's date), and an edge day
// of a UTC cut (above; `extent`: where the per-minute records lie).
void write_daily_csvs(const daily::DayList& days, const bool (&read)[daily::kMetricCount], const MinuteExtent& extent,
                      HealthOutputs& out);

}  // namespace ts::convert
