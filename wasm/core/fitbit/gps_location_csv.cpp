#include "core/fitbit/gps_location_csv.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/common/blank_text.h"
#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

Error read_gps_points(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                      std::vector<Trackpoint>& out, Problems& problems) {
  if (blank_text(data)) return {};  // no positions, as an empty track has none
  std::string_view rest = data;
  std::vector<std::string> header;
  next_csv_row(rest, header);
  const int t = csv_column(header, "timestamp"), lat = csv_column(header, "latitude"), lon = csv_column(header, "longitude"),
            alt = csv_column(header, "altitude");
  if (t < 0 || lat < 0 || lon < 0)
    return fail(Status::format, "not Google's position file: its first line has no timestamp, latitude and longitude columns");
  std::vector<std::string_view> plain;
  std::vector<std::string> quoted;
  size_t bad = 0;
  // A row without a readable time is counted by the window its row before lies in: windows do
  // not overlap (gps_tracks.h), so each bad row is said once however many workouts read the file.
  bool last_in = false;
  while (!rest.empty()) {
    bool has_quote = false;
    std::vector<std::string_view>* cells = &plain;
    std::vector<std::string_view> from_quoted;
    next_plain_csv_row(rest, plain, has_quote);
    if (has_quote) {  // a rare row with quotes: read it the slow way, as views of its copies
      next_csv_row(rest, quoted);
      from_quoted.assign(quoted.begin(), quoted.end());
      cells = &from_quoted;
    }
    const std::vector<std::string_view>& row = *cells;
    if (row.size() == 1 && row[0].empty()) continue;  // a blank line
    int64_t sec = 0;
    Trackpoint p;
    if (static_cast<size_t>(t) >= row.size() || !parse_iso_utc(row[t], sec)) {
      bad += last_in;
      continue;
    }
    last_in = sec >= from_sec && sec <= to_sec;
    if (!last_in) continue;
    if (static_cast<size_t>(std::max(lat, lon)) >= row.size() || !parse_decimal(row[lat], p.lat_deg) ||
        !parse_decimal(row[lon], p.lon_deg) || std::fabs(p.lat_deg) > 90 || std::fabs(p.lon_deg) > 180) {
      ++bad;
      continue;
    }
    double a;
    if (alt >= 0 && static_cast<size_t>(alt) < row.size() && parse_decimal(row[alt], a) && std::fabs(a) < 20000) p.altitude_m = a;
    p.time_ms = sec * 1000;
    out.push_back(p);
  }
  if (bad > 0) problems.push_back(records_skipped(path, static_cast<int64_t>(bad), std::to_string(bad) + " row(s) without a readable time or position left out"));
  return {};
}

}  // namespace ts::fitbit
