#include "core/fitbit/google_cadence_csv.h"

#include "core/common/blank_text.h"
#include "core/fitbit/google_series_csv.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

Error read_google_cadence(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                          std::vector<std::pair<int64_t, double>>& out, Problems& problems) {
  if (blank_text(data)) return {};
  const SeriesHeader h = read_series_header(data);
  const int v = csv_column(h.cells, "steps per minute");
  if (h.time < 0 || v < 0)
    return fail(Status::format, "not Google's cadence file: its first line has no timestamp and steps per minute columns");
  read_series_rows(path, h, from_sec, to_sec, "cadence", problems, [&](int64_t sec, const std::vector<std::string_view>& row) {
    double spm;
    if (static_cast<size_t>(v) >= row.size() || !parse_decimal(row[v], spm) || spm < 0 || spm > 600) return false;
    out.emplace_back(sec, spm);
    return true;
  });
  return {};
}

}  // namespace ts::fitbit
