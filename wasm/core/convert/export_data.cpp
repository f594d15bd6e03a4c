#include "core/convert/export_data.h"

#include <algorithm>
#include <numeric>

#include "core/common/same_bytes.h"
#include "core/fitbit/text_encoding.h"


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
  std::string height_csv_file;
  bool height_json = false;
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
        if (first_of_kind(f, "Profile.csv", out.profile_file, out.problems)) {
          if (f.name.size() >= 5 && same_ignoring_ascii_case(f.name.substr(f.name.size() - 5), ".json"))
            fitbit::read_profile_json(f.name, f.data, out.profile, out.problems);
          else if (readable_text(f, true, out.problems)) fitbit::read_profile_csv(f.name, f.data, out.profile, out.problems);
        }
        break;
      case fitbit::Kind::weight_csv:
        if (first_of_kind(f, "weight.csv", out.grams_file, out.problems) && readable_text(f, true, out.problems))
          fitbit::read_weight_csv(f.name, f.data, out.grams, out.problems, &out.sources);
        break;
      case fitbit::Kind::height:
        height_json = true;
        if (readable_text(f, false, out.problems)) fitbit::read_height_json(f.name, f.data, out.heights, out.problems);
        break;
      case fitbit::Kind::height_csv:
        if (first_of_kind(f, "height.csv", height_csv_file, out.problems) && readable_text(f, true, out.problems))
          fitbit::read_height_csv(f.name, f.data, out.heights, out.problems);
        break;
      default:
        break;  // the health outputs' kinds (convert/health_outputs.h)
    }
  }
  if (height_json) out.heights_from = "height-*.json";
  if (!height_csv_file.empty()) out.heights_from += std::string(height_json ? " + " : "") + "height.csv";
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
