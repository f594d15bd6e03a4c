// The fast path of the weight reader (weight_json.h): one forward pass over a weight file in
// exactly the shape Fitbit writes — an ASCII array of flat objects whose values are strings
// without escapes, plain decimal numbers, null, true or false — with every record usable.
// In that shape it gives what the simdjson reader gives (the same records, values and order;
// tests/cpp/weight_scan_test.cpp compares the two on every file of a generated history and on
// variations, and the weight fuzz target compares them on every input). On anything else —
// a nested value, an escape, a number with a sign or an exponent, a non-ASCII byte, a record
// with a problem — it gives up without appending anything, and the simdjson reader reads the
// file (which reports the problem).
//
// Why a scan of our own in front of simdjson: in WebAssembly simdjson has no SIMD kernel, and
// its portable stage 1 (finding every structural character) plus the On-Demand walk cost
// about two thirds of a weight conversion. This pass reads each byte once and builds nothing.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/fitbit/weight_json.h"

namespace ts::fitbit {

// Appends the file's records to `out` and returns true, or returns false with `out` (and
// `sources`) as they were. `sources`, when given, collects each record's `source` as the
// simdjson reader does.
bool scan_weight_json(std::string_view data, uint32_t file_no, std::vector<WeightLog>& out, SourceNames* sources = nullptr);

// The simdjson reader alone: read_weight_json when the scan gives up, and the reference the
// scan is compared with (tests, the weight fuzz target).
void read_weight_json_simdjson(simdjson::ondemand::parser& parser, std::string_view path, uint32_t file_no,
                               std::string_view data, bool padded, std::vector<WeightLog>& out, Problems& problems,
                               SourceNames* sources = nullptr);

}  // namespace ts::fitbit
