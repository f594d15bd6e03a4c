// What Google's per-second files share (Takeout's `Physical Activity_GoogleData/`: positions,
// gps_location_csv.h; pace, google_live_pace_csv.h; and the one-value files,
// google_value_series_csv.h: cadence, heart rate, running dynamics): a header naming the
// columns, then about a row a second while a workout records, its `timestamp` a UTC instant.
// Read here once for all of them: the header, rows with or without quotes, blank lines, the
// window of rows a workout takes, and how rows that cannot be used are counted.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/problem.h"

namespace ts::fitbit {

struct SeriesHeader {
  std::vector<std::string> cells;  // the first row (find columns in it with csv_column)
  int time = -1;                   // the "timestamp" column; -1 when there is none
  std::string_view rest;           // the rows after it
};

SeriesHeader read_series_header(std::string_view data);

// Calls take(sec, row) for each row whose time lies in [from_sec, to_sec]; `row` is its cells,
// views valid during the call; `take` returns false for a row whose values it cannot use.
// Those rows, and rows without a readable time after a row of the window, are counted in one
// problem of `path` ("n row(s) without a readable time or <what> left out"). A bad row is
// counted by the window the row before it lies in: the windows of one export's workouts do not
// overlap (convert/gps_tracks.h), so it is said once however many workouts read the file.
// A month's file (the 2026 "Google Health" export writes one a month: gps_tracks.h) holds
// ~500,000 rows, and each workout of the month reads it for its own minutes: rows are told
// out of the window by their time's text before any cell is split or number parsed
// (SeriesWindowText). Only a time written as Google writes it, in UTC with a Z, is judged by
// its text; any other row is read as before, and the rows taken and counted are the same.
struct SeriesWindowText {
  char from[20], to[20];  // "YYYY-MM-DDTHH:MM:SS" of the window's ends (clamped to years 0-9999)
  SeriesWindowText(int64_t from_sec, int64_t to_sec);
  // True when `line` begins with a UTC time (YYYY-MM-DDTHH:MM:SS, a fraction, then Z) whose
  // second lies outside the window: the row is none of the window's, whatever else it holds.
  bool outside(std::string_view line) const;
};

template <class Take>
void read_series_rows(std::string_view path, const SeriesHeader& h, int64_t from_sec, int64_t to_sec, const char* what,
                      Problems& problems, Take&& take) {
  std::string_view rest = h.rest;
  std::vector<std::string_view> plain, from_quoted;
  std::vector<std::string> quoted;
  size_t bad = 0;
  bool last_in = false;
  const SeriesWindowText window(from_sec, to_sec);
  while (!rest.empty()) {
    // Blank lines, passed a byte at a time: read as rows, each cost a row's work (attack
    // finding: 2 MiB of them cost a heart-rate step 28.6 ms warm, four times its estimate). A
    // blank row changes nothing below.
    if (rest.front() == '\n' || rest.front() == '\r') {
      size_t k = 1;
      while (k < rest.size() && (rest[k] == '\n' || rest[k] == '\r')) ++k;
      rest.remove_prefix(k);
      continue;
    }
    // Only after a row outside the window (or none): a bad row after one inside is counted, so
    // it must be read; after one outside, a row this skips would have counted nothing either.
    // A line with a double quote is read as a row, which may run over several lines (fuzz
    // finding: a quoted cell's lines, skipped one by one, became rows of the window).
    if (h.time == 0 && !last_in && window.outside(rest)) {
      const size_t eol = rest.find('\n');
      if (rest.substr(0, eol).find('"') == std::string_view::npos) {
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
        last_in = false;
        continue;
      }
    }
    bool has_quote = false;
    next_plain_csv_row(rest, plain, has_quote);
    const std::vector<std::string_view>* row = &plain;
    if (has_quote) {  // a rare row with quotes: read it the slow way, as views of its copies
      next_csv_row(rest, quoted);
      from_quoted.assign(quoted.begin(), quoted.end());
      row = &from_quoted;
    }
    if (row->size() == 1 && (*row)[0].empty()) continue;  // a blank line
    int64_t sec = 0;
    if (static_cast<size_t>(h.time) >= row->size() || !parse_iso_utc((*row)[h.time], sec)) {
      bad += last_in;
      continue;
    }
    last_in = sec >= from_sec && sec <= to_sec;
    if (last_in && !take(sec, *row)) ++bad;
  }
  if (bad > 0)
    problems.push_back(records_skipped(path, static_cast<int64_t>(bad),
                                       std::to_string(bad) + " row(s) without a readable time or " + what + " left out"));
}

}  // namespace ts::fitbit
