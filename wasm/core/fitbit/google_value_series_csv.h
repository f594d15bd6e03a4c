// Google's per-second files that hold one value a row beside the time: cadence
// (google_cadence_csv.h), heart rate (google_heart_rate_csv.h) and each running-dynamics measure
// (google_running_dynamics_csv.h). Each was read the same way, a blank check, the header, the
// value's column by name, one error, then the rows (google_series_csv.h); that is here once, so
// a reader says only its column, its words and what a plausible value is. Files with more than
// one value a row (positions, pace) read their rows themselves.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/blank_text.h"
#include "core/common/status.h"
#include "core/fitbit/google_series_csv.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

struct ValueSeries {
  const char* file;         // in the error: "not Google's <file> file: …"
  std::string_view column;  // the value's column, found by name
  const char* what;         // in the count of bad rows: "<n> row(s) without a readable time or <what> left out"
};

// Calls take(sec, value) for each row of `data` whose time lies in [from_sec, to_sec] (UTC),
// with the value's cell read as a decimal; `take` returns false for a value it cannot use. A row
// without the cell or a decimal in it, or refused by `take`, is counted as read_series_rows
// counts. An empty (or blank) file has no rows and no problem. Errors (format): no header with
// timestamp and the value's column.
template <class Take>
Error read_value_series(std::string_view path, std::string_view data, int64_t from_sec, int64_t to_sec,
                        const ValueSeries& s, Problems& problems, Take&& take) {
  if (blank_text(data)) return {};
  const SeriesHeader h = read_series_header(data);
  const int v = csv_column(h.cells, s.column);
  if (h.time < 0 || v < 0)
    return fail(Status::format, "not Google's " + std::string(s.file) + " file: its first line has no timestamp and " +
                                    std::string(s.column) + " columns");
  read_series_rows(path, h, from_sec, to_sec, s.what, problems, [&](int64_t sec, const std::vector<std::string_view>& row) {
    double value;
    return static_cast<size_t>(v) < row.size() && parse_decimal(row[v], value) && take(sec, value);
  });
  return {};
}

}  // namespace ts::fitbit
