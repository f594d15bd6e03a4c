#include "core/convert/file_table.h"

#include <algorithm>
#include <numeric>
#include <map>

#include "core/common/byte_words.h"
#include "core/convert/health_index.h"
#include "core/convert/light_files.h"
#include "core/convert/reference_outputs.h"
#include "core/fitbit/export_kinds.h"

namespace ts::convert {

namespace {

using fitbit::skipped;

// The copies of the same data after the first by name (file_table.h), in name order: the
// largest copy is read, the first of those as large. `read`: a day's or a
// workout's copy read so far (keyed by the day or logId its name carries, whatever its folder).
void skip_repeats(const BundleView& in, const FileSizes* sizes, FileTable& t) {
  // Google's per-second day files: a day's copies of one kind (positions, cadence, …).
  std::map<fitbit::Kind, std::map<int64_t, size_t>> google_days;
  std::map<int64_t, size_t> days, tracks;
  std::map<std::pair<std::string_view, uint64_t>, size_t> others;  // (folder and name, size) -> the copy read
  const auto size_of = [&](size_t i) -> uint64_t { return sizes ? sizes->of(i, in.files[i]) : in.files[i].given_size(); };
  // Of two copies of the same data, `kept` (read so far) and `i`: the one read after them both.
  const auto keep_one = [&](size_t kept, size_t i) {
    if (size_of(i) > size_of(kept)) {
      t.kinds[kept] = skipped(fitbit::SkipReason::repeated);
      return i;
    }
    t.kinds[i] = skipped(fitbit::SkipReason::repeated);
    return kept;
  };
  const auto keep_keyed = [&](std::map<int64_t, size_t>& read, int64_t key, size_t i) {
    auto [it, first] = read.emplace(key, i);
    if (!first) it->second = keep_one(it->second, i);
  };
  const std::string_view* previous = nullptr;
  size_t path_read = 0;  // of the copies of the current path, the one read so far
  for (size_t i : t.by_name) {
    const std::string_view& name = in.files[i].name;
    const bool again = previous != nullptr && *previous == name;
    previous = &name;
    fitbit::FileClass& c = t.kinds[i];
    if (!c.known) continue;  // skipped for its name already (every copy of a path alike)
    int64_t key;
    // A day's heart rate or positions and a workout's track are found by the day or logId in
    // their names, so their copies are weighed by that key (a copy in another folder too); a
    // path seen before is one file whatever its kind, with the same rule.
    const fitbit::HealthFileKind hk = fitbit::health_kind_of(c);
    const bool google_day = hk == fitbit::HealthFileKind::gps_location || hk == fitbit::HealthFileKind::cadence ||
                            hk == fitbit::HealthFileKind::live_pace || hk == fitbit::HealthFileKind::running_dynamics ||
                            hk == fitbit::HealthFileKind::heart_rate_csv;
    if (c.kind == fitbit::Kind::heart_rate || c.kind == fitbit::Kind::tcx || google_day) {
      const bool named = c.kind == fitbit::Kind::heart_rate ? day_in_name(name, key)
                         : c.kind == fitbit::Kind::tcx      ? fitbit::tcx_log_id(name, key)
                                                            : csv_day_in_name(name, key);
      if (!named) c = skipped(again ? fitbit::SkipReason::repeated : fitbit::SkipReason::unnamed);
      else
        keep_keyed(c.kind == fitbit::Kind::heart_rate ? days : c.kind == fitbit::Kind::tcx ? tracks : google_days[c.kind], key, i);
    } else if (again) {
      path_read = keep_one(path_read, i);
    } else if (c.kind == fitbit::Kind::other_health &&
               !others.emplace(std::pair{folder_and_name(name), size_of(i)}, i).second) {
      // An other-health file is copied as it is, under its folder and name (reference_outputs.h):
      // the same folder, name and size under another root — a zip given with its unpacked
      // folder — is taken as the same file, copied once (helper finding: every such file came
      // out twice, the second as "-2"); the plan has only the size of a file it does not read.
      // Of another size it is other data, and both are copied.
      c = skipped(fitbit::SkipReason::repeated);
    } else {
      path_read = i;
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
  std::vector<std::string_view> names;
  names.reserve(in.files.size());
  for (const BundleFile& f : in.files) {
    names.push_back(f.name);
    t.kinds.push_back(fitbit::classify_file(f.name));
  }
  fitbit::apply_export_rules(names, t.kinds);
  skip_repeats(in, sizes, t);
  return t;
}

}  // namespace ts::convert
