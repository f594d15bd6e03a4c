#include "core/fitbit/gps_location_csv.h"

#include <algorithm>
#include <cmath>

#include "core/common/blank_text.h"
#include "core/fitbit/google_series_csv.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

Error read_gps_points(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                      std::vector<Trackpoint>& out, Problems& problems) {
  if (blank_text(data)) return {};  // no positions, as an empty track has none
  const SeriesHeader h = read_series_header(data);
  const int lat = csv_column(h.cells, "latitude"), lon = csv_column(h.cells, "longitude"), alt = csv_column(h.cells, "altitude");
  if (h.time < 0 || lat < 0 || lon < 0)
    return fail(Status::format, "not Google's position file: its first line has no timestamp, latitude and longitude columns");
  read_series_rows(path, h, from_sec, to_sec, "position", problems, [&](int64_t sec, const std::vector<std::string_view>& row) {
    Trackpoint p;
    if (static_cast<size_t>(std::max(lat, lon)) >= row.size() || !parse_decimal(row[lat], p.lat_deg) ||
        !parse_decimal(row[lon], p.lon_deg) || std::fabs(p.lat_deg) > 90 || std::fabs(p.lon_deg) > 180)
      return false;
    double a;
    if (alt >= 0 && static_cast<size_t>(alt) < row.size() && parse_decimal(row[alt], a) && std::fabs(a) < 20000) p.altitude_m = a;
    p.time_ms = sec * 1000;
    out.push_back(p);
    return true;
  });
  return {};
}

}  // namespace ts::fitbit
