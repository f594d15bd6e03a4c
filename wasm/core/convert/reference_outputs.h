// What Garmin Connect cannot import -> readable CSVs under reference/ (sleep, resting heart
// rate, a per-day heart-rate summary; other health CSVs copied as they are), each named in
// the manifest's `skipped` with why it was not converted.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/health_outputs.h"
#include "core/fitbit/problem.h"
#include "core/reference/reference_table.h"

namespace ts::convert {

// A reader of one file into a table: reference::add_sleep_file, add_resting_hr_file.
using AddTableFile = Error (*)(std::string_view path, std::string_view data, bool padded, reference::ReferenceTable& table,
                               fitbit::Problems& problems);

// Reads `files` into `table`, listing what could not be read.
void read_table(const BundleView& in, const std::vector<size_t>& files, AddTableFile add, reference::ReferenceTable& table,
                fitbit::Problems& problems);

// A table's CSV under reference/ (when it has rows) and the manifest's note of why: `source`
// names the files it came from.
void add_table(reference::TableCsv t, const char* why, HealthOutputs& out, const std::string& source);

// Other health data: a CSV or JSON (VO2 max, heart-rate zones, …) is already readable and is
// handed back as it is, under its folder and name — made safe, and numbered when two would
// share a path (output_paths.h). The plan decides every copy's path at once
// (other_output_paths, in name order: "" for a file that is neither), so no grouping of steps
// can change a path or make two share one.
std::vector<std::string> other_output_paths(const std::vector<std::string_view>& names);

// "…/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-25.csv" -> "Oxygen Saturation (SpO2)/Minute
// SpO2 - 2023-01-25.csv": what a copy is named under reference/other/, and what makes two
// other-health files under different roots the same file (file_table.cpp).
std::string_view folder_and_name(std::string_view name);

// Copies one file to `path` (none when empty); either way the manifest says Garmin's import
// does not take it.
void copy_other_health_file(std::string_view name, std::string_view data, const std::string& path, HealthOutputs& out);
// Whether a file is copied: its name ends in ".csv" or ".json", in any letter case.
bool copied_as_is(std::string_view path);

}  // namespace ts::convert
