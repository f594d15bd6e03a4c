#include "core/fitbit/body_fat_csv.h"

#include <string>

#include "core/common/blank_text.h"
#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

void read_body_fat_csv(std::string_view path, std::string_view data, std::vector<BodyFatRow>& out, Problems& problems) {
  if (blank_text(data)) return;  // a month without readings: nothing to say
  std::vector<std::string> header;
  next_csv_row(data, header);
  const int ts_col = csv_column(header, "timestamp");
  const int pct_col = csv_column(header, "body fat percentage");
  if (ts_col < 0 || pct_col < 0) {
    problems.push_back(file_unread(path, "has no 'timestamp' and 'body fat percentage' columns"));
    return;
  }
  std::vector<std::string> row;
  int64_t skipped = 0;
  for (uint32_t index = 0; !data.empty(); ++index) {
    if (!next_csv_row(data, row)) break;
    if (row.size() == 1 && row[0].empty()) continue;  // blank line
    BodyFatRow r;
    if (ts_col >= static_cast<int>(row.size()) || pct_col >= static_cast<int>(row.size()) ||
        !parse_iso_utc(row[ts_col], r.utc_sec, true) || !parse_decimal(row[pct_col], r.percent) || !(r.percent > 0) ||
        r.percent > 100) {
      ++skipped;
      continue;
    }
    out.push_back(r);
  }
  add_skipped_count(problems, path, skipped, "row(s) without a UTC timestamp and a body fat percentage above 0 and at most 100");
}

}  // namespace ts::fitbit
