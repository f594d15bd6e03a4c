// Decimal numbers written as text in CSVs ("65000.0", "-3", "1e3"). Locale-free, so native
// and WASM read the same digits the same way.
#pragma once
#include <string_view>

namespace ts::fitbit {

// Whole-string match; false for empty, trailing garbage, inf or nan.
bool parse_decimal(std::string_view s, double& out);

}  // namespace ts::fitbit
