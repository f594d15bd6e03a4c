#include "core/fitbit/google_exercises_csv.h"

#include <cctype>
#include <string>

#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

namespace {

// The columns read, by name (csv_column: case and surrounding spaces ignored); -1 when absent.
struct Columns {
  int start = -1, end = -1, name = -1, log_type = -1;
  int calories = -1, steps = -1, distance_mm = -1, altitude_mm = -1, avg_hr = -1, peak_hr = -1;
  int manual_calories = -1, manual_steps = -1, manual_distance_mm = -1;

  bool of(const std::vector<std::string>& header) {
    start = csv_column(header, "exercise_start");
    end = csv_column(header, "exercise_end");
    name = csv_column(header, "activity_name");
    log_type = csv_column(header, "log_type");
    calories = csv_column(header, "tracker_total_calories");
    steps = csv_column(header, "tracker_total_steps");
    distance_mm = csv_column(header, "tracker_total_distance_mm");
    altitude_mm = csv_column(header, "tracker_total_altitude_mm");
    avg_hr = csv_column(header, "tracker_avg_heart_rate");
    peak_hr = csv_column(header, "tracker_peak_heart_rate");
    manual_calories = csv_column(header, "manually_logged_total_calories");
    manual_steps = csv_column(header, "manually_logged_total_steps");
    manual_distance_mm = csv_column(header, "manually_logged_total_distance_mm");
    return start >= 0 && end >= 0;
  }
};

const char* const kNoHeader =
    "not Google's list of workouts: its first line has no exercise_start and exercise_end columns";

std::string_view cell(const std::vector<std::string>& row, int column) {
  return column >= 0 && static_cast<size_t>(column) < row.size() ? std::string_view(row[column]) : std::string_view();
}

// A total: a non-negative number; 0 or empty is "not recorded" (the header's comment).
bool total(std::string_view text, double& out) {
  double v;
  if (text.empty() || !parse_decimal(text, v) || !(v > 0) || v > 1e12) return false;
  out = v;
  return true;
}

// The device's total, else the typed-in one.
bool total_of(const std::vector<std::string>& row, int tracker, int manual, double& out) {
  return total(cell(row, tracker), out) || total(cell(row, manual), out);
}

// One data row into `ex`; false with `why` (no values in it) when it cannot be a workout. A
// literal, not a string: a file of a million rows of one byte each built and dropped a reason
// for each (attack finding: 55 ms of a 2 MiB file's validate).
bool read_row(const Columns& c, const std::vector<std::string>& row, Exercise& ex, std::string_view& why) {
  int64_t start = 0, end = 0;
  if (!parse_iso_utc(cell(row, c.start), start)) {
    why = "exercise_start is missing or not a time such as 2024-02-07 10:30:42+0000";
    return false;
  }
  if (!parse_iso_utc(cell(row, c.end), end) || end < start || (end - start) * 1000 > kMaxDurationMs) {
    why = "exercise_end is missing, not a time, before exercise_start or over 7 days after it";
    return false;
  }
  ex = Exercise{};
  ex.log_id = start * 1000;
  ex.start_utc_ms = start * 1000;
  ex.duration_ms = (end - start) * 1000;
  ex.activity_name = std::string(cell(row, c.name));
  for (char ch : cell(row, c.log_type)) ex.log_type.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  double v;
  if (total_of(row, c.calories, c.manual_calories, v) && v < 1e6) ex.calories = static_cast<int32_t>(v + 0.5);
  if (total_of(row, c.steps, c.manual_steps, v) && v < 1e8) ex.steps = static_cast<int32_t>(v + 0.5);
  if (total(cell(row, c.avg_hr), v) && v < 300) ex.average_heart_rate = static_cast<int32_t>(v + 0.5);
  // A peak outside a heart's range is no reading (the average's bounds, workout/plausibility.cpp).
  if (total(cell(row, c.peak_hr), v) && v >= 25 && v <= 250) ex.peak_heart_rate = static_cast<int32_t>(v + 0.5);
  if (total_of(row, c.distance_mm, c.manual_distance_mm, v)) {
    ex.distance_m = v / 1000;
    ex.distance = v / 1e6;
    ex.distance_unit = "Kilometer";
  }
  if (total(cell(row, c.altitude_mm), v)) ex.elevation_gain_m = v / 1000;
  return true;
}

// The header row, from the file's start.
bool header_of(std::string_view data, Columns& c, std::string_view& rest) {
  rest = data;
  std::vector<std::string> header;
  return next_csv_row(rest, header) && c.of(header);
}

}  // namespace

Error read_google_exercises(std::string_view path, std::string_view data, GoogleExerciseFile& out) {
  out = {};
  Columns c;
  std::string_view rest;
  if (!header_of(data, c, rest)) return fail(Status::format, kNoHeader);
  std::vector<std::string> row;
  size_t number = 0;
  size_t skipped = 0;
  while (!rest.empty()) {
    const size_t offset = data.size() - rest.size();
    next_csv_row(rest, row);
    // The row's bytes as the CSV reader took them, its line end included (a step is handed
    // exactly these: cutting the line end would cut it from a quoted cell left open at the end).
    const size_t length = data.size() - rest.size() - offset;
    if (data.substr(offset, length).find_first_not_of("\r\n") == std::string_view::npos) continue;  // a blank line
    ++number;
    Exercise ex;
    std::string_view why;
    if (!read_row(c, row, ex, why)) {
      if (++skipped <= 100)
        out.problems.push_back(record_skipped(path, -1, "row " + std::to_string(number) + ": " + std::string(why) + "; row skipped"));
      continue;
    }
    ex.position = number;
    out.records.push_back(std::move(ex));
    out.rows.push_back({offset, length});
  }
  if (skipped > 100) add_skipped_count(out.problems, path, static_cast<int64_t>(skipped - 100), "more rows skipped");
  return {};
}

Error read_google_exercise_row(std::string_view /*path*/, std::string_view data, json::ByteRange range, Exercise& out) {
  Columns c;
  std::string_view rest;
  if (!header_of(data, c, rest)) return fail(Status::format, kNoHeader);
  if (range.offset < data.size() - rest.size() || range.offset > data.size() || range.length > data.size() - range.offset)
    return fail(Status::format, "the range is not a row of the file");
  std::string_view text = data.substr(range.offset, range.length);
  std::vector<std::string> row;
  if (!next_csv_row(text, row) || !text.empty()) return fail(Status::format, "the range is not one row of the file");
  std::string_view why;
  if (!read_row(c, row, out, why)) return fail(Status::format, std::string(why));
  return {};
}

namespace {
// "+07:00" (or "+0700") as seconds east of UTC; false for anything else, and for an offset off
// the quarter-hour grid or past -12:00 / +14:00, which no zone has.
bool utc_offset(std::string_view s, int32_t& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() != 6 && s.size() != 5) return false;
  if (s[0] != '+' && s[0] != '-') return false;
  const size_t m = s.size() == 6 ? 4 : 3;
  if (s.size() == 6 && s[3] != ':') return false;
  for (size_t k : {size_t{1}, size_t{2}, m, m + 1})
    if (s[k] < '0' || s[k] > '9') return false;
  const int hours = (s[1] - '0') * 10 + (s[2] - '0'), minutes = (s[m] - '0') * 10 + (s[m + 1] - '0');
  if (minutes >= 60 || minutes % 15 != 0) return false;
  const int32_t v = (s[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  if (v < -12 * 3600 || v > 14 * 3600) return false;
  out = v;
  return true;
}
}  // namespace

void read_google_exercise_offsets(std::string_view data, std::vector<tz::OffsetObservation>& out) {
  std::string_view rest = data;
  std::vector<std::string> row;
  if (!next_csv_row(rest, row)) return;
  const int start = csv_column(row, "exercise_start"), offset = csv_column(row, "utc_offset");
  if (start < 0 || offset < 0) return;
  while (!rest.empty()) {
    next_csv_row(rest, row);
    int64_t utc = 0;
    int32_t off = 0;
    if (parse_iso_utc(cell(row, start), utc) && utc_offset(cell(row, offset), off)) out.push_back({utc, off, /*workout=*/true});
  }
}

}  // namespace ts::fitbit
