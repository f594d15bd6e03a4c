// Reader for Google's body-fat files: `body_fat_YYYY-MM-DD.csv` (Takeout's `Physical
// Activity_GoogleData/`, a month a file named for its first day), or one `body_fat.csv`. As
// public readers of real Takeouts show them:
//   timestamp,body fat percentage,data source
//   2018-06-01T13:16:20Z,11.6,Renpho Fitbit 3P Web API
// Terms, defined once:
//   timestamp           — the UTC instant of the weigh-in that measured it (a scale measures
//                         weight and body fat at once; weight.csv holds the same instant).
//   body fat percentage — percent of body mass, 0 < value <= 100.
// The body fat of weigh-ins the JSON logs hold is in their `fat` field too; these rows are how
// a weigh-in only weight.csv holds keeps it (weight/weight_entries.h add_body_fat). Columns are
// found by name. A row without a readable time or value is left out and reported.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/fitbit/problem.h"

namespace ts::fitbit {

struct BodyFatRow {
  int64_t utc_sec = 0;
  double percent = 0;
};

// Appends the file's readable rows to `out`, in file order.
void read_body_fat_csv(std::string_view path, std::string_view data, std::vector<BodyFatRow>& out, Problems& problems);

}  // namespace ts::fitbit
