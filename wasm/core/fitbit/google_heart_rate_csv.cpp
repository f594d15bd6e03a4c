#include "core/fitbit/google_heart_rate_csv.h"

#include <cmath>

#include "core/common/blank_text.h"
#include "core/fitbit/google_series_csv.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

Error read_google_heart_rate(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                             std::vector<WindowReading>& out, Problems& problems) {
  if (blank_text(data)) return {};
  const SeriesHeader h = read_series_header(data);
  const int v = csv_column(h.cells, "beats per minute");
  if (h.time < 0 || v < 0)
    return fail(Status::format, "not Google's heart-rate file: its first line has no timestamp and beats per minute columns");
  read_series_rows(path, h, from_sec, to_sec, "heart rate", problems, [&](int64_t sec, const std::vector<std::string_view>& row) {
    double bpm;
    if (static_cast<size_t>(v) >= row.size() || !parse_decimal(row[v], bpm) || !std::isfinite(bpm) || bpm <= 0 || bpm >= 255)
      return false;
    out.push_back({sec, static_cast<int32_t>(std::lround(bpm))});
    return true;
  });
  return {};
}

}  // namespace ts::fitbit
