// Reference steps: what Garmin Connect cannot import, one file (or, for the small resting
// heart-rate files, one kind) per step. Sleep and resting heart rate hand their rows to
// assembly, which writes each table once (the first of a repeated key wins, in plan order);
// heart-rate days hand per-local-day minimum, maximum, sum and count; other CSVs are copied.
#include <algorithm>

#include "core/common/json_text.h"
#include "core/convert/part_json.h"
#include "core/convert/step_input.h"
#include "core/fitbit/export_paths.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"

namespace ts::convert {

namespace {

template <typename Add>
void read_each(const BundleView& in, fitbit::Problems& skipped, Add&& add) {
  for (const BundleFile& f : in.files) {
    int64_t bad = 0;
    if (Error e = add(f, bad)) skipped.push_back({std::string(f.name), -1, e.message});
    else if (bad) skipped.push_back({std::string(f.name), -1, std::to_string(bad) + " record(s) not readable"});
  }
}

std::string rows_part(const char* kind, const reference::ReferenceTable& t, const fitbit::Problems& skipped) {
  std::string part;
  open_part(part, kind, {}, skipped, {});
  part += ",\"rows\":[";
  bool first = true;
  for (const auto& [key, row] : t.rows) {
    if (!first) part += ",";
    first = false;
    part += "[";
    json::append_string(part, key);
    part += ",";
    json::append_string(part, row);
    part += "]";
  }
  part += "]";
  if (!t.empty()) part += ",\"firstDay\":" + std::to_string(t.first_day) + ",\"lastDay\":" + std::to_string(t.last_day);
  return part + "}";
}

}  // namespace

Error sleep_step(StepInput& s, BundleWriter& out) {
  auto table = reference::make_sleep_table();
  fitbit::Problems skipped;
  read_each(s.files, skipped, [&](const BundleFile& f, int64_t& bad) { return reference::add_sleep_file(f.data, false, table, bad); });
  add_step_outputs(out, rows_part("sleep", table, skipped), {});
  return {};
}

Error resting_hr_step(StepInput& s, BundleWriter& out) {
  auto table = reference::make_resting_hr_table();
  fitbit::Problems skipped;
  read_each(s.files, skipped, [&](const BundleFile& f, int64_t& bad) { return reference::add_resting_hr_file(f.data, false, table, bad); });
  add_step_outputs(out, rows_part("resting_hr", table, skipped), {});
  return {};
}

Error heart_rate_step(StepInput& s, BundleWriter& out) {
  reference::HeartRateDays days;
  fitbit::Problems skipped;
  for (const BundleFile& f : s.files.files) {
    int64_t bad = 0;
    if (Error e = reference::add_heart_rate_file(f.data, false, *s.zone, days, bad)) skipped.push_back({std::string(f.name), -1, e.message});
  }
  std::string part;
  open_part(part, "heart_rate", {}, skipped, {});
  part += ",\"hrDays\":[";
  bool first = true;
  for (const auto& [day, d] : days) {
    if (d.readings == 0) continue;
    if (!first) part += ",";
    first = false;
    part += "[" + std::to_string(day) + "," + std::to_string(d.min_bpm) + "," + std::to_string(d.max_bpm) + "," +
            std::to_string(d.sum) + "," + std::to_string(d.readings) + "]";
  }
  part += "]}";
  add_step_outputs(out, part, {});
  return {};
}

// Other health data: CSVs are already readable and are handed back as they are.
Error other_step(StepInput& s, BundleWriter& out) {
  std::vector<ProducedFile> files;
  fitbit::Problems skipped;
  for (const BundleFile& f : s.files.files) {
    const std::string_view name = f.name;
    const size_t last = name.find_last_of('/');
    const size_t prev = last == std::string_view::npos || last == 0 ? std::string_view::npos : name.find_last_of('/', last - 1);
    const std::string_view tail = prev == std::string_view::npos ? fitbit::base_name(name) : name.substr(prev + 1);
    ProducedFile pf;
    pf.path = "reference/other/" + std::string(tail);
    pf.kind = "reference";
    pf.bytes = std::string(f.data);
    pf.records = static_cast<size_t>(std::max<std::ptrdiff_t>(0, std::count(f.data.begin(), f.data.end(), '\n') - 1));
    files.push_back(std::move(pf));
    skipped.push_back({std::string(name), -1,
                       "Garmin Connect's import page does not take this kind of data; copied to reference/other/" + std::string(tail)});
  }
  std::string part;
  open_part(part, "other", files, skipped, {});
  part += "}";
  add_step_outputs(out, part, files);
  return {};
}

}  // namespace ts::convert
