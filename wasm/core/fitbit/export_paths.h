// The weight readers' view of the export's files (core/fitbit/file_kinds.h decides every
// kind, by the file's own name wherever it sits).
#pragma once
#include <string_view>

namespace ts::fitbit {

enum class FileKind {
  weight_json,   // weight-YYYY-MM-DD.json: one month of weight logs, local wall-clock times
  profile_csv,   // Profile.csv: the account's time zone and height
  weight_grams_csv,  // Takeout's weight.csv: `timestamp,weight grams,data source`, UTC
  unknown,       // anything else (other kinds, other Google products, OS litter)
};

FileKind classify(std::string_view path);

// The file name after the last '/' (or '\\', which Windows-made zips use).
std::string_view base_name(std::string_view path);

// Whether the name ends in ".csv" (any case): of a kind's two shapes, Fitbit's JSON and
// Google's CSV (heart rate, sleeps), which one a reader was handed.
bool csv_name(std::string_view path);

}  // namespace ts::fitbit
