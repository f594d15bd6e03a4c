// Google Takeout splits a large export into numbered parts — takeout-20260101T120000Z-001.zip,
// -002.zip, … — and Fitbit's files can be in any of them. One part alone reads as a normal
// export with things quietly missing, so the CLI names the parts it was not given, as the page
// does (worker-shim/public/js/takeout-parts.js, the same rule: a gap below the highest part
// given; a lone part 1 is not reported, since Google does not say how many parts there are).
#pragma once
#include <string>
#include <vector>

namespace ts::cli {

// The paths given (zips or folders) -> one warning per export with missing parts, in words a
// person can act on; none when nothing is missing.
std::vector<std::string> missing_part_warnings(const std::vector<std::string>& paths);

// The same gaps for the conversion's options ("missingParts": [{"takeout", "missing"}], the
// core's convert/options.h), so the manifest and IMPORT.txt say them too.
struct MissingParts {
  std::string takeout;
  std::vector<int> missing;
};
std::vector<MissingParts> missing_parts(const std::vector<std::string>& paths);

}  // namespace ts::cli
