// JSON fragments that the manifest, the validation report and the preview share, so the
// same fact is always written the same way.
#pragma once
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/fitbit/problem.h"
#include "core/weight/unit_detect.h"
#include "core/weight/weight_entries.h"

namespace ts::convert {

// {"value":"lb","decidedBy":"bmi","evidence":[{"source":"bmi","kg":0,"lb":12,"of":12,"verdict":"lb"}]}
void write_unit(json::Writer& w, const weight::UnitDecision& d);

// [{"source":path,"index":n,"reason":…}, …, {"source":"dir/","files":n,"reason":…}]: record
// problems, then files no reader claims, grouped by folder (an export has thousands).
void write_skipped(json::Writer& w, const fitbit::Problems& problems, const std::vector<std::string>& unknown);

// ["…", …]
void write_strings(json::Writer& w, const std::vector<std::string>& items);

// Warnings a conversion of weight carries (duplicates, DST readings, overrides).
void weight_warnings(const weight::UnitDecision& unit, const weight::WeighIns& w, std::vector<std::string>& out);

}  // namespace ts::convert
