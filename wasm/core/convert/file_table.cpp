#include "core/convert/file_table.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "core/common/byte_words.h"
#include "core/convert/health_index.h"
#include "core/fitbit/export_kinds.h"

namespace ts::convert {

namespace {

using fitbit::skipped;

// The copies of the same data after the first by name (file_table.h), in name order.
void skip_repeats(const BundleView& in, FileTable& t) {
  std::set<int64_t> days, tracks;
  const std::string_view* previous = nullptr;
  for (size_t i : t.by_name) {
    const std::string_view& name = in.files[i].name;
    const bool again = previous != nullptr && *previous == name;
    previous = &name;
    fitbit::FileClass& c = t.kinds[i];
    if (!c.known) continue;  // skipped for its name already
    int64_t key;
    if (again) c = skipped(fitbit::SkipReason::repeated);
    else if (c.kind == fitbit::Kind::heart_rate)
      c = !day_in_name(name, key) ? skipped(fitbit::SkipReason::unnamed)
          : !days.insert(key).second ? skipped(fitbit::SkipReason::repeated) : c;
    else if (c.kind == fitbit::Kind::tcx)
      c = !fitbit::tcx_log_id(name, key) ? skipped(fitbit::SkipReason::unnamed)
          : !tracks.insert(key).second ? skipped(fitbit::SkipReason::repeated) : c;
  }
}

}  // namespace

FileTable FileTable::of(const BundleView& in) {
  FileTable t;
  t.by_name.resize(in.files.size());
  std::iota(t.by_name.begin(), t.by_name.end(), size_t{0});
  std::stable_sort(t.by_name.begin(), t.by_name.end(), [&](size_t a, size_t b) { return words::less(in.files[a].name, in.files[b].name); });
  t.kinds.reserve(in.files.size());
  for (const BundleFile& f : in.files) t.kinds.push_back(fitbit::classify_file(f.name));
  skip_repeats(in, t);
  return t;
}

}  // namespace ts::convert
