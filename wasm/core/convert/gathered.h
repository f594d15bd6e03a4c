// GATHERED: what assembly keeps of a run of consecutive step parts, and the part that carries
// it from one core call to the next (ts_gather). Assembly of a long history reads ~3,000 step
// parts (~1 MB of JSON, a ten-year export): more CPU than one free-plan request has. Gathering
// splits that reading into bounded calls — a few hundred KB of parts each — and the last call
// (ts_assemble) then reads a handful of gathered parts, whose manifest entries it copies as
// they are instead of parsing them again.
//
// The rule that makes it safe: a Gathered is exactly what assembly would have kept reading the
// same parts one by one, so gathering any runs of consecutive parts (gathered parts too) and
// assembling the results gives the same bytes as assembling every step part
// (tests/cpp/gathered_parts_test.cpp). What depends on order stays in order: manifest entries,
// skipped entries and warnings per kind; the last weight part's unit and weigh-ins; each day's
// per-minute values (kept one by one, summed at the end in the order read — a double sum
// regrouped would round differently); the first row of a repeated reference key. The rest
// (counts, minima, maxima, integer sums) does not depend on grouping.
//
// A gathered part is a TSB1 bundle (bundle.h), told from a step's part.json by its magic:
//   options  {"gathered": n}          the number of step parts it holds (callers count parts
//                                     without reading them: the Worker's assembly route)
//   files    "gathered.json"          {"sections": [{"kind", "files": count, "outputBytes",
//                                       "paths": [...], "skipped": [...], "warnings": [...]}],
//                                      "weightUnit"?, "weighIns"?, "autoDetected",
//                                      "implausibleLeftOut", "missingMaps", "outside",
//                                      "metricRead": [bool per metric]}
//            one file per section, in the same order, named by its kind: the section's
//            manifest "files" entries as JSON text, joined by commas (no brackets);
//            "tables"                  the rows, in the core's byte fields (common/byte_fields.h;
//                                      not JSON: parsing ~400 KB of them as JSON was 41 % of a
//                                      ten-year assembly in V8's baseline tier):
//              u32 n, then n × {i64 civil day, u8 metric index, f64 value}    per-minute days
//              u32 n, then n × {i64 day, i32 min, i32 max, i64 sum, i64 readings}  heart rate
//              sleep, then resting heart rate: i64 firstDay, i64 lastDay (INT64_MAX, INT64_MIN
//                when none), u32 n, then n × {u32 length, key, u32 length, row}
//              u32 n, then n × {u8 metric, i64 first, i64 last, spill before, spill after}   daily
//                spans (below), a spill being u32 n, n × {i64 start, i32 seconds, i64 civil
//                day, f64 value, i64 records}; absent in parts gathered before daily spans
//                were kept (read as none)
//            Every count is checked against the bytes left before anything is reserved, and
//            every value as a step part's (a day within ±100,000,000, counts never negative).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/same_bytes.h"
#include "core/common/status.h"
#include "core/convert/gathered_rows.h"
#include "core/daily/activities_csv.h"
#include "core/daily/minute_series.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/reference_table.h"
#include "simdjson.h"

namespace ts::convert {

// One kind's share of the manifest, in plan order.
struct Section {
  // Manifest "files" entries as JSON text; each piece is one entry (read from a step part,
  // held in `minified`) or several joined by commas (a gathered part's, viewed in the input
  // the caller keeps until the Gathered is written), so `file_count` counts the entries.
  std::vector<std::string_view> files;
  std::deque<std::string> minified;  // a deque: its strings stay where they are as it grows
  size_t file_count = 0;
  // JSON text / plain text, one per item. A skipped entry met again is left out
  // (skipped_seen): a file no step can read is said by every step that reads it (a day of
  // positions in three workouts' windows, a heart-rate day in two), once in the manifest.
  std::vector<std::string> skipped, warnings;
  std::set<std::string, BytesLess> skipped_seen;  // a tree: the parts' text (same_bytes.h BytesLess)
  std::vector<std::string> paths;              // of the entries, for the last check of every output path
  uint64_t output_bytes = 0;
};

struct DayValue {
  int64_t day;
  int metric;
  double value;
};

// DAILY SPANS. A daily step counts the records of its name day's window (from its name day's
// UTC midnight to the next file's of the metric), so that a minute two overlapping files hold
// counts once. But Fitbit may cut its files at the person's local midnight: then the hours
// between the two midnights lie outside every window, and were lost. So each step also says
// where its records lie (first, last) and sums what its window leaves out apart, in pieces of
// UTC time (its spills): quarter hours, minutes in the quarter at the files' own edge, days
// for a per-day metric (daily/minute_series.h SpillPiece). Assembly judges every piece
// against every other span of its metric:
//   - no other file's records reach into it (the earlier's last record is before it, the
//     later's first after it): it counts — nobody else holds those minutes (the usual case:
//     files cut at local midnight; or the time past a shorter file nested in a longer one);
//   - another file's records reach into it and that file has no piece there: it counts those
//     minutes in its own window, and this piece is dropped, its records named;
//   - every other file whose records reach into it spills them too (files of two exports
//     that both run past a third file's day where it has no records): the file read first
//     keeps its piece, the others' are dropped, so the minutes count once.
//   Two files that share a few boundary minutes are judged minute by minute (the edge
//   quarter's pieces); an overlap past a quarter hour is judged by quarter hours, and the
//   quarter another file's edge falls in is dropped whole (at most 14 minutes only this file
//   held). "Reach into" is by the span [first, last], so a file with a gap inside its span
//   is taken to hold the gap.
// Every span is judged at the end, against all the others, so any gathering of the same parts
// gives the same sums; and a file is judged against the one that holds a minute, not only its
// neighbour in plan order (a file nested in another, or named before a file it runs past).
struct SpillEntry {
  int64_t start;    // UTC seconds
  int32_t seconds;  // 60, 900 or 86400
  int64_t day;      // the local civil day it lies in
  double value;
  int64_t records;
};
struct DailySpan {
  int metric = 0;
  int64_t first = 0, last = 0;  // UTC seconds of the step's first and last record
  // A local-time metric's (calories'): its last record's local clock reading, in the zone the
  // step placed it with, and whether a file of the step was cut short (its last record is then
  // the cut's, not the export's). What assembly says of the export's partial last day.
  int64_t last_local = 0;
  bool cut = false;
  std::vector<SpillEntry> before, after;
};

// Views into the parts read (a gathered part's manifest entries): they must outlive it.
struct Gathered {
  size_t steps = 0;                         // step parts read
  size_t output_files = 0;                  // file entries of every section, held to a cap
  std::map<std::string, Section> sections;  // by part kind
  std::string weight_unit, weigh_ins;       // JSON objects (the last weight part's), or empty
  std::vector<std::string> missing_maps;
  size_t auto_detected = 0, implausible_left_out = 0;
  int64_t daily_outside = 0;
  bool metric_read[daily::kMetricCount] = {};
  std::vector<DayValue> day_values;  // in the order read
  std::vector<DailySpan> daily_spans;  // in the order read
  size_t spill_values = 0;             // the spans' pieces, held to a cap of their own
  GatheredRows sleep, resting_hr;  // rows and days only (the tables' names are assembly's)
  reference::HeartRateDays hr_days;
};

// Reads parts into a Gathered, one parser for all of them (a parser per part would allocate
// its buffers ~3,000 times in one assembly).
class PartReader {
 public:
  // Adds one part — a step's part.json, or a gathered part — to `g`. `i`: its place among the
  // inputs, for errors; `padded`: kReadablePadding readable bytes follow `bytes` (bundle.h).
  // Errors: format (a part the core did not write), naming its place.
  Error add(size_t i, std::string_view bytes, bool padded, Gathered& g);

 private:
  simdjson::dom::parser parser_;
};

// `g` as a gathered part (the format above).
std::string write_gathered(const Gathered& g);

// Each day's values summed in the order read, then the spills that count (DAILY SPANS above),
// days ascending: what assembly writes the daily CSVs from. `outside`: the records left out,
// for the warning (old parts' "outside" and the dropped spills'). format when the parts state
// more than a century of distinct days (no conversion has them).
Error day_totals(const Gathered& g, int64_t& outside, daily::DayList& out);

// Appends the strings of a JSON array (anything else in it, or a value that is not an array,
// is passed over): the parts' warnings and lists, and the plan part's zone warnings.
void append_strings(simdjson::dom::element arr, std::vector<std::string>& out);

// The error for a part that is not one the core wrote.
Error bad_part(size_t i, const std::string& what);

}  // namespace ts::convert
