#include "core/convert/reference_outputs.h"

#include <algorithm>

#include "core/common/blank_text.h"
#include "core/common/json_elements.h"
#include "core/convert/output_paths.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"

namespace ts::convert {

std::string_view folder_and_name(std::string_view name) {
  const size_t last = name.find_last_of('/');
  const size_t prev = last == std::string_view::npos || last == 0 ? std::string_view::npos : name.find_last_of('/', last - 1);
  return prev == std::string_view::npos ? fitbit::base_name(name) : name.substr(prev + 1);
}

namespace {

constexpr std::string_view kOtherDir = "reference/other/";

}  // namespace

void add_table(reference::TableCsv t, const char* why, HealthOutputs& out, const std::string& source) {
  if (t.empty()) return;
  ProducedFile pf;
  pf.path = t.path;
  pf.kind = "reference";
  pf.records = t.rows;
  pf.first = fitbit::format_day(t.first_day);
  pf.last = fitbit::format_day(t.last_day);
  pf.bytes = std::move(t.text);
  out.skipped.push_back(fitbit::not_converted(source, std::string(why) + "; your data is in " + t.path));
  out.files.push_back(std::move(pf));
}

bool copied_as_is(std::string_view path) { return fitbit::name_ends_in(path, ".csv") || fitbit::name_ends_in(path, ".json"); }

std::vector<std::string> other_output_paths(const std::vector<std::string_view>& names) {
  PathClaims claims;
  std::vector<std::string> out;
  out.reserve(names.size());
  for (std::string_view name : names)
    out.push_back(copied_as_is(name) ? claims.claim(std::string(kOtherDir) + safe_path(folder_and_name(name))) : std::string());
  return out;
}

void copy_other_health_file(std::string_view name, std::string_view data, const std::string& path, HealthOutputs& out) {
  if (!path.empty()) {
    ProducedFile pf;
    pf.path = path;
    pf.kind = "reference";
    pf.bytes = std::string(data);
    // A CSV's rows after its header, the last counted whether or not a line break ends it
    // (helper finding: most of one real export's CSVs end without one, and each was counted a
    // row short); a JSON array's elements (an empty file: none; a JSON of another shape: one).
    std::vector<json::ByteRange> elements;
    const bool blank = blank_text(data);
    if (!fitbit::name_ends_in(name, ".csv")) {
      pf.records = blank ? 0 : json::array_elements(data, elements) ? elements.size() : 1;
    } else {
      const std::ptrdiff_t lines = std::count(data.begin(), data.end(), '\n') + (!data.empty() && data.back() != '\n' ? 1 : 0);
      pf.records = static_cast<size_t>(std::max<std::ptrdiff_t>(0, lines - 1));
    }
    out.files.push_back(std::move(pf));
  }
  out.skipped.push_back(fitbit::not_converted(name, std::string("Garmin Connect's import page does not take this kind of data") +
                                                        (path.empty() ? "" : "; copied to " + path)));
}

void read_table(const BundleView& in, const std::vector<size_t>& files, AddTableFile add, reference::ReferenceTable& table,
                fitbit::Problems& problems) {
  for (size_t fi : files) {
    const BundleFile& f = in.files[fi];
    if (Error e = add(f.name, f.data, false, table, problems)) problems.push_back(fitbit::file_unread(f.name, e.message));
  }
}

}  // namespace ts::convert
