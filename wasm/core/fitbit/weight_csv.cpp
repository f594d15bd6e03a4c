#include "core/fitbit/weight_csv.h"

#include <vector>

#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

void read_weight_csv(std::string_view path, uint32_t file_no, std::string_view data, std::vector<WeightGrams>& out,
                     Problems& problems, SourceNames* sources) {
  std::vector<std::string> row;
  if (!next_csv_row(data, row)) {
    problems.push_back(file_unread(path, "is empty"));
    return;
  }
  const int ts_col = csv_column(row, "timestamp");
  const int g_col = csv_column(row, "weight grams");
  const int src_col = sources != nullptr ? csv_column(row, "data source") : -1;
  if (ts_col < 0 || g_col < 0) {
    problems.push_back(file_unread(path, "has no 'timestamp' and 'weight grams' columns"));
    return;
  }
  FileProblems listed(problems, path);
  uint32_t index = 0;
  std::vector<std::string_view> cells;
  bool quoted = false;
  for (; next_plain_csv_row(data, cells, quoted); ++index) {
    if (quoted) {  // rare: copy the row's fields through the full CSV reader
      next_csv_row(data, row);
      cells.assign(row.begin(), row.end());
    }
    if (cells.size() == 1 && cells[0].empty()) continue;  // blank line
    WeightGrams w;
    w.index = index;
    w.file = file_no;
    if (ts_col >= static_cast<int>(cells.size()) || g_col >= static_cast<int>(cells.size()) ||
        !parse_iso_utc(cells[ts_col], w.utc_sec, true)) {
      listed.skip(index, "column 'timestamp' is not an ISO-8601 UTC time");
      continue;
    }
    if (!parse_decimal(cells[g_col], w.grams) || w.grams <= 0) {
      listed.skip(index, "column 'weight grams' is not a positive number");
      continue;
    }
    // Under a kilogram is no one's weight: a row cut off mid-number ("…,89" for 89,900 g) or
    // typed wrong. Written, it was a weigh-in of 0.09 kg beside the JSON's 89.9 kg, or of 0 kg,
    // without a word (helper finding).
    if (w.grams < kMinWeighInGrams) {
      listed.skip(index, "column 'weight grams' is under 1000 (1 kg), no one's weight: a cut-off or mistyped value");
      continue;
    }
    if (src_col >= 0 && src_col < static_cast<int>(cells.size())) w.source = sources->intern(cells[src_col]);
    out.push_back(w);
  }
}

}  // namespace ts::fitbit
