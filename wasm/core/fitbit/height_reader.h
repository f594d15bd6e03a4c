// Readers for the export's height records — the strongest evidence of the weight unit when
// the weigh-ins carry a BMI (weight/unit_detect.h):
//   height-YYYY-MM-DD.json   [{"dateTime":"10/19/22 00:00:00","value":"1625"}]  millimetres, as a
//                            string (a number is read too); dateTime is the local day it was set
//   height.csv               timestamp,height millimeters[,data source]          UTC, millimetres
// Values outside 50-272 cm are reported and left out.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fitbit/problem.h"

namespace ts::fitbit {

struct HeightRecord {
  int64_t sec = 0;  // when it was set (seconds; local or UTC — a height holds for months, so
                    // the hours between the two do not matter to what it is used for)
  double cm = 0;
};

void read_height_json(std::string_view path, std::string_view data, std::vector<HeightRecord>& out, Problems& problems);
void read_height_csv(std::string_view path, std::string_view data, std::vector<HeightRecord>& out, Problems& problems);

// The plausible range of a recorded adult or child height, in centimetres.
inline constexpr double kMinHeightCm = 50, kMaxHeightCm = 272;

}  // namespace ts::fitbit
