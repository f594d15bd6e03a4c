#include "core/convert/output_paths.h"

#include <algorithm>
#include <deque>
#include <string_view>
#include <vector>

#include "core/common/same_bytes.h"

namespace ts::convert {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool unsafe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f || c == '\\' || c == ':' || c == '/';
}

}  // namespace

std::string safe_component(std::string_view component) {
  std::string out;
  for (size_t i = 0; i < component.size(); ++i) {
    if (component[i] == '.' && i + 1 < component.size() && component[i + 1] == '.') {
      out += '_';
      while (i + 1 < component.size() && component[i + 1] == '.') ++i;  // a run of dots is one '_'
    } else {
      out += unsafe_char(component[i]) ? '_' : component[i];
    }
  }
  if (out.empty() || out == ".") return "_";
  return out;
}

std::string safe_path(std::string_view path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view part = path.substr(start, slash - start);
    if (!part.empty()) {
      if (!out.empty()) out += '/';
      out += safe_component(part);
    }
    start = slash + 1;
  }
  return out.empty() ? "_" : out;
}

// safe_path(path) == path, without building the safe path: assembly checks each of a ten-year
// conversion's ~3,000 output paths, and building each one a character at a time was an
// eighth of assembly's CPU in V8's baseline tier. The path is its own safe path exactly when
// no component is empty (safe_path drops them), "." or holds "..", and no byte is unsafe.
bool is_safe_path(std::string_view path) {
  if (path.empty()) return false;
  size_t start = 0;  // the current component's first byte
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      const std::string_view part = path.substr(start, i - start);
      if (part.empty() || part == ".") return false;
      start = i + 1;
      continue;
    }
    if (unsafe_char(path[i])) return false;
    if (path[i] == '.' && i + 1 < path.size() && path[i + 1] == '.') return false;
  }
  return true;
}

std::string PathClaims::claim(std::string_view path) {
  std::string candidate(path);
  std::string lowered = lower_ascii(candidate);
  if (taken_.insert(lowered).second) return candidate;
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  const size_t cut = dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash + 1) ? dot : path.size();
  int& n = next_[std::move(lowered)];
  for (n = std::max(n, 2);; ++n) {
    candidate = std::string(path.substr(0, cut)) + "-" + std::to_string(n) + std::string(path.substr(cut));
    if (taken_.insert(lower_ascii(candidate)).second) break;
  }
  ++n;
  return candidate;
}

Error check_output_paths(const std::vector<std::string_view>& paths) {
  // Sorted, then neighbours compared (compare_bytes, no memcmp call): a client's parts choose
  // these paths, and a hash set of them could be flooded (same_bytes.h BytesLess). A path is
  // copied only to lower its case; the paths producers write are lower case already.
  std::vector<std::string_view> seen;
  std::deque<std::string> lowered;
  seen.reserve(paths.size());
  for (std::string_view path : paths) {
    if (!is_safe_path(path)) return fail(Status::integrity, "an output path is not safe to unpack");
    const bool upper = std::any_of(path.begin(), path.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    seen.push_back(upper ? std::string_view(lowered.emplace_back(lower_ascii(path))) : path);
  }
  std::sort(seen.begin(), seen.end(), BytesLess{});
  for (size_t i = 1; i < seen.size(); ++i)
    if (same_bytes(seen[i - 1], seen[i])) return fail(Status::integrity, "two outputs share one path");
  return {};
}

}  // namespace ts::convert
