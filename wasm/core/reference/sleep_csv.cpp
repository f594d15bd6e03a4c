#include "core/reference/sleep_csv.h"

#include "core/common/number_text.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/reference/google_sleeps_csv.h"
#include "simdjson.h"

namespace ts::reference {

namespace {

using simdjson::dom::element;
using text::format_number;

std::string str(element o, std::string_view key) {
  std::string_view s;
  if (o[key].get_string().get(s)) return {};
  return std::string(s);
}

std::string num(element o, std::string_view key, int decimals = 0) {
  double d;
  int64_t i;
  if (!o[key].get_int64().get(i)) return std::to_string(i);
  if (!o[key].get_double().get(d)) return format_number(d, decimals);
  return {};
}

}  // namespace

ReferenceTable make_sleep_table() {
  ReferenceTable t;
  t.path = "reference/sleep.csv";
  t.header =
      "date_of_sleep,start_local,end_local,type,main_sleep,minutes_asleep,minutes_awake,time_in_bed,"
      "efficiency,minutes_to_fall_asleep,deep_minutes,light_minutes,rem_minutes,wake_minutes,"
      "asleep_minutes,restless_minutes,awake_minutes";
  return t;
}

Error add_sleep_file(std::string_view path, std::string_view data, bool padded, ReferenceTable& table,
                     fitbit::Problems& problems) {
  if (fitbit::name_ends_in(path, ".csv")) return add_google_sleeps_file(path, data, table, problems);
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(data.data(), data.size(), !padded).get(doc)) return fail(Status::format, "not valid JSON");
  simdjson::dom::array arr;
  if (doc.get_array().get(arr)) return fail(Status::format, "expected a JSON array of sleep records");
  int64_t skipped = 0;
  for (element r : arr) {
    const std::string date = str(r, "dateOfSleep");
    const std::string start = str(r, "startTime");
    int64_t day, start_sec;
    if (!fitbit::parse_iso_date(date, day) || !fitbit::parse_iso_local_sec(start, start_sec)) {
      ++skipped;
      continue;
    }
    bool main_sleep = false;
    const bool has_main = !r["mainSleep"].get_bool().get(main_sleep);
    element summary;
    std::string levels[7];  // deep light rem wake asleep restless awake
    static const char* kLevels[7] = {"deep", "light", "rem", "wake", "asleep", "restless", "awake"};
    if (!r["levels"]["summary"].get(summary))
      for (int i = 0; i < 7; ++i) {
        element lv;
        if (!summary[kLevels[i]].get(lv)) levels[i] = num(lv, "minutes");
      }
    std::string row = date + "," + csv_field(start) + "," + csv_field(str(r, "endTime")) + "," +
                      csv_field(str(r, "type")) + "," + (has_main ? (main_sleep ? "true" : "false") : "") +
                      "," + num(r, "minutesAsleep") + "," + num(r, "minutesAwake") + "," + num(r, "timeInBed") +
                      "," + num(r, "efficiency") + "," + num(r, "minutesToFallAsleep");
    for (const std::string& l : levels) row += "," + l;
    table.add(start + "|" + num(r, "logId"), std::move(row), day);
  }
  fitbit::add_skipped_count(problems, path, skipped, "record(s) not readable");
  return {};
}

}  // namespace ts::reference
