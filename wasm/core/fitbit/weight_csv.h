// Reader for Google Takeout's weight.csv (Physical Activity_GoogleData/weight.csv):
//   timestamp,weight grams,data source
//   2024-10-27T07:44:00Z,87952.0,…
// (the third column is absent in some exports; timestamps sometimes carry microseconds)
// Times are UTC instants (ISO-8601 with Z) and weights are grams: an unambiguous second
// record of the same weigh-ins, which is the strongest evidence for the JSON files' unit,
// and the source of entries when an export has no weight-*.json at all.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/fitbit/problem.h"
#include "core/fitbit/weight_json.h"

namespace ts::fitbit {

// The least mass read as a weigh-in, from either source: under it a value is no one's weight
// (weight_csv.cpp; weight/weight_entries.cpp for the JSON's, in its unit).
inline constexpr double kMinWeighInGrams = 1000;

struct WeightGrams {
  int64_t utc_sec = 0;
  double grams = 0;
  uint32_t index = 0;  // row index (0 = first data row)
  uint32_t file = 0;   // which weight.csv (convert/export_data.h: ExportData::grams_files)
  uint8_t source = 0;  // SourceNames index of the `data source` column (absent in some exports)
};

// `file_no` is stored in each row read. A timestamp's fraction of a second is rounded to the
// nearest second: the same weigh-in mirrored as …00.999999Z and …01.000000Z is one instant.
void read_weight_csv(std::string_view path, uint32_t file_no, std::string_view data, std::vector<WeightGrams>& out,
                     Problems& problems, SourceNames* sources = nullptr);

}  // namespace ts::fitbit
