#include "core/convert/file_table.h"

#include <algorithm>
#include <numeric>
#include <map>

#include "core/common/byte_words.h"
#include "core/convert/health_index.h"
#include "core/convert/light_files.h"
#include "core/fitbit/export_kinds.h"

namespace ts::convert {

namespace {

using fitbit::skipped;

// The copies of the same data after the first by name (file_table.h), in name order. `read`:
// a day's or a workout's copy read so far; an empty one gives way to the next copy that is not.
void skip_repeats(const BundleView& in, const FileSizes* sizes, FileTable& t) {
  std::map<int64_t, size_t> days, tracks;
  const auto empty = [&](size_t i) { return (sizes ? sizes->of(i, in.files[i]) : in.files[i].given_size()) == 0; };
  const auto keep_one = [&](std::map<int64_t, size_t>& read, int64_t key, size_t i) {
    auto [it, first] = read.emplace(key, i);
    if (first) return;
    if (empty(it->second) && !empty(i)) {
      t.kinds[it->second] = skipped(fitbit::SkipReason::repeated);
      it->second = i;
    } else {
      t.kinds[i] = skipped(fitbit::SkipReason::repeated);
    }
  };
  const std::string_view* previous = nullptr;
  for (size_t i : t.by_name) {
    const std::string_view& name = in.files[i].name;
    const bool again = previous != nullptr && *previous == name;
    previous = &name;
    fitbit::FileClass& c = t.kinds[i];
    if (!c.known) continue;  // skipped for its name already
    int64_t key;
    if (again) c = skipped(fitbit::SkipReason::repeated);  // a path is one file: its first copy
    else if (c.kind == fitbit::Kind::heart_rate) {
      if (!day_in_name(name, key)) c = skipped(fitbit::SkipReason::unnamed);
      else keep_one(days, key, i);
    } else if (c.kind == fitbit::Kind::tcx) {
      if (!fitbit::tcx_log_id(name, key)) c = skipped(fitbit::SkipReason::unnamed);
      else keep_one(tracks, key, i);
    }
  }
}

}  // namespace

FileTable FileTable::of(const BundleView& in, const FileSizes* sizes) {
  FileTable t;
  t.by_name.resize(in.files.size());
  std::iota(t.by_name.begin(), t.by_name.end(), size_t{0});
  std::stable_sort(t.by_name.begin(), t.by_name.end(), [&](size_t a, size_t b) { return words::less(in.files[a].name, in.files[b].name); });
  t.kinds.reserve(in.files.size());
  for (const BundleFile& f : in.files) t.kinds.push_back(fitbit::classify_file(f.name));
  skip_repeats(in, sizes, t);
  return t;
}

}  // namespace ts::convert
