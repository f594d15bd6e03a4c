// Reads the "timeZone" member ({"name", "transitions": [[utcSec, offsetSec], …]}) of a JSON
// request into a tz::Zone. Absent -> UTC (one transition at offset 0).
#pragma once
#include "core/common/status.h"
#include "core/tz/transitions.h"
#include "simdjson.h"

namespace ts::boundary {

Error read_time_zone(simdjson::dom::object request, tz::Zone& out);

}  // namespace ts::boundary
