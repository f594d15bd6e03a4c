// The weight readers' view of the export's files (core/fitbit/file_kinds.h decides every
// kind, by the file's own name wherever it sits).
#pragma once
#include <cstdint>
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

// Whether the name ends in `ext` (".csv"; letter case ignored, as the classifier ignores it,
// file_kinds.h: an export written on another system may end a name in ".CSV"). Of a kind's
// two shapes, Fitbit's JSON and Google's CSV (heart rate, sleeps), which one a reader was
// handed; which other health files are copied as they are (convert/reference_outputs.h).
bool name_ends_in(std::string_view path, std::string_view ext);

// The civil day a dated file is named for. Fitbit's JSON: the ten characters after the first
// '-' ("heart_rate-2023-01-25.json", "sleep-2024-03-01.json": per-minute, sleep and heart-rate
// files are named by their first day). Google's CSVs: the ten before ".csv"
// ("heart_rate_2024-10-27.csv", "gps_location_2024-11-05.csv", "UserSleeps_2024-03-01.csv").
bool day_in_name(std::string_view path, int64_t& day);
bool csv_day_in_name(std::string_view path, int64_t& day);
// The last day a file named for `day` holds: a name on the 1st is a month's (Google's 2026
// files, Fitbit's monthly JSON), any other its own day.
int64_t last_day_named(int64_t day);

}  // namespace ts::fitbit
