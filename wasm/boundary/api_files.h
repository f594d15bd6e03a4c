// Adapters for the export-file vocabulary (core/fitbit/file_kinds.h): the one classifier the
// CLI, the Worker's upload route and the page all run.
#pragma once
#include "boundary/abi.h"

namespace ts::api {

// (no input) -> {"kinds":[{"kind","pattern","report","output","convert","usedBy":[…]}, …],
//                "convertOptions":["weight","workouts","daily","reference"],
//                "skipReasons":[{"code","reason"}, …]}
Error file_kinds(boundary::Input in, std::string& out);

// Paths separated by NUL bytes (a listing can hold tens of thousands: no JSON to parse, and
// NUL is the one byte no path holds) -> {"kinds":[kind id or null, one per path, in order],
// "skipped":[{"code","reason","files","paths"}, …]} (convert/report_json.h's skippedFiles).
Error classify_paths(boundary::Input in, std::string& out);

}  // namespace ts::api
