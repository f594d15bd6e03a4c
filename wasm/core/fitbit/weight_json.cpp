#include "core/fitbit/weight_json.h"

#include <cmath>

#include "core/common/civil_time.h"

namespace ts::fitbit {

namespace {
bool parse_uint(std::string_view s, unsigned& out) {
  if (s.empty() || s.size() > 4) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  return true;
}

// Splits "a<sep>b<sep>c" into exactly `n` parts.
bool split(std::string_view s, char sep, std::string_view* parts, int n) {
  for (int i = 0; i < n; ++i) {
    const size_t p = s.find(sep);
    if (i == n - 1) {
      if (p != std::string_view::npos) return false;
      parts[i] = s;
    } else {
      if (p == std::string_view::npos) return false;
      parts[i] = s.substr(0, p);
      s.remove_prefix(p + 1);
    }
  }
  return true;
}

void note(Problems& problems, std::string_view path, int64_t index, std::string reason) {
  problems.push_back(Problem{std::string(path), index, std::move(reason)});
}

// An optional positive number: absent, null and 0 are all "not measured".
bool optional_positive(simdjson::dom::object obj, std::string_view key, std::optional<double>& out, bool& bad) {
  simdjson::dom::element e;
  bad = false;
  if (obj[key].get(e) || e.is_null()) return false;
  double v = 0;
  if (e.get_double().get(v) || !std::isfinite(v) || v < 0) {
    bad = true;
    return false;
  }
  if (v == 0) return false;
  out = v;
  return true;
}
}  // namespace

bool parse_fitbit_local(std::string_view date, std::string_view time, int64_t& local_sec) {
  std::string_view d[3], t[3];
  civil::DateTime dt{};
  unsigned year = 0;
  if (!split(date, '/', d, 3) || !parse_uint(d[0], dt.month) || !parse_uint(d[1], dt.day) || !parse_uint(d[2], year))
    return false;
  if (d[2].size() == 2) year += 2000;
  else if (d[2].size() != 4) return false;
  dt.year = year;
  if (split(time, ':', t, 3)) {
    if (!parse_uint(t[0], dt.hour) || !parse_uint(t[1], dt.minute) || !parse_uint(t[2], dt.second)) return false;
  } else if (split(time, ':', t, 2)) {
    if (!parse_uint(t[0], dt.hour) || !parse_uint(t[1], dt.minute)) return false;
  } else {
    return false;
  }
  if (!civil::valid(dt)) return false;
  local_sec = civil::to_seconds(dt);
  return true;
}

void read_weight_json(simdjson::dom::parser& parser, std::string_view path, uint32_t file_no,
                      std::string_view data, std::vector<WeightLog>& out, Problems& problems) {
  simdjson::dom::element doc;
  // The bundle's files are not padded for simdjson, so let it copy into a padded buffer.
  if (parser.parse(data.data(), data.size(), true).get(doc)) {
    note(problems, path, -1, "not valid JSON");
    return;
  }
  simdjson::dom::array records;
  if (doc.get_array().get(records)) {
    note(problems, path, -1, "not a JSON array of weight records");
    return;
  }
  int64_t index = -1;
  for (simdjson::dom::element rec : records) {
    ++index;
    simdjson::dom::object obj;
    if (rec.get_object().get(obj)) {
      note(problems, path, index, "record is not a JSON object");
      continue;
    }
    WeightLog log;
    log.file = file_no;
    log.index = static_cast<uint32_t>(index);
    double w = 0;
    if (obj["weight"].get_double().get(w) || !std::isfinite(w) || w <= 0) {
      note(problems, path, index, "field 'weight' is missing or not a positive number");
      continue;
    }
    log.weight = w;
    std::string_view date, time;
    if (obj["date"].get_string().get(date) || obj["time"].get_string().get(time)) {
      note(problems, path, index, "field 'date' or 'time' is missing");
      continue;
    }
    if (!parse_fitbit_local(date, time, log.local_sec)) {
      note(problems, path, index, "field 'date' or 'time' is not MM/DD/YY HH:MM:SS");
      continue;
    }
    bool bad = false;
    optional_positive(obj, "bmi", log.bmi, bad);
    if (bad) note(problems, path, index, "field 'bmi' is not a number; left out");
    optional_positive(obj, "fat", log.fat, bad);
    if (bad) note(problems, path, index, "field 'fat' is not a number; left out");
    out.push_back(log);
  }
}

}  // namespace ts::fitbit
