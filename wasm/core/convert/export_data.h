// One pass over an export's files: recognise each by its own name (core/fitbit/file_kinds.h),
// read the weight side (weigh-ins, Profile.csv, heights), leave the other kinds to the health
// outputs, and count every file of no kind by the reason it is skipped. Files are visited in
// name order, so the result never depends on the order a caller listed them in.
#pragma once
#include <string>
#include <vector>

#include "core/convert/bundle.h"
#include "core/convert/file_table.h"
#include "core/fitbit/body_fat_csv.h"
#include "core/fitbit/file_kinds.h"
#include "core/fitbit/height_reader.h"
#include "core/fitbit/problem.h"
#include "core/fitbit/profile_csv.h"
#include "core/fitbit/weight_csv.h"
#include "core/fitbit/weight_json.h"
#include "core/tz/learned_zone.h"

namespace ts::convert {

struct ExportData {
  size_t total_files = 0;
  std::vector<std::string> weight_files;  // WeightLog::file indexes this
  std::vector<fitbit::WeightLog> weight_logs;
  std::vector<std::string> grams_files;   // every weight.csv read; WeightGrams::file indexes this
  std::vector<fitbit::WeightGrams> grams;  // all their rows: a weigh-in two of them hold is merged once
  fitbit::SourceNames sources;            // WeightLog::source and WeightGrams::source index this
  std::string profile_file;               // the Profile.csv read, or empty
  fitbit::Profile profile;
  std::vector<fitbit::HeightRecord> heights;  // height-*.json and height.csv
  std::string heights_from;                   // which of the two were read, for the report
  std::vector<fitbit::BodyFatRow> body_fat;   // body_fat*.csv: the body fat of weigh-ins, by their instant
  // The UTC offsets Google's list of workouts says each was recorded at (UserExercises_*.csv,
  // fitbit/google_exercises_csv.h), every file's: evidence of the zone beside the weigh-ins'.
  std::vector<tz::OffsetObservation> workout_offsets;
  fitbit::SkipList skipped;               // files of no kind, by reason
  fitbit::Problems problems;
};

void read_export(const BundleView& in, ExportData& out);
// The same, with the bundle's files already classified and sorted (file_table.h).
void read_export(const BundleView& in, const FileTable& table, ExportData& out);

// Local-time bounds of the weight logs widened by 2 days each side: the UTC range whose
// transitions a caller must pass for the conversion (offsets never exceed 26 h).
struct SecRange {
  int64_t from = 0, to = 0;
  bool empty = true;
};
SecRange transitions_range(const ExportData& data);

}  // namespace ts::convert
