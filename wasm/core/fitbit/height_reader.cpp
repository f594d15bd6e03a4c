#include "core/fitbit/height_reader.h"

#include "core/fitbit/csv.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"
#include "simdjson.h"

namespace ts::fitbit {

namespace {
bool plausible(double cm) { return cm >= kMinHeightCm && cm <= kMaxHeightCm; }
}  // namespace

void read_height_json(std::string_view path, std::string_view data, std::vector<HeightRecord>& out, Problems& problems) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array records;
  if (parser.parse(data.data(), data.size()).get(doc) || doc.get_array().get(records)) {
    problems.push_back(file_unread(path, "not a JSON array of height records"));
    return;
  }
  FileProblems listed(problems, path);
  int64_t index = -1;
  for (simdjson::dom::element rec : records) {
    ++index;
    std::string_view when;
    HeightRecord h;
    if (rec["dateTime"].get_string().get(when) || !parse_export_datetime(when, h.sec)) {
      listed.skip(index, "field 'dateTime' is not MM/DD/YY HH:MM:SS");
      continue;
    }
    simdjson::dom::element v;
    double mm = 0;
    std::string_view text;
    const bool read = !rec["value"].get(v) && (!v.get_double().get(mm) || (!v.get_string().get(text) && parse_decimal(text, mm)));
    if (!read || !plausible(mm / 10)) {
      listed.skip(index, "field 'value' is not a height in millimetres (500-2720); left out");
      continue;
    }
    h.cm = mm / 10;
    out.push_back(h);
  }
}

void read_height_csv(std::string_view path, std::string_view data, std::vector<HeightRecord>& out, Problems& problems) {
  std::vector<std::string> row;
  if (!next_csv_row(data, row)) {
    problems.push_back(file_unread(path, "is empty"));
    return;
  }
  const int ts_col = csv_column(row, "timestamp");
  const int mm_col = csv_column(row, "height millimeters");
  if (ts_col < 0 || mm_col < 0) {
    problems.push_back(file_unread(path, "has no 'timestamp' and 'height millimeters' columns"));
    return;
  }
  FileProblems listed(problems, path);
  for (int64_t index = 0; next_csv_row(data, row); ++index) {
    if (row.size() == 1 && row[0].empty()) continue;  // blank line
    HeightRecord h;
    double mm = 0;
    if (ts_col >= static_cast<int>(row.size()) || !parse_iso_utc(row[ts_col], h.sec)) {
      listed.skip(index, "column 'timestamp' is not an ISO-8601 UTC time");
      continue;
    }
    if (mm_col >= static_cast<int>(row.size()) || !parse_decimal(row[mm_col], mm) || !plausible(mm / 10)) {
      listed.skip(index, "column 'height millimeters' is not a height (500-2720); left out");
      continue;
    }
    h.cm = mm / 10;
    out.push_back(h);
  }
}

}  // namespace ts::fitbit
