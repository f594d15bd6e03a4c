#include "core/fitbit/google_cadence_csv.h"

#include <algorithm>
#include <string>

#include "core/common/blank_text.h"
#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

Error read_google_cadence(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                          std::vector<std::pair<int64_t, double>>& out, Problems& problems) {
  if (blank_text(data)) return {};
  std::string_view rest = data;
  std::vector<std::string> header;
  next_csv_row(rest, header);
  const int t = csv_column(header, "timestamp"), v = csv_column(header, "steps per minute");
  if (t < 0 || v < 0)
    return fail(Status::format, "not Google's cadence file: its first line has no timestamp and steps per minute columns");
  std::vector<std::string_view> plain;
  std::vector<std::string> quoted;
  size_t bad = 0;
  bool last_in = false;  // as read_gps_points counts bad rows (gps_location_csv.h)
  while (!rest.empty()) {
    bool has_quote = false;
    std::vector<std::string_view> from_quoted;
    next_plain_csv_row(rest, plain, has_quote);
    const std::vector<std::string_view>* row = &plain;
    if (has_quote) {
      next_csv_row(rest, quoted);
      from_quoted.assign(quoted.begin(), quoted.end());
      row = &from_quoted;
    }
    if (row->size() == 1 && (*row)[0].empty()) continue;  // a blank line
    int64_t sec = 0;
    if (static_cast<size_t>(t) >= row->size() || !parse_iso_utc((*row)[t], sec)) {
      bad += last_in;
      continue;
    }
    last_in = sec >= from_sec && sec <= to_sec;
    if (!last_in) continue;
    double spm;
    if (static_cast<size_t>(v) >= row->size() || !parse_decimal((*row)[v], spm) || spm < 0 || spm > 600) {
      ++bad;
      continue;
    }
    out.emplace_back(sec, spm);
  }
  if (bad > 0) problems.push_back(records_skipped(path, static_cast<int64_t>(bad), std::to_string(bad) + " row(s) without a readable time or cadence left out"));
  return {};
}

}  // namespace ts::fitbit
