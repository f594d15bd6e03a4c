#include "core/convert/health_index.h"

#include <algorithm>
#include <iterator>
#include <numeric>

#include "core/common/same_bytes.h"
#include "core/fitbit/export_kinds.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"

namespace ts::convert {

using fitbit::HealthFileKind;

bool HealthIndex::empty() const {
  return exercise.empty() && google_exercises.empty() && daily.empty() && sleep.empty() && resting_hr.empty() && not_importable.empty() && tcx.empty() &&
         heart_rate.empty() && heart_rate_csv.empty() && gps.empty() && cadence.empty() && live_pace.empty() &&
         std::all_of(std::begin(dynamics), std::end(dynamics), [](const auto& m) { return m.empty(); });
}


void index_health_files(const BundleView& in, HealthIndex& out) { index_health_files(in, FileTable::of(in), out); }

void index_health_files(const BundleView& in, const FileTable& table, HealthIndex& out) {
  out.folder.assign(in.files.size(), 0);
  NameMap<uint32_t> folders;  // a tree: the export's folder names (same_bytes.h BytesLess)
  // Google's per-second and heart-rate CSVs: the number of the folder the file lies in, from
  // its last "Takeout/" on: the parts of one split Takeout, unpacked side by side
  // (takeout-…-001/Takeout/…, -002/Takeout/…), are one export's folders (review finding: a
  // part's day file named for the 1st, no longer cut by the next part's, was read for the
  // whole month, and a missing track was no longer said).
  const auto in_folder = [&](size_t i, std::string_view name) {
    const size_t slash = name.find_last_of('/');
    std::string_view dir = slash == std::string_view::npos ? std::string_view() : name.substr(0, slash);
    const size_t takeout = dir.rfind("Takeout/");
    if (takeout != std::string_view::npos && (takeout == 0 || dir[takeout - 1] == '/')) dir.remove_prefix(takeout);
    out.folder[i] = folders.emplace(dir, static_cast<uint32_t>(folders.size() + 1)).first->second;
  };
  for (size_t i : table.by_name) {
    const std::string_view name = in.files[i].name;
    int64_t key;
    switch (fitbit::health_kind_of(table.kinds[i])) {
      case HealthFileKind::exercise: out.exercise.push_back(i); break;
      case HealthFileKind::google_exercises: out.google_exercises.push_back(i); break;
      case HealthFileKind::gps_location:
        in_folder(i, name);
        if (csv_day_in_name(name, key)) out.gps.emplace(key, i);
        break;
      case HealthFileKind::cadence:
        in_folder(i, name);
        if (csv_day_in_name(name, key)) out.cadence.emplace(key, i);
        break;
      case HealthFileKind::live_pace:
        in_folder(i, name);
        if (csv_day_in_name(name, key)) out.live_pace.emplace(key, i);
        break;
      case HealthFileKind::running_dynamics: {
        in_folder(i, name);
        fitbit::RunningDynamic m;
        if (fitbit::running_dynamic_of(table.kinds[i].kind, m) && csv_day_in_name(name, key))
          out.dynamics[static_cast<size_t>(m)].emplace(key, i);
        break;
      }
      case HealthFileKind::tcx:
        if (fitbit::tcx_log_id(name, key)) out.tcx.emplace(key, i);
        break;
      case HealthFileKind::daily: out.daily.push_back(i); break;
      case HealthFileKind::sleep: out.sleep.push_back(i); break;
      case HealthFileKind::resting_heart_rate: out.resting_hr.push_back(i); break;
      case HealthFileKind::heart_rate:
        if (day_in_name(name, key)) out.heart_rate.emplace(key, i);
        break;
      case HealthFileKind::heart_rate_csv:
        in_folder(i, name);
        if (csv_day_in_name(name, key)) out.heart_rate_csv.emplace(key, i);
        break;
      case HealthFileKind::not_importable: out.not_importable.push_back(i); break;
      case HealthFileKind::unknown: break;
    }
  }
}

}  // namespace ts::convert
