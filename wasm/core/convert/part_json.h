// Writing the pieces of a step's part.json (steps.h describes the format) that more than one
// step kind writes, in the same words the manifest uses.
#pragma once
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/convert/bundle.h"
#include "core/convert/health_outputs.h"
#include "core/fitbit/problem.h"

namespace ts::convert {

// One manifest "files" entry: {"path","kind","records","first"?,"last"?,…extra}.
void write_file_entry(json::Writer& w, const ProducedFile& f);

// A step's outputs: its part.json first, then its files in order (download order).
void add_step_outputs(BundleWriter& out, const std::string& part_json, const std::vector<ProducedFile>& files);

// Opens a part: {"kind":…,"files":[…],"skipped":[…],"warnings":[…],"outputBytes":n — the
// kind's own members follow, then end().
void open_part(json::Writer& w, const char* kind, const HealthOutputs& outputs);

}  // namespace ts::convert
