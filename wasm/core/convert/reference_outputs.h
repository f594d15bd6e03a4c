// What Garmin Connect cannot import -> readable CSVs under reference/ (sleep, resting heart
// rate, a per-day heart-rate summary; other health CSVs copied as they are), each named in
// the manifest's `skipped` with why it was not converted.
#pragma once
#include "core/convert/health_outputs.h"
#include "core/reference/reference_table.h"

namespace ts::convert {

// A reader of one file into a table: reference::add_sleep_file, add_resting_hr_file.
using AddTableFile = Error (*)(std::string_view path, std::string_view data, bool padded, reference::ReferenceTable& table,
                               fitbit::Problems& problems);

// Reads `files` into `table`, listing what could not be read.
void read_table(const BundleView& in, const std::vector<size_t>& files, AddTableFile add, reference::ReferenceTable& table,
                fitbit::Problems& problems);

Error convert_reference(const BundleView& in, const HealthIndex& index, const tz::Zone& zone, HealthOutputs& out);

}  // namespace ts::convert
