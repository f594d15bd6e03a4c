// One output file of a conversion, as the manifest lists it.
#pragma once
#include <cstddef>
#include <string>

namespace ts::convert {

struct ProducedFile {
  std::string path;
  std::string kind;      // "weight", "activity", "daily", "reference"
  size_t records = 0;
  std::string first, last;  // ISO UTC times, or local dates for daily/reference files
  std::string extra;        // kind-specific manifest members, written by json::Writer::into_members
  std::string bytes;
};

}  // namespace ts::convert
