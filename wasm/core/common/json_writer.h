// Writing JSON text by hand (the core's outputs are small and their key order is part of
// the byte-identical-output promise, so they are written in a fixed order, not from a map).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ts::json {

// Appends `s` as a JSON string literal (quotes and escapes included).
void append_string(std::string& out, std::string_view s);
// Appends a finite double with up to 10 significant digits ("72.5", "0.01", "1500").
void append_number(std::string& out, double v);
void append_int(std::string& out, int64_t v);

}  // namespace ts::json
