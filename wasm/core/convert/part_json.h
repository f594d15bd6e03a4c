// Writing the pieces of a step's part.json (steps.h describes the format) that more than one
// step kind writes, in the same words the manifest uses.
#pragma once
#include <string>
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/health_outputs.h"
#include "core/fitbit/problem.h"

namespace ts::convert {

// One manifest "files" entry: {"path","kind","records","first"?,"last"?,…extra}.
void append_manifest_entry(std::string& out, const ProducedFile& f);

// A step's outputs: its part.json first, then its files in order (download order).
void add_step_outputs(BundleWriter& out, const std::string& part_json, const std::vector<ProducedFile>& files);

// The common head of a part: {"kind":…,"files":[…],"skipped":[…],"warnings":[…] (no closing
// brace: the kind's own members follow).
void open_part(std::string& out, const char* kind, const std::vector<ProducedFile>& files, const fitbit::Problems& skipped,
               const std::vector<std::string>& warnings);

// A double that reads back to the same bits (%.17g): partial sums cross from steps to assembly.
void append_exact(std::string& out, double v);

}  // namespace ts::convert
