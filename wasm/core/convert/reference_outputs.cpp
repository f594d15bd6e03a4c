#include "core/convert/reference_outputs.h"

#include <algorithm>

#include "core/convert/output_paths.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"

namespace ts::convert {

namespace {

// "…/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv" -> its folder and name.
std::string_view folder_and_name(std::string_view name) {
  const size_t last = name.find_last_of('/');
  const size_t prev = last == std::string_view::npos || last == 0 ? std::string_view::npos : name.find_last_of('/', last - 1);
  return prev == std::string_view::npos ? fitbit::base_name(name) : name.substr(prev + 1);
}

}  // namespace

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
}

<<<<<<< ours
// "…/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv" -> its folder and name.
std::string_view folder_and_name(std::string_view name) {
  const size_t last = name.find_last_of('/');
  const size_t prev = last == std::string_view::npos || last == 0 ? std::string_view::npos : name.find_last_of('/', last - 1);
  return prev == std::string_view::npos ? fitbit::base_name(name) : name.substr(prev + 1);
}

constexpr std::string_view kOtherDir = "reference/other/";

// Other health data: CSVs are already readable and are handed back as they are, under their
// folder and name — made safe, and numbered when two would share a path (output_paths.h).
void copy_other_health_files(const BundleView& in, const HealthIndex& index, HealthOutputs& out) {
  PathClaims claims;
  for (size_t fi : index.not_importable) {
    const BundleFile& f = in.files[fi];
    const std::string_view name = f.name;
    const bool csv = name.size() > 4 && name.substr(name.size() - 4) == ".csv";
    const std::string path = csv ? claims.claim(std::string(kOtherDir) + safe_path(folder_and_name(name))) : "";
    if (csv) {
      ProducedFile pf;
      pf.path = path;
      pf.kind = "reference";
      pf.bytes = std::string(f.data);
      pf.records = static_cast<size_t>(std::max<std::ptrdiff_t>(0, std::count(f.data.begin(), f.data.end(), '\n') - 1));
      out.files.push_back(std::move(pf));
      ++out.reference_files;
    }
    out.skipped.push_back(fitbit::not_converted(name, std::string("Garmin Connect's import page does not take this kind of data") +
                                                          (csv ? "; copied to " + path : "")));
=======
bool is_csv(std::string_view path) { return path.size() > 4 && path.substr(path.size() - 4) == ".csv"; }

void copy_other_health_file(std::string_view name, std::string_view data, HealthOutputs& out) {
  const std::string_view tail = folder_and_name(name);
  const bool csv = is_csv(name);
  if (csv) {
    ProducedFile pf;
    pf.path = "reference/other/" + std::string(tail);
    pf.kind = "reference";
    pf.bytes = std::string(data);
    pf.records = static_cast<size_t>(std::max<std::ptrdiff_t>(0, std::count(data.begin(), data.end(), '\n') - 1));
    out.files.push_back(std::move(pf));
>>>>>>> theirs
  }
  out.skipped.push_back(fitbit::not_converted(name, std::string("Garmin Connect's import page does not take this kind of data") +
                                                        (csv ? "; copied to reference/other/" + std::string(tail) : "")));
}

void read_table(const BundleView& in, const std::vector<size_t>& files, AddTableFile add, reference::ReferenceTable& table,
                fitbit::Problems& problems) {
  for (size_t fi : files) {
    const BundleFile& f = in.files[fi];
    if (Error e = add(f.name, f.data, false, table, problems)) problems.push_back(fitbit::file_unread(f.name, e.message));
  }
}

}  // namespace ts::convert
