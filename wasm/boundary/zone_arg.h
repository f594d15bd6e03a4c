// Reads the "timeZone" option ({"name", "transitions": [[utcSec, offsetSec], …]}) into the
// core's UtcOffsets. Absent -> UTC.
#pragma once
#include <string>

#include "core/common/status.h"
#include "core/common/utc_offsets.h"
#include "simdjson.h"

namespace ts::boundary {

Error read_time_zone(simdjson::dom::object options, UtcOffsets& out, std::string& name);

}  // namespace ts::boundary
