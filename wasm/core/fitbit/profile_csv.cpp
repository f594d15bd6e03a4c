#include "core/fitbit/profile_csv.h"

#include <cstdlib>
#include <vector>

#include "core/fitbit/csv.h"
#include "core/fitbit/text_encoding.h"
#include "core/fitbit/text_number.h"
#include "simdjson.h"

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

// The account's zone and height as read (`zone`/`height` null: the member or column is absent).
// `holder`: "column" (Profile.csv) or "member" (User-Profile.json), as the problems name it;
// `file`: the file's kind as the report names where the zone came from.
static void take_profile(std::string_view path, const char* holder, const char* file, const std::string* zone, const std::string* height_text,
                         const double* height, Profile& out, Problems& problems) {
  // Every real export's profile names the zone. One that does not was saved again by some
  // program (a spreadsheet in a locale that separates columns with ';', headers in another
  // language), and without a word the zone of the machine stood in for it: every weigh-in
  // moved by hours (helper finding). Said, so the person can choose the zone.
  if (zone == nullptr) {
    problems.push_back(value_dropped(path, -1, std::string("has no 'timezone' ") + holder +
                                                   ", so the account's time zone is not known: use the file as it came in the export, or choose the zone"));
  } else if (zone->empty()) {
    problems.push_back(value_dropped(path, -1, std::string("names no time zone in its 'timezone' ") + holder +
                                                   ", so the account's time zone is not known: choose the zone"));
  } else if (looks_like_zone(*zone)) {
    out.time_zone = *zone;
    out.zone_file = file;
  } else {
    problems.push_back(value_dropped(path, 0, std::string(holder) + " 'timezone' is not a time zone name; ignored"));
  }
  double h = 0;
  const bool has_height = height != nullptr || (height_text != nullptr && !height_text->empty());
  if (has_height) {
    if (height != nullptr) h = *height;
    if ((height != nullptr || parse_decimal(*height_text, h)) && h >= 50 && h <= 272) out.height_cm = h;
    else problems.push_back(value_dropped(path, 0, std::string(holder) + " 'height' is not a height in centimetres; ignored"));
  }
}

void read_profile_csv(std::string_view path, std::string_view data, Profile& out, Problems& problems) {
  std::vector<std::string> header, row;
  if (!next_csv_row(data, header) || !next_csv_row(data, row)) {
    problems.push_back(file_unread(path, "has no header and account row"));
    return;
  }
  int tz_col = csv_column(header, "timezone");
  if (tz_col < 0) tz_col = csv_column(header, "time_zone");  // spelling varies between exports
  const int h_col = csv_column(header, "height");
  const bool semicolons = tz_col < 0 && header.size() == 1 && header[0].find(';') != std::string::npos;
  if (semicolons) {
    problems.push_back(value_dropped(path, -1, "has no 'timezone' column (its columns are separated by ';': it was saved again by a spreadsheet), so the account's time zone is not known: use the file as it came in the export, or choose the zone"));
    return;
  }
  static const std::string kNone;
  const std::string* zone = tz_col < 0 ? nullptr : tz_col < static_cast<int>(row.size()) ? &row[tz_col] : &kNone;
  const std::string* height = h_col >= 0 && h_col < static_cast<int>(row.size()) ? &row[h_col] : nullptr;
  take_profile(path, "column", "Profile.csv", zone, height, nullptr, out, problems);
  const int w_col = csv_column(header, "weight");
  double kg = 0;
  if (w_col >= 0 && w_col < static_cast<int>(row.size()) && parse_decimal(row[w_col], kg) && kg >= 20 && kg <= 350) out.weight_kg = kg;
}

void read_profile_json(std::string_view path, std::string_view data, Profile& out, Problems& problems) {
  const std::string_view why = foreign_encoding(data);
  if (!why.empty()) {
    problems.push_back(file_unread(path, std::string(why)));
    return;
  }
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  if (parser.parse(data.data(), data.size()).get_object().get(o)) {
    problems.push_back(file_unread(path, "not a JSON object of the account's profile"));
    return;
  }
  std::string zone;
  std::string_view text;
  const bool has_zone = !o["timezone"].get_string().get(text);
  if (has_zone) zone = std::string(text);
  double height = 0;
  std::string_view unit;
  const bool metric = o["heightUnit"].get_string().get(unit) || unit == "METRIC";
  const bool has_height = metric && !o["height"].get_double().get(height) && height > 0;
  take_profile(path, "member", "User-Profile.json", has_zone ? &zone : nullptr, nullptr, has_height ? &height : nullptr, out, problems);
}

}  // namespace ts::fitbit
