#include "core/fitbit/weight_csv.h"

#include <vector>

#include "core/common/civil_time.h"
#include "core/fitbit/csv.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

namespace {
bool digits(std::string_view s, size_t at, size_t n, unsigned& out) {
  if (at + n > s.size()) return false;
  unsigned v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  out = v;
  return true;
}
}  // namespace

bool parse_iso_utc(std::string_view s, int64_t& utc_sec) {
  civil::DateTime t{};
  unsigned y = 0;
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return false;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, t.month) || !digits(s, 8, 2, t.day) || !digits(s, 11, 2, t.hour) ||
      !digits(s, 14, 2, t.minute) || !digits(s, 17, 2, t.second))
    return false;
  t.year = y;
  if (!civil::valid(t)) return false;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  int64_t offset = 0;
  if (i < s.size() && s[i] == 'Z') {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    unsigned oh = 0, om = 0;
    if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om)) return false;
    offset = (s[i] == '-' ? -1 : 1) * static_cast<int64_t>(oh * 3600 + om * 60);
    i += 6;
  } else {
    return false;  // no zone: not a UTC instant
  }
  if (i != s.size()) return false;
  utc_sec = civil::to_seconds(t) - offset;
  return true;
}

void read_weight_csv(std::string_view path, std::string_view data, std::vector<WeightGrams>& out, Problems& problems,
                     SourceNames* sources) {
  std::vector<std::string> row;
  if (!next_csv_row(data, row)) {
    problems.push_back({std::string(path), -1, "is empty"});
    return;
  }
  const int ts_col = csv_column(row, "timestamp");
  const int g_col = csv_column(row, "weight grams");
  const int src_col = sources != nullptr ? csv_column(row, "data source") : -1;
  if (ts_col < 0 || g_col < 0) {
    problems.push_back({std::string(path), -1, "has no 'timestamp' and 'weight grams' columns"});
    return;
  }
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
    if (ts_col >= static_cast<int>(cells.size()) || g_col >= static_cast<int>(cells.size()) ||
        !parse_iso_utc(cells[ts_col], w.utc_sec)) {
      problems.push_back({std::string(path), index, "column 'timestamp' is not an ISO-8601 UTC time"});
      continue;
    }
    if (!parse_decimal(cells[g_col], w.grams) || w.grams <= 0) {
      problems.push_back({std::string(path), index, "column 'weight grams' is not a positive number"});
      continue;
    }
    if (src_col >= 0 && src_col < static_cast<int>(cells.size())) w.source = sources->intern(cells[src_col]);
    out.push_back(w);
  }
}

}  // namespace ts::fitbit
