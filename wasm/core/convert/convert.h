// The whole conversion: a TSB1 bundle of export files + options in, a TSB1 bundle of outputs
// out (options slot empty):
//   manifest.json   what was written, from what, with which zone and unit, what was skipped
//   IMPORT.txt      how to import the files into Garmin Connect
//   weight/weight-001.fit, …   FIT weight files, at most `weightEntriesPerFile` weigh-ins each
// Same input and options give byte-identical output, whatever the order of the input files.
#pragma once
#include <string>

#include "core/common/status.h"
#include "core/convert/bundle.h"

namespace ts::convert {

inline constexpr const char* kGenerator = "TrackerSync core 1";

Error convert_export(const BundleView& in, std::string& out_bundle);

// The validation report (JSON) for the same input; options may be empty.
Error validate_export(const BundleView& in, std::string& out_json);

}  // namespace ts::convert
