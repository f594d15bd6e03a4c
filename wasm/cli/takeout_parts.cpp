#include "cli/takeout_parts.h"

#include <filesystem>
#include <map>
#include <regex>
#include <set>

namespace ts::cli {

namespace {

// "takeout-<time>[-<n>]-<part>.zip", also with a browser's " (1)" for a repeated download.
const std::regex& part_name() {
  static const std::regex re(R"(^(takeout-\d{8}T\d{6}Z(?:-\d+)?)-(\d{3})(?: \(\d+\))?\.(?:zip|tgz|tar\.gz)$)", std::regex::icase);
  return re;
}

std::string list(const std::vector<int>& ns) {
  std::string out;
  for (size_t i = 0; i < ns.size(); ++i) {
    if (i > 0) out += i + 1 == ns.size() ? " and " : ", ";
    out += std::to_string(ns[i]);
  }
  return out;
}

}  // namespace

std::vector<MissingParts> missing_parts(const std::vector<std::string>& paths) {
  std::map<std::string, std::set<int>> by_export;
  for (const std::string& p : paths) {
    const std::string name = std::filesystem::path(p).filename().string();
    std::smatch m;
    if (std::regex_match(name, m, part_name())) by_export[m[1].str()].insert(std::stoi(m[2].str()));
  }
  std::vector<MissingParts> out;
  for (const auto& [takeout, found] : by_export) {
    MissingParts gap{takeout, {}};
    for (int n = 1; n < *found.rbegin(); ++n)
      if (!found.count(n)) gap.missing.push_back(n);
    if (!gap.missing.empty()) out.push_back(std::move(gap));
  }
  return out;
}

std::vector<std::string> missing_part_warnings(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& [takeout, missing] : missing_parts(paths)) {
    const bool one = missing.size() == 1;
    out.push_back("part" + std::string(one ? " " : "s ") + list(missing) + " of " + takeout + (one ? " is" : " are") +
                  " missing: Google splits a large export into numbered parts and Fitbit's files can be in any of them, "
                  "so what is read is incomplete. Give all the parts (" + takeout + "-001.zip, -002.zip, …) together.");
  }
  return out;
}

}  // namespace ts::cli
