#include "core/fitbit/google_series_csv.h"

#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "core/common/civil_time.h"

namespace ts::fitbit {

SeriesHeader read_series_header(std::string_view data) {
  SeriesHeader h;
  h.rest = data;
  next_csv_row(h.rest, h.cells);
  h.time = csv_column(h.cells, "timestamp");
  return h;
}

namespace {

// "YYYY-MM-DDTHH:MM:SS" of `sec`, its year held to 0-9999 (a window open at either end).
void window_end_text(int64_t sec, char (&out)[20]) {
  constexpr int64_t kFirst = civil::days_from_civil(0, 1, 1) * 86400, kLast = civil::days_from_civil(9999, 12, 31) * 86400 + 86399;
  const civil::DateTime t = civil::from_seconds(sec < kFirst ? kFirst : sec > kLast ? kLast : sec);
  std::snprintf(out, sizeof out, "%04lld-%02u-%02uT%02u:%02u:%02u", static_cast<long long>(t.year), t.month, t.day, t.hour,
                t.minute, t.second);
}

bool digits_at(std::string_view s, std::initializer_list<size_t> at) {
  for (size_t i : at)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

SeriesWindowText::SeriesWindowText(int64_t from_sec, int64_t to_sec) {
  window_end_text(from_sec, from);
  window_end_text(to_sec, to);
}

bool SeriesWindowText::outside(std::string_view line) const {
  if (line.size() < 20 || line[4] != '-' || line[7] != '-' || line[10] != 'T' || line[13] != ':' || line[16] != ':' ||
      !digits_at(line, {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}))
    return false;
  size_t i = 19;
  if (line[i] == '.') {
    ++i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  }
  if (i >= line.size() || line[i] != 'Z') return false;
  // Same-shaped texts of UTC seconds compare as the seconds do.
  return std::memcmp(line.data(), from, 19) < 0 || std::memcmp(line.data(), to, 19) > 0;
}

}  // namespace ts::fitbit
