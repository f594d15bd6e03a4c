#include "core/fitbit/google_live_pace_csv.h"

#include <algorithm>

#include "core/common/blank_text.h"
#include "core/fitbit/google_series_csv.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

Error read_google_live_pace(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                            std::vector<PaceRow>& out, Problems& problems) {
  if (blank_text(data)) return {};
  const SeriesHeader h = read_series_header(data);
  const int steps = csv_column(h.cells, "steps"), mm = csv_column(h.cells, "distance millimeters");
  if (h.time < 0 || steps < 0 || mm < 0)
    return fail(Status::format,
                "not Google's pace file: its first line has no timestamp, steps and distance millimeters columns");
  read_series_rows(path, h, from_sec, to_sec, "pace", problems, [&](int64_t sec, const std::vector<std::string_view>& row) {
    PaceRow r;
    double d;
    if (static_cast<size_t>(std::max(steps, mm)) >= row.size() || !parse_decimal(row[steps], r.steps) ||
        !parse_decimal(row[mm], d) || !(r.steps >= 0 && r.steps <= 100) || !(d >= 0 && d <= 1e6))
      return false;
    r.sec = sec;
    r.distance_m = d / 1000;
    out.push_back(r);
    return true;
  });
  return {};
}

}  // namespace ts::fitbit
