// Adapters for conversion (core/convert). Binary framing: TSB1 (core/convert/bundle.h).
#pragma once
#include "boundary/abi.h"

namespace ts::api {

// TSB1 (options + export files) -> TSB1 (manifest.json, IMPORT.txt, outputs). See convert.h.
Error convert(boundary::Input in, std::string& out);

// TSB1 (options may be empty + export files) -> JSON report: kinds with counts and ranges,
// Profile.csv's zone, the weight unit with evidence, the UTC range whose transitions
// ts_convert needs, problems per file, files not imported.
Error validate(boundary::Input in, std::string& out);

// JSON {"options":{…convert options…},"files":[{"name":path,"text":contents}]} ->
//   {"source":…, "weightUnit":{…}, "entries":[{"utc":"…Z","kg":72.5,"fat"?:…,"bmi"?:…}],
//    "zoneEvidence":{…}, "zoneInEffect"?:[[utcSec,offsetSec],…], "skipped":[…], "warnings":[…]}
// "zoneInEffect": the zone local times are read in, when the export shows UTC offsets of its
// own (the plan's, convert/plan.cpp zone_members): the page dates its workout list in it.
// The weigh-ins exactly as the FIT files will hold them (values at FIT resolution), for the
// web UI's preview and for the shared DST and unit case tables.
Error weight_preview(boundary::Input in, std::string& out);

// JSON {"timeZone":{"transitions":[[utcSec,offsetSec],…]},"local":"YYYY-MM-DDTHH:MM:SS"} ->
//   {"utc":"…Z","offset":sec,"kind":"unique"|"nonexistent"|"ambiguous"}
Error tz_resolve(boundary::Input in, std::string& out);

}  // namespace ts::api
