// Per-minute and per-day series from the export (`steps-2023-02-25.json`, `distance-…`,
// `calories-…`, `floors-…`/`altitude-…`, and the daily `sedentary_minutes-…`,
// `lightly_active_minutes-…`, `moderately_active_minutes-…`, `very_active_minutes-…`), summed
// into local days.
//
// Terms, defined once:
//   per-minute record — {"dateTime":"02/25/23 13:52:00","value":"5"}: value is a string;
//                       distance is in centimetres per minute. dateTime is UTC for steps and
//                       distance, but the account's LOCAL wall-clock time for calories and
//                       climbed altitude / floors (is_local_time): on nine real exports a
//                       workout's calories lie at its local start and its steps at its UTC
//                       start, and every calories file runs from a local midnight to a local
//                       23:59 (helper finding; read as UTC, each day's calories were the
//                       window of another, off by up to 350 kcal, and exports west of UTC
//                       began with a day of a few hours of resting calories).
//   daily record      — the same shape with a 00:00:00 time: dateTime's date IS the local day
//                       (Fitbit summed it in the account's zone), so it is not shifted.
//   local day         — the civil day in the account's time zone: UTC minute + the offset in
//                       force at that minute (tz::Zone).
//
// Counting each minute once: when a phone and a tracker both recorded, the export holds the
// same UTC minute more than once (in one file, or in two files whose ranges overlap). Every
// file's minutes are kept as (minute, value) and collapsed before summing: a minute seen more
// than once counts ONCE, with the LARGEST value reported for it — the devices measured the
// same walk, so adding them would double it, and the larger one is the device that was worn.
// Daily records (active minutes) collapse the same way per day.
//
// REPEATED HOUR: when clocks fall back, a local-time file may write the hour the clock showed
// twice (01:00 … 01:59, then 01:00 … 01:59 again): in file order the minutes go back. Read as
// duplicates, the second hour's readings were counted once with the first's and an hour of
// the day's calories was lost without a word (helper finding on the generator's fall-back
// days). A file's records that go back at most kRepeatedMinutesMax below the highest minute
// it has reached are read AGAIN, until a record passes that highest minute; in a minute the
// zone shows twice they take the later instant, in any other they are their first reading's
// twin (counted once, as above). Farther back is another device's or file's copy. Real
// exports write 1,440 minutes on such a day, and nothing goes back.
//
// Memory: 8 bytes per recorded minute of the files added (about 4 MB per metric-year), sorted
// in place; the caller adds only the metrics an output needs.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/fitbit/array_tail_problem.h"
#include "core/fitbit/problem.h"
#include "core/tz/transitions.h"

namespace ts::daily {

enum class Metric : int {
  steps = 0,
  distance_cm,
  calories,
  floors,
  altitude_ft,  // older exports: climbed altitude per minute in feet, one floor = 10 ft (a real metric
                //   export, Christopha-Zhu/time-manage@cd9aeea, holds only 10, 20, … 50)
  sedentary_minutes,
  lightly_active_minutes,
  fairly_active_minutes,  // files are named moderately_active_minutes-*
  very_active_minutes,
  count_
};

inline constexpr int kMetricCount = static_cast<int>(Metric::count_);
// A whole day of minutes: what Fitbit writes as the sedentary minutes of each day after an
// export was made (a day of no data), and the most any day of a per-day metric can hold.
inline constexpr double kMinutesPerDay = 1440;

// How far back a file's minutes may go and still be the repeated hour (REPEATED HOUR above):
// clocks fall back by an hour in nearly every zone, by two in a few past ones.
inline constexpr int64_t kRepeatedMinutesMax = 120;

// Which metric a file holds, from its base name ("steps-2023-02-25.json"). False for others.
bool metric_of_file(std::string_view path, Metric& out);

const char* metric_name(Metric m);

// Per-minute metrics are summed from minutes; the rest are already per local day.
bool is_per_minute(Metric m);
// Per-minute metrics whose dateTime is the local wall clock (calories, floors, altitude), not UTC.
bool is_local_time(Metric m);

struct DayTotals {
  double value[kMetricCount] = {};
  bool has[kMetricCount] = {};
};

// What a daily step's span leaves out, and where its records lie (convert/step_daily.cpp):
// the records before the span and those at or after its end, summed by UTC quarter hour
// (each with the local day it lies in: no zone's midnight falls inside a quarter hour), and
// the first and last UTC second of every record its files hold. Assembly counts a spilled
// piece unless the neighbouring file's records reach into it — the files were cut at another
// midnight than their name days' UTC one (Fitbit may cut at the person's local midnight) —
// and drops it, naming its records, when they do (convert/gathered.h, DAILY SPANS). The
// quarter hour at the files' own edge (the first of "before", the last of "after") is kept
// minute by minute: two files that share a boundary minute overlap inside it, and a quarter
// judged whole would lose the minutes only one of them holds. A per-day metric's piece is
// its day.
struct SpillPiece {
  int64_t start = 0;    // UTC seconds
  int32_t seconds = 0;  // 60, 900 or 86400
  int64_t day = 0;      // the local civil day it lies in
  DayTotals totals;
  int64_t records = 0;
};
struct Spill {
  std::vector<SpillPiece> pieces;  // ascending
  int64_t records = 0;
};
struct SpanEdges {
  bool any = false;  // whether the files held any record
  int64_t first = INT64_MAX, last = INT64_MIN;
  Spill before, after;
};

// The problem add_file names a file cut short by (its records before the defect were read).
inline constexpr const char* kCutShortReason = fitbit::kCutShortReason;

class DailySeries {
 public:
  // Which reader reads a file: the scan of Fitbit's own shape first, simdjson when the scan
  // gives up (minute_scan.h); simdjson alone is the reference tests compare the scan with.
  enum class Reader { fast_first, simdjson_only };

  // Adds one file's records. Records that are not {"dateTime","value"} with a parseable
  // date-time and a non-negative number are skipped, and counted in one problem of `path`.
  Error add_file(Metric m, std::string_view path, std::string_view data, bool padded, fitbit::Problems& problems,
                 Reader reader = Reader::fast_first);

  // Collapses duplicate minutes (largest value wins) and sums into local days.
  // Sorts the stored points in place (hence not const).
  std::map<int64_t, DayTotals> by_local_day(const tz::Zone& zone);

  // The same for the records whose UTC time (a per-minute record's minute, a daily record's
  // day at 00:00) is in [from_sec, to_sec); the others are kept apart in `edges`, with where
  // the records lie. A step owns such a span of one metric, so that records two files share
  // are counted by one step (and what only its files hold, by assembly: SpanEdges above).
  std::map<int64_t, DayTotals> by_local_day(const tz::Zone& zone, int64_t from_sec, int64_t to_sec, SpanEdges& edges);

  int64_t records(Metric m) const { return static_cast<int64_t>(points_[static_cast<int>(m)].size()); }

 private:
  struct Point {
    // per-minute, UTC (steps, distance): minutes since 1970; local (is_local_time): local
    // minutes since 1970 * 2, + 1 when read AGAIN (REPEATED HOUR), until by_local_day makes
    // it UTC minutes * 2 (+ 1 for a skipped minute); either fits until the year 4011.
    // Daily: civil day.
    int32_t key;
    float value;
  };
  std::vector<Point> points_[kMetricCount];
};

}  // namespace ts::daily
