#include "core/convert/reference_outputs.h"

#include <algorithm>

#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"

namespace ts::convert {

namespace {

void add_table(const reference::ReferenceTable& t, const char* why, HealthOutputs& out, const std::string& source) {
  if (t.empty()) return;
  ProducedFile pf;
  pf.path = t.path;
  pf.kind = "reference";
  pf.records = t.rows.size();
  pf.first = fitbit::format_day(t.first_day);
  pf.last = fitbit::format_day(t.last_day);
  pf.bytes = t.csv();
  out.skipped.push_back(fitbit::not_converted(source, std::string(why) + "; your data is in " + t.path));
  out.files.push_back(std::move(pf));
  ++out.reference_files;
}

// "…/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv" -> its folder and name.
std::string_view folder_and_name(std::string_view name) {
  const size_t last = name.find_last_of('/');
  const size_t prev = last == std::string_view::npos || last == 0 ? std::string_view::npos : name.find_last_of('/', last - 1);
  return prev == std::string_view::npos ? fitbit::base_name(name) : name.substr(prev + 1);
}

// Other health data: CSVs are already readable and are handed back as they are.
void copy_other_health_files(const BundleView& in, const HealthIndex& index, HealthOutputs& out) {
  for (size_t fi : index.not_importable) {
    const BundleFile& f = in.files[fi];
    const std::string_view name = f.name;
    const std::string_view tail = folder_and_name(name);
    const bool csv = name.size() > 4 && name.substr(name.size() - 4) == ".csv";
    if (csv) {
      ProducedFile pf;
      pf.path = "reference/other/" + std::string(tail);
      pf.kind = "reference";
      pf.bytes = std::string(f.data);
      pf.records = static_cast<size_t>(std::max<std::ptrdiff_t>(0, std::count(f.data.begin(), f.data.end(), '\n') - 1));
      out.files.push_back(std::move(pf));
      ++out.reference_files;
    }
    out.skipped.push_back(fitbit::not_converted(name, std::string("Garmin Connect's import page does not take this kind of data") +
                                                          (csv ? "; copied to reference/other/" + std::string(tail) : "")));
  }
}

}  // namespace

void read_table(const BundleView& in, const std::vector<size_t>& files, AddTableFile add, reference::ReferenceTable& table,
                fitbit::Problems& problems) {
  for (size_t fi : files) {
    const BundleFile& f = in.files[fi];
    if (Error e = add(f.name, f.data, false, table, problems)) problems.push_back(fitbit::file_unread(f.name, e.message));
  }
}

Error convert_reference(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, HealthOutputs& out) {
  auto sleep = reference::make_sleep_table();
  read_table(in, index.sleep, reference::add_sleep_file, sleep, out.skipped);
  add_table(sleep, "Garmin Connect cannot import sleep", out, files_of("sleep-*.json", index.sleep.size()));

  auto rhr = reference::make_resting_hr_table();
  read_table(in, index.resting_hr, reference::add_resting_hr_file, rhr, out.skipped);
  add_table(rhr, "Garmin Connect cannot import resting heart rate", out, files_of("resting_heart_rate-*.json", index.resting_hr.size()));

  reference::HeartRateDays hr;
  // Unreadable readings are not listed: the summary counts the readings it has, and
  // ts_inspect_file counts the rest.
  fitbit::Problems unread_readings;
  for (const auto& kv : index.heart_rate) {
    const BundleFile& f = in.files[kv.second];
    if (Error e = reference::add_heart_rate_file(f.name, f.data, false, zone, hr, unread_readings))
      out.skipped.push_back(fitbit::file_unread(f.name, e.message));
  }
  add_table(reference::heart_rate_daily_table(hr),
            "Garmin Connect cannot import heart-rate history (a per-day summary is written; workouts carry their own heart rate)",
            out, files_of("heart_rate-*.json", index.heart_rate.size()));

  copy_other_health_files(in, index, out);
  return {};
}

}  // namespace ts::convert
