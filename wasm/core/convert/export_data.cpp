#include "core/convert/export_data.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "core/common/same_bytes.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/google_exercises_csv.h"
#include "core/fitbit/text_encoding.h"


namespace ts::convert {

namespace {
// How many leading folders two paths share ("A/Takeout/Fitbit/x", "A/Takeout/y": 2).
size_t shared_folders(std::string_view a, std::string_view b) {
  size_t n = 0;
  for (size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
    if (a[i] == '/') ++n;
  return n;
}

// The account file an export holds once (Profile.csv). Copies under other folders are exports
// given together — an older and a newer one, unpacked side by side — and the copy read is the
// newest export's (helper finding: the older export sorted first by name, its Profile.csv's
// zone was read, and every weigh-in after a move came out hours off; the same exports as zips,
// whose paths are alike, were read right).
//   Each dated file (named for a day) belongs to the Profile.csv it shares the most folders
//   with (none when two share as many: a file of a third export without one), and reaches
//   the last day its name covers: a file named for the 1st holds that month (2026 exports
//   name their monthly files so, and Fitbit its monthly JSON), any other its day. The copy whose files reach the latest day is
//   read (an older export holds no day past a newer one's last); of those as late, the one
//   with the most bytes of such files, then the first by name. Without dated files, the copy
//   nearest the largest weight.csv (a newer export's holds an older one's weigh-ins and the
//   later ones).
//   Before, the largest weight.csv came first: a 2026 export splits its weigh-ins into monthly
//   files, so an older export's single weight.csv was always larger, and its zone was read
//   for the newer export's weigh-ins (helper finding: six hours off); then the file named for
//   the latest day, which an older export's mid-month day file won over a newer export's
//   month named for the 1st, and which went to the oldest copy when the newest export had no
//   Profile.csv of its own (helper findings).
// npos when the export has none.
//
// weight.csv and height.csv are records, not settings: every copy is read. 2026 Takeouts split
// them by month (weight_2026-05-01.csv), and an older export's copy can hold weigh-ins the newer
// one lacks; reading only the largest dropped those whole (helper finding). What two copies
// both hold is one weigh-in (weight/weigh_in_merge.h) or one dated height.
size_t choose_profile(const BundleView& in, const FileTable& table) {
  std::vector<size_t> profiles;
  size_t largest_csv = std::string::npos;
  const auto size = [&](size_t i) { return in.files[i].given_size(); };
  for (size_t i : table.by_name) {
    const fitbit::FileClass& c = table.kinds[i];
    if (!c.known) continue;
    if (c.kind == fitbit::Kind::profile) profiles.push_back(i);
    if (c.kind == fitbit::Kind::weight_csv && (largest_csv == std::string::npos || size(i) > size(largest_csv))) largest_csv = i;
  }
  if (profiles.size() <= 1) return profiles.empty() ? std::string::npos : profiles[0];
  // The Profile.csv a file belongs to: the one sharing more folders with it than any other
  // does; npos when two share as many (the file is of an export without a Profile.csv of its
  // own, beside them: helper finding, its days went to the first copy by name, the oldest).
  const auto owner = [&](size_t file) {
    size_t best = std::string::npos, best_shared = 0;
    bool tie = false;
    for (size_t k = 0; k < profiles.size(); ++k) {
      const size_t shared = shared_folders(in.files[profiles[k]].name, in.files[file].name);
      if (best == std::string::npos || shared > best_shared) {
        best = k;
        best_shared = shared;
        tie = false;
      } else if (shared == best_shared) {
        tie = true;
      }
    }
    return tie ? std::string::npos : best;
  };
  std::vector<int64_t> last_day(profiles.size(), INT64_MIN);
  std::vector<uint64_t> bytes(profiles.size(), 0);
  bool dated = false;
  for (size_t i : table.by_name) {
    if (!table.kinds[i].known) continue;
    const std::string_view name = in.files[i].name;
    int64_t day = 0;
    if (!(fitbit::name_ends_in(name, ".csv") ? fitbit::csv_day_in_name(name, day) : fitbit::day_in_name(name, day))) continue;
    day = fitbit::last_day_named(day);
    const size_t k = owner(i);
    if (k == std::string::npos) continue;
    dated = true;
    if (day > last_day[k]) {
      last_day[k] = day;
      bytes[k] = 0;
    }
    if (day == last_day[k]) bytes[k] += size(i);
  }
  if (!dated) {
    const size_t k = largest_csv == std::string::npos ? std::string::npos : owner(largest_csv);
    return profiles[k == std::string::npos ? 0 : k];
  }
  size_t best = 0;
  for (size_t k = 1; k < profiles.size(); ++k)
    if (last_day[k] > last_day[best] || (last_day[k] == last_day[best] && bytes[k] > bytes[best])) best = k;
  return profiles[best];
}

// Whether `i` is the copy of its kind read; the others are named.
bool the_one(size_t i, size_t chosen, const BundleFile& f, const char* kind, const char* which, fitbit::Problems& problems) {
  if (i == chosen) return true;
  problems.push_back(fitbit::not_converted(f.name, std::string("a second ") + kind + "; " + which + " was used"));
  return false;
}

// false, and the file named with why, when it is not UTF-8 text (fitbit/text_encoding.h).
bool readable_text(const BundleFile& f, bool utf16_only, fitbit::Problems& problems) {
  const std::string_view why = fitbit::foreign_encoding(f.data, utf16_only);
  if (why.empty()) return true;
  problems.push_back(fitbit::file_unread(f.name, std::string(why)));
  return false;
}
}  // namespace

void read_export(const BundleView& in, ExportData& out) { read_export(in, FileTable::of(in), out); }

void read_export(const BundleView& in, const FileTable& table, ExportData& out) {
  out.total_files = in.files.size();
  const std::vector<size_t>& order = table.by_name;
  const std::vector<fitbit::FileClass>& kinds = table.kinds;

  // One allocation for all weight logs (about one per 100-150 bytes of JSON), rather than
  // a vector that grows, and copies itself, file by file.
  size_t weight_bytes = 0;
  for (size_t i = 0; i < in.files.size(); ++i)
    if (kinds[i].known && kinds[i].kind == fitbit::Kind::weight) weight_bytes += in.files[i].data.size();
  out.weight_logs.reserve(weight_bytes / 96);

  simdjson::ondemand::parser parser;
  const size_t profile = choose_profile(in, table);
  constexpr const char* kNewest = "the one of the newest export given (the one whose files are named for the latest day, else the one beside the largest weight.csv)";
  bool height_json = false, height_csv = false;
  for (size_t i : order) {
    const BundleFile& f = in.files[i];
    if (!kinds[i].known) {
      out.skipped.add(kinds[i].skip, f.name);
      continue;
    }
    switch (kinds[i].kind) {
      case fitbit::Kind::weight: {
        const auto file_no = static_cast<uint32_t>(out.weight_files.size());
        out.weight_files.emplace_back(f.name);
        fitbit::read_weight_json(parser, f.name, file_no, f.data, in.padded, out.weight_logs, out.problems, &out.sources);
        break;
      }
      case fitbit::Kind::profile:
        if (the_one(i, profile, f, "Profile.csv", kNewest, out.problems)) {
          out.profile_file = std::string(f.name);
          if (f.name.size() >= 5 && same_ignoring_ascii_case(f.name.substr(f.name.size() - 5), ".json"))
            fitbit::read_profile_json(f.name, f.data, out.profile, out.problems);
          else if (readable_text(f, true, out.problems)) fitbit::read_profile_csv(f.name, f.data, out.profile, out.problems);
        }
        break;
      case fitbit::Kind::weight_csv:
        if (readable_text(f, true, out.problems)) {
          const auto file_no = static_cast<uint32_t>(out.grams_files.size());
          out.grams_files.emplace_back(f.name);
          fitbit::read_weight_csv(f.name, file_no, f.data, out.grams, out.problems, &out.sources);
        }
        break;
      case fitbit::Kind::height:
        height_json = true;
        if (readable_text(f, false, out.problems)) fitbit::read_height_json(f.name, f.data, out.heights, out.problems);
        break;
      case fitbit::Kind::height_csv:
        height_csv = true;
        if (readable_text(f, true, out.problems)) fitbit::read_height_csv(f.name, f.data, out.heights, out.problems);
        break;
      case fitbit::Kind::body_fat_csv:
        if (readable_text(f, true, out.problems)) fitbit::read_body_fat_csv(f.name, f.data, out.body_fat, out.problems);
        break;
      case fitbit::Kind::google_exercises:
        // Its workouts are the plan's (convert/google_workouts.h); here, only the offsets they
        // were recorded at: evidence of the zone, read with the weigh-ins' (weight_plan.h).
        fitbit::read_google_exercise_offsets(f.data, out.workout_offsets);
        break;
      default:
        break;  // the health outputs' kinds (convert/health_outputs.h)
    }
  }
  if (height_json) out.heights_from = "height-*.json";
  if (height_csv) out.heights_from += std::string(height_json ? " + " : "") + "height.csv";
}

SecRange transitions_range(const ExportData& data) {
  SecRange r;
  for (const auto& l : data.weight_logs) {
    if (r.empty || l.local_sec < r.from) r.from = l.local_sec;
    if (r.empty || l.local_sec > r.to) r.to = l.local_sec;
    r.empty = false;
  }
  if (!r.empty) {
    r.from -= 2 * 86400;
    r.to += 2 * 86400;
  }
  return r;
}

}  // namespace ts::convert
