// Each file of a bundle classified once, and the bundle's files in name order. The plan's
// readers (the weight side, the health index, the weight step's list) each classified every
// file and sorted every name on their own: three classifications and two sorts of ~2,000
// names in a ten-year plan, a tenth of its CPU once the exercise files came as digests.
#pragma once
#include <cstddef>
#include <vector>

#include "core/convert/bundle.h"
#include "core/fitbit/file_kinds.h"

namespace ts::convert {

struct FileTable {
  std::vector<size_t> by_name;           // indexes into the bundle's files, by name (stable: a repeated path keeps bundle order)
  std::vector<fitbit::FileClass> kinds;  // per file, in bundle order: classify_file's answer

  static FileTable of(const BundleView& in);
};

}  // namespace ts::convert
