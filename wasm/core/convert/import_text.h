// IMPORT.txt: how to import a conversion's files into Garmin Connect, by folder.
#pragma once
#include <cstddef>
#include <string>

namespace ts::convert {

struct OutputCounts {
  size_t weight_files = 0, activities = 0, daily_files = 0, reference_files = 0;
};

std::string import_text(const OutputCounts& n);

}  // namespace ts::convert
