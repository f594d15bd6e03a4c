#include "core/fitbit/google_series_csv.h"

namespace ts::fitbit {

SeriesHeader read_series_header(std::string_view data) {
  SeriesHeader h;
  h.rest = data;
  next_csv_row(h.rest, h.cells);
  h.time = csv_column(h.cells, "timestamp");
  return h;
}

}  // namespace ts::fitbit
