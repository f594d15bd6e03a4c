// Which zone a plan was made with, where that matters: an export that shows UTC offsets of its
// own (weigh-ins in both weight.csv and the weight JSON) has them weighed against the options'
// zone at plan time — the zone in effect handed to steps (steps.h "zoneInEffect"), the zone
// evidence and its warnings in the plan's part. A step or an assembly run with another zone
// than the plan's would silently follow neither, so both refuse it, saying to plan with the
// conversion's own options.
//   "plannedZone": {"name": zone name | null, "explicit": bool} | null (the plan had no zone)
#pragma once
#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/convert/options.h"
#include "simdjson.h"

namespace ts::convert {

// Writes the "plannedZone" member (into an open object).
void write_planned_zone(json::Writer& w, const Options& plan_options);

// OK when `holder` (a step object, the plan's part) has no "plannedZone" or the one the
// options give; otherwise invalid_argument, `who` ("option 'step'", "the plan's part") first.
Error check_planned_zone(simdjson::dom::element holder, const Options& options, const char* who);

}  // namespace ts::convert
