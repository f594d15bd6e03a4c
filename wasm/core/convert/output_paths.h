// Output paths: what a file is called in the download zip and in the CLI's output folder.
// Most are made from numbers and dates (weight/weight-001.fit, activities/<date>-<logId>.fit);
// only copies of other health files take part of an uploaded path, which the person — or
// anyone — chose. Every output path must unpack inside the folder it is unpacked to, on every
// system, and two inputs must never land on one output.
//
// Terms, defined once:
//   safe component — one part of a path between '/': not empty, not "." or "..", holding no
//                    "..", no backslash (a separator on Windows), no ':' (a drive letter or an
//                    NTFS stream) and no control character (U+0000-U+001F, U+007F).
//   taken          — a path already given to an earlier output, compared without ASCII case
//                    (Windows and macOS unpack "A.csv" and "a.csv" onto one file).
#pragma once
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/convert/produced_file.h"

namespace ts::convert {

// The component with each unsafe part replaced by '_' (a lone "." or ".." becomes "_").
std::string safe_component(std::string_view component);
// Every component of a '/'-separated path made safe (empty components dropped).
std::string safe_path(std::string_view path);
bool is_safe_path(std::string_view path);

// Hands out output paths: a path not taken yet is kept; a taken one gets "-2", "-3", … before
// its extension, in the order asked — the same order for the same input, so the same names.
class PathClaims {
 public:
  std::string claim(std::string_view path);

 private:
  std::set<std::string> taken_;  // lower-cased
  // For a path claimed before, the next suffix to try: each claim of one name starts where the
  // last one ended, not at -2 (review finding: 4,000 other-health files of one name, each
  // trying every suffix before its own, cost the plan 4.5 s).
  std::map<std::string, int> next_;
};

// The last check before anything leaves the core: every path safe, none taken twice. Producers
// guarantee both; a failure here is a bug in them (integrity), never a file written twice.
// `paths` are views the caller keeps.
Error check_output_paths(const std::vector<std::string_view>& paths);

}  // namespace ts::convert
