// One pass over an export's files: recognise each by name, read what this version converts,
// keep everything else as a name (reported as not converted). Files are visited in name
// order, so the result never depends on the order a caller listed them in.
#pragma once
#include <string>
#include <vector>

#include "core/convert/bundle.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/profile_csv.h"
#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"

namespace ts::convert {

struct ExportData {
  size_t total_files = 0;
  std::vector<std::string> weight_files;  // WeightLog::file indexes this
  std::vector<fitbit::WeightLog> weight_logs;
  std::string grams_file;                 // the weight.csv read (first by name), or empty
  std::vector<fitbit::WeightGrams> grams;
  std::string profile_file;               // the Profile.csv read, or empty
  fitbit::Profile profile;
  std::vector<std::string> unknown;       // paths of files no reader claims
  fitbit::Problems problems;
};

void read_export(const BundleView& in, ExportData& out);

// Local-time bounds of the weight logs widened by 2 days each side: the UTC range whose
// transitions a caller must pass for the conversion (offsets never exceed 26 h).
struct SecRange {
  int64_t from = 0, to = 0;
  bool empty = true;
};
SecRange transitions_range(const ExportData& data);

}  // namespace ts::convert
