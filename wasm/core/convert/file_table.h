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

class FileSizes;  // light_files.h

// Which copy is read when an export holds the same data twice is decided here too, once for
// every reader (the report, the plan, the steps), so that none reads a copy another leaves out:
// a path seen before (a file dropped twice, Takeout parts that overlap), a second heart-rate
// file for a day and a second track for a workout (the same file under another folder) are
// skipped as `repeated`, and the largest copy is read, the first by name of those as large (an
// export whose track came out empty, or a month of weigh-ins as `[]`, in one Takeout part and
// whole in another: which part comes first must not decide what is converted; the plan knows
// only the sizes of the files it does not read, so size decides); a
// heart-rate file or track whose name
// carries no day or logId, which is how each is found, is skipped as `unnamed`. Each is named
// in the report's skipped files with its reason. Before, the report read every copy while the
// steps read the first (a weigh-in counted and then not converted), and a repeated exercise
// file failed the conversion (its records' places came from one copy, its step read the other).
struct FileTable {
  std::vector<size_t> by_name;           // indexes into the bundle's files, by name (stable: a repeated path keeps bundle order)
  std::vector<fitbit::FileClass> kinds;  // per file, in bundle order: classify_file's answer, or skipped as above

  // sizes: the files' sizes where the bundle carries a file without its bytes (the plan's
  // "sizes"); without it, the data's length.
  static FileTable of(const BundleView& in, const FileSizes* sizes = nullptr);
};

}  // namespace ts::convert
