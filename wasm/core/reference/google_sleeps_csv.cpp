#include "core/reference/google_sleeps_csv.h"

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/blank_text.h"
#include "core/common/civil_time.h"
#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"
#include "core/reference/sleep_csv.h"

namespace ts::reference {

namespace {

struct Sleep {
  std::string id, type, in_period, to_fall_asleep, asleep, awake;
  int64_t start_utc, end_utc, start_written, end_written, start_offset, end_offset;
};

// The time as written, its offset label ignored: "2024-03-20T23:00:00Z" -> 23:00 of that day.
// A space for the T is read as parse_iso_utc reads it ("2024-03-20 23:00:00+0000", as Google's
// list of workouts writes its times): the written clock refused it, and every sleep of such a
// file was unreadable (helper finding).
bool written_clock(std::string_view s, int64_t& out) {
  if (s.size() < 19) return false;
  std::string t(s.substr(0, 19));
  if (t[10] == ' ') t[10] = 'T';
  return fitbit::parse_iso_local_sec(t, out);
}

bool at_night(int64_t local_sec) {
  const int64_t hour = ((local_sec % 86400) + 86400) % 86400 / 3600;
  return hour >= 18 || hour < 4;
}

std::string whole(const std::string& cell) {
  double d;
  if (!fitbit::parse_decimal(cell, d) || d < 0 || d > 100000) return {};
  return std::to_string(static_cast<int64_t>(d + 0.5));
}

std::string local_text(int64_t local_sec) { return civil::iso_local(local_sec) + ".000"; }

}  // namespace

Error add_google_sleeps_file(std::string_view path, std::string_view data, ReferenceTable& table, fitbit::Problems& problems) {
  if (blank_text(data)) return {};
  std::string_view rest = data;
  std::vector<std::string> header, row;
  fitbit::next_csv_row(rest, header);
  const int id = fitbit::csv_column(header, "sleep_id"), type = fitbit::csv_column(header, "sleep_type"),
            period = fitbit::csv_column(header, "minutes_in_sleep_period"),
            to_fall = fitbit::csv_column(header, "minutes_to_fall_asleep"), asleep = fitbit::csv_column(header, "minutes_asleep"),
            awake = fitbit::csv_column(header, "minutes_awake"), start_off = fitbit::csv_column(header, "start_utc_offset"),
            start = fitbit::csv_column(header, "sleep_start"), end_off = fitbit::csv_column(header, "end_utc_offset"),
            end = fitbit::csv_column(header, "sleep_end");
  if (id < 0 || start < 0 || end < 0 || start_off < 0 || end_off < 0)
    return fail(Status::format,
                "not Google's list of sleeps: its first line has no sleep_id, sleep_start, sleep_end, start_utc_offset "
                "and end_utc_offset columns");
  const auto cell = [&](int c) -> std::string { return c >= 0 && static_cast<size_t>(c) < row.size() ? row[c] : std::string(); };
  std::vector<Sleep> sleeps;
  int64_t skipped = 0;
  while (!rest.empty()) {
    fitbit::next_csv_row(rest, row);
    if (row.size() == 1 && row[0].empty()) continue;  // a blank line
    Sleep s;
    s.id = cell(id);
    if (s.id.empty() || !fitbit::parse_iso_utc(cell(start), s.start_utc) || !fitbit::parse_iso_utc(cell(end), s.end_utc) ||
        !written_clock(cell(start), s.start_written) || !written_clock(cell(end), s.end_written) ||
        !fitbit::parse_utc_offset(cell(start_off), s.start_offset) ||
        !fitbit::parse_utc_offset(cell(end_off), s.end_offset) || s.end_utc < s.start_utc) {
      ++skipped;
      continue;
    }
    s.type = cell(type);
    for (char& c : s.type) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    s.in_period = whole(cell(period));
    s.to_fall_asleep = whole(cell(to_fall));
    s.asleep = whole(cell(asleep));
    s.awake = whole(cell(awake));
    sleeps.push_back(std::move(s));
  }
  // The evidence (header comment): nights beginning at night under each reading.
  int labelled_nights = 0, written_nights = 0;
  for (const Sleep& s : sleeps) {
    if (s.end_utc - s.start_utc < 3 * 3600) continue;
    labelled_nights += at_night(s.start_utc + s.start_offset);
    written_nights += at_night(s.start_written);
  }
  const bool written = written_nights > labelled_nights;
  const bool tie = written_nights == labelled_nights;
  for (const Sleep& s : sleeps) {
    const int64_t from = written ? s.start_written : s.start_utc + s.start_offset;
    const int64_t to = written ? s.end_written : s.end_utc + s.end_offset;
    const int64_t day = fitbit::day_of(to);
    std::string line = civil::iso_date(to) + "," + local_text(from) + "," + local_text(to) + "," + csv_field(s.type) + ",," + s.asleep + "," +
                       s.awake + "," + s.in_period + ",," + s.to_fall_asleep + ",,,,,,,";
    // Where the file's nights tie, the other reading's span in the key too: beside the JSON, a
    // sleep at either clock is its copy (convert/sleep_copies.h). Only on a tie: where the nights
    // decided, the other reading is wrong by the whole offset, and at +08:00 a nap the list
    // alone holds lay over a JSON night at it (review finding).
    std::string other = ",";
    if (tie) {
      other = std::to_string(written ? s.start_utc + s.start_offset : s.start_written) + "," +
              std::to_string(written ? s.end_utc + s.end_offset : s.end_written);
    }
    table.add(local_text(from) + std::string(kListedKey) + other + "," + s.id, std::move(line), day);
  }
  fitbit::add_skipped_count(problems, path, skipped, "record(s) not readable");
  return {};
}

}  // namespace ts::reference
