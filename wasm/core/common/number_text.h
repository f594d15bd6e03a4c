// Numbers written as text in the core's CSV and JSON outputs. snprintf with the "C" locale
// (the only one the core has), so native and WASM write the same digits.
#pragma once
#include <string>

namespace ts::text {

// At most `decimals` places, trailing zeros dropped ("53.01", "54"); never "-0".
std::string format_number(double v, int decimals);

// Exactly `decimals` places, as snprintf's "%.*f" writes them ("3.10", "0.00", "-0.00"),
// appended to `out`.
void append_fixed(std::string& out, double v, int decimals);

}  // namespace ts::text
