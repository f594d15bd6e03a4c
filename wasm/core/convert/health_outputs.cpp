#include "core/convert/health_outputs.h"

namespace ts::convert {

std::string files_of(const char* pattern, size_t n) { return std::string(pattern) + " (" + std::to_string(n) + " file(s))"; }

}  // namespace ts::convert
