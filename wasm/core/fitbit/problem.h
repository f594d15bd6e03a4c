// A record or file the readers could not use, said in words a person can act on. It names
// the file and the record's index, never the record's values (they are personal data).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ts::fitbit {

struct Problem {
  std::string file;
  int64_t index = -1;  // record index within the file; -1 for the file as a whole
  std::string reason;
};

using Problems = std::vector<Problem>;

}  // namespace ts::fitbit
