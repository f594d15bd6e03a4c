#include "core/fitbit/profile_csv.h"

#include <cstdlib>
#include <vector>

#include "core/fitbit/csv.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

namespace {
// IANA names are letters, digits, '/', '_', '-', '+'; anything else is not a zone name.
bool looks_like_zone(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' || c == '+'))
      return false;
  return true;
}
}  // namespace

void read_profile_csv(std::string_view path, std::string_view data, Profile& out, Problems& problems) {
  std::vector<std::string> header, row;
  if (!next_csv_row(data, header) || !next_csv_row(data, row)) {
    problems.push_back(file_unread(path, "has no header and account row"));
    return;
  }
  int tz_col = csv_column(header, "timezone");
  if (tz_col < 0) tz_col = csv_column(header, "time_zone");  // spelling varies between exports
  const int h_col = csv_column(header, "height");
  // Every real export's Profile.csv names the account's zone. One that does not was saved again
  // by some program (a spreadsheet in a locale that separates columns with ';', headers in
  // another language), and without a word the zone of the machine stood in for it: every
  // weigh-in moved by hours (helper finding). Said, so the person can choose the zone.
  if (tz_col < 0) {
    const bool semicolons = header.size() == 1 && header[0].find(';') != std::string::npos;
    problems.push_back(value_dropped(path, -1, std::string("has no 'timezone' column") +
                                                  (semicolons ? " (its columns are separated by ';': it was saved again by a spreadsheet)" : "") +
                                                  ", so the account's time zone is not known: use the file as it came in the export, or choose the zone"));
  } else if (tz_col >= static_cast<int>(row.size()) || row[tz_col].empty()) {
    problems.push_back(value_dropped(path, -1, "names no time zone in its 'timezone' column, so the account's time zone is not known: choose the zone"));
  } else if (looks_like_zone(row[tz_col])) {
    out.time_zone = row[tz_col];
  } else {
    problems.push_back(value_dropped(path, 0, "column 'timezone' is not a time zone name; ignored"));
  }
  if (h_col >= 0 && h_col < static_cast<int>(row.size()) && !row[h_col].empty()) {
    double h = 0;
    if (parse_decimal(row[h_col], h) && h >= 50 && h <= 272) out.height_cm = h;
    else problems.push_back(value_dropped(path, 0, "column 'height' is not a height in centimetres; ignored"));
  }
}

}  // namespace ts::fitbit
