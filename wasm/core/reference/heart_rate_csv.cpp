#include "core/reference/heart_rate_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "core/common/number_text.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/google_heart_rate_csv.h"
#include "core/fitbit/heart_rate_reader.h"
#include "simdjson.h"

namespace ts::reference {

namespace {

using simdjson::dom::element;
using text::format_number;

bool number(element e, double& out) {
  int64_t i;
  if (!e.get_int64().get(i)) {
    out = static_cast<double>(i);
    return true;
  }
  return !e.get_double().get(out) && std::isfinite(out);
}

Error array_of(simdjson::dom::parser& parser, std::string_view data, bool padded, simdjson::dom::array& arr) {
  element doc;
  if (parser.parse(data.data(), data.size(), !padded).get(doc)) return fail(Status::format, "not valid JSON");
  if (doc.get_array().get(arr)) return fail(Status::format, "expected a JSON array of {dateTime, value} records");
  return {};
}

}  // namespace

ReferenceTable make_resting_hr_table() {
  ReferenceTable t;
  t.path = "reference/resting_heart_rate.csv";
  t.header = "date,resting_bpm,error_bpm";
  return t;
}

namespace {

// Each usable record of a resting_heart_rate file, in file order: on(day, value, error), the
// error < 0 when the record has none. What cannot be read is counted into `problems`.
template <class OnRecord>
Error read_resting_hr(std::string_view path, std::string_view data, bool padded, fitbit::Problems& problems, OnRecord&& on) {
  simdjson::dom::parser parser;
  simdjson::dom::array arr;
  if (Error e = array_of(parser, data, padded, arr)) return e;
  int64_t skipped = 0;
  for (element r : arr) {
    std::string_view dt;
    int64_t sec;
    double v, err = -1;
    element value;
    if (r["dateTime"].get_string().get(dt) || !fitbit::parse_export_datetime(dt, sec) ||
        r["value"].get(value) || value["value"].get(value) || !number(value, v) || v < 0) {
      ++skipped;
      continue;
    }
    if (v == 0) continue;  // not computed that day
    element e;
    if (!r["value"]["error"].get(e)) number(e, err);
    on(fitbit::day_of(sec), v, err);
  }
  fitbit::add_skipped_count(problems, path, skipped, "record(s) not readable");
  return {};
}

}  // namespace

Error add_resting_hr_file(std::string_view path, std::string_view data, bool padded, ReferenceTable& table,
                          fitbit::Problems& problems) {
  return read_resting_hr(path, data, padded, problems, [&](int64_t day, double v, double err) {
    const std::string date = fitbit::format_day(day);
    table.add(date, date + "," + format_number(v, 2) + "," + (err >= 0 ? format_number(err, 2) : ""), day);
  });
}

Error count_resting_hr_file(std::string_view path, std::string_view data, bool padded, std::set<int64_t>& days,
                            fitbit::Problems& problems) {
  return read_resting_hr(path, data, padded, problems, [&](int64_t day, double, double) { days.insert(day); });
}

Error add_heart_rate_file(std::string_view path, std::string_view data, bool padded, const tz::Zone& zone,
                          HeartRateDays& days, fitbit::Problems& problems, const std::vector<int64_t>& json_days) {
  // Readings come in time order: the zone's offset is looked up again only when a reading
  // leaves the span it holds over, and the day's entry only when the local day changes (a
  // tree search and an offset search per reading were most of a day file's cost after its
  // scan).
  // One reading a second, the first (as an activity file keeps its records): a reading at the
  // second of the one before it is another source's reading of that second (a watch beside a
  // phone in Google's files), and counting both weighted the day's average towards it and
  // counted the second twice (helper finding). Google's rows are put in time order first
  // (below); Fitbit's day files are in time order but for a few real days of two interleaved
  // streams, which are hours apart, not at one second.
  int64_t from = INT64_MAX, until = INT64_MIN, day = INT64_MIN, last_sec = INT64_MIN;
  int32_t offset = 0;
  HeartRateDay* current = nullptr;
  // The local days this file's readings lie on (sorted), at most kHeartRateFileDaysMax: a
  // file holds a day (Fitbit's, UTC or local) or a month (Google's), so its readings lie on
  // one to 32 local days. Each day is an entry and a row of the table: a crafted file of one
  // reading a day for 87,000 days cost a step 26 ms warm (51 ms in V8's baseline tier), 3.7
  // times the estimate its bytes buy, and wrote 1.1 MB (attack finding). Readings on days
  // past the cap are left out and counted.
  std::vector<int64_t> file_days;
  int64_t beyond = 0;
  const auto add = [&](int64_t sec, int32_t bpm) {
    if (sec == last_sec) return;
    last_sec = sec;
    if (sec < from || sec >= until) offset = zone.offset_at(sec, from, until);
    const int64_t local_day = fitbit::day_of(sec + offset);
    if (!current || local_day != day) {
      const auto at = std::lower_bound(file_days.begin(), file_days.end(), local_day);
      if (at == file_days.end() || *at != local_day) {
        if (file_days.size() >= kHeartRateFileDaysMax) {
          ++beyond;
          current = nullptr;  // the next reading looks again
          return;
        }
        file_days.insert(at, local_day);
      }
      current = &days[local_day];
      day = local_day;
    }
    HeartRateDay& d = *current;
    if (bpm < d.min_bpm) d.min_bpm = bpm;
    if (bpm > d.max_bpm) d.max_bpm = bpm;
    d.sum += bpm;
    ++d.readings;
  };
  if (fitbit::name_ends_in(path, ".csv")) {
    std::vector<fitbit::WindowReading> readings;
    // Its rows left out are counted as Fitbit's unreadable readings are: in `problems`.
    if (Error e = fitbit::read_google_heart_rate(path, data, INT64_MIN, INT64_MAX, readings, problems)) return e;
    // In time order, so a second's readings are next to each other whatever order the sources'
    // rows came in; stable, so the first of them in the file is the one kept.
    const auto by_second = [](const fitbit::WindowReading& a, const fitbit::WindowReading& b) { return a.sec < b.sec; };
    if (!std::is_sorted(readings.begin(), readings.end(), by_second)) std::stable_sort(readings.begin(), readings.end(), by_second);
    // A JSON day file holds its UTC day, or its local day (Fitbit cuts them either way): the
    // readings of both spans are the JSON's. A day either side whole took the day after an older
    // export's last JSON day, which no other file holds (helper finding: a day lost unsaid).
    // The spans [from, to) once per file, in day order (so in start order too); a reading is
    // held when the last span starting at or before it reaches past it, or the one before that
    // (neighbouring days' spans overlap by at most the zone's offset).
    std::vector<std::pair<int64_t, int64_t>> spans;
    spans.reserve(json_days.size());
    for (int64_t d : json_days) {
      const int64_t start = d * 86400, end = start + 86400;
      spans.emplace_back(std::min(start, zone.to_utc(start).utc_sec), std::max(end, zone.to_utc(end).utc_sec));
    }
    const auto held_by_json = [&](int64_t sec) {
      auto it = std::upper_bound(spans.begin(), spans.end(), sec, [](int64_t t, const auto& sp) { return t < sp.first; });
      for (int k = 0; k < 2 && it != spans.begin(); ++k)
        if ((--it)->second > sec) return true;
      return false;
    };
    for (const fitbit::WindowReading& r : readings)
      if (spans.empty() || !held_by_json(r.sec)) add(r.sec, r.bpm);
  } else if (Error e = fitbit::read_heart_rate(path, data, padded, add, problems)) {
    return e;
  }
  fitbit::add_skipped_count(problems, path, beyond,
                            ("reading(s) on more local days than one heart-rate file holds (at most " +
                             std::to_string(kHeartRateFileDaysMax) + ") left out")
                                .c_str());
  return {};
}

TableCsv heart_rate_daily_csv(const HeartRateDays& days) {
  TableCsv t;
  t.path = "reference/heart_rate_daily.csv";
  t.text = "date,min_bpm,avg_bpm,max_bpm,readings\n";
  t.text.reserve(t.text.size() + days.size() * 32);
  const auto append_int = [&](int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    t.text.append(buf, static_cast<size_t>(r.ptr - buf));
  };
  for (const auto& [day, d] : days) {
    if (d.readings == 0) continue;
    t.text += fitbit::format_day(day);
    t.text += ',';
    append_int(d.min_bpm);
    t.text += ',';
    t.text += format_number(static_cast<double>(d.sum) / static_cast<double>(d.readings), 1);
    t.text += ',';
    append_int(d.max_bpm);
    t.text += ',';
    append_int(d.readings);
    t.text += '\n';
    ++t.rows;
    t.first_day = std::min(t.first_day, day);
    t.last_day = std::max(t.last_day, day);
  }
  return t;
}

}  // namespace ts::reference
