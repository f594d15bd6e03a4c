#include "core/convert/export_data.h"

#include <algorithm>
#include <numeric>

#include "core/fitbit/export_paths.h"

namespace ts::convert {

namespace {
// Kinds an export holds once (Profile.csv, weight.csv): the first by name is read, a second
// copy is reported, not merged.
bool first_of_kind(const BundleFile& f, const char* kind, std::string& taken, fitbit::Problems& problems) {
  if (taken.empty()) {
    taken = std::string(f.name);
    return true;
  }
  problems.push_back(fitbit::not_converted(f.name, std::string("a second ") + kind + "; the first by name was used"));
  return false;
}
}  // namespace

void read_export(const BundleView& in, ExportData& out) {
  out.total_files = in.files.size();
  std::vector<size_t> order(in.files.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return in.files[a].name < in.files[b].name; });

  // One allocation for all weight logs (about one per 100-150 bytes of JSON), rather than
  // a vector that grows, and copies itself, file by file.
  size_t weight_bytes = 0;
  for (const BundleFile& f : in.files)
    if (fitbit::classify(f.name) == fitbit::FileKind::weight_json) weight_bytes += f.data.size();
  out.weight_logs.reserve(weight_bytes / 96);

  simdjson::ondemand::parser parser;
  for (size_t i : order) {
    const BundleFile& f = in.files[i];
    switch (fitbit::classify(f.name)) {
      case fitbit::FileKind::weight_json: {
        const auto file_no = static_cast<uint32_t>(out.weight_files.size());
        out.weight_files.emplace_back(f.name);
        fitbit::read_weight_json(parser, f.name, file_no, f.data, in.padded, out.weight_logs, out.problems);
        break;
      }
      case fitbit::FileKind::profile_csv:
        if (first_of_kind(f, "Profile.csv", out.profile_file, out.problems))
          fitbit::read_profile_csv(f.name, f.data, out.profile, out.problems);
        break;
      case fitbit::FileKind::weight_grams_csv:
        if (first_of_kind(f, "weight.csv", out.grams_file, out.problems))
          fitbit::read_weight_csv(f.name, f.data, out.grams, out.problems);
        break;
      case fitbit::FileKind::unknown:
        out.unknown.emplace_back(f.name);
        break;
    }
  }
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
