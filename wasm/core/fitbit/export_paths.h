// Recognising a Fitbit export's files by name pattern, wherever they sit in the tree. Two
// layouts exist (Google Takeout: `Takeout/Fitbit/Global Export Data/…`, and the older
// `MyFitbitData/<Name>/Personal & Account/…`), and 2026 exports may move again, so no
// folder name is ever required — only the file's own name.
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

// Whether a path looks like it belongs to a Fitbit export at all (used to tell a Fitbit export
// from some other zip when nothing is recognised).
bool mentions_fitbit(std::string_view path);

}  // namespace ts::fitbit
