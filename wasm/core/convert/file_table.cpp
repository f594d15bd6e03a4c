#include "core/convert/file_table.h"

#include <algorithm>
#include <numeric>

#include "core/common/byte_words.h"

namespace ts::convert {

FileTable FileTable::of(const BundleView& in) {
  FileTable t;
  t.by_name.resize(in.files.size());
  std::iota(t.by_name.begin(), t.by_name.end(), size_t{0});
  std::stable_sort(t.by_name.begin(), t.by_name.end(), [&](size_t a, size_t b) { return words::less(in.files[a].name, in.files[b].name); });
  t.kinds.reserve(in.files.size());
  for (const BundleFile& f : in.files) t.kinds.push_back(fitbit::classify_file(f.name));
  return t;
}

}  // namespace ts::convert
