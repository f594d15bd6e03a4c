// Reader for Fitbit's monthly weight logs, weight-YYYY-MM-DD.json:
//   [{"logId":1499258640000,"weight":193.9,"bmi":28.08,"fat":24.002,"date":"07/05/17",
//     "time":"12:44:00","source":"Aria"}, …]
// `date` (MM/DD/YY) + `time` are local wall-clock time (read by export_time.h's lenient shape) with no offset; `weight` is in the
// account's unit (pounds in every sample seen, but not assumed: see weight/unit_detect.h).
// `bmi` and `fat` (percent) are optional; a 0 there means "not measured" (Fitbit writes
// explicit zeros for absent body composition), so it is read as absent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fitbit/problem.h"
#include "simdjson.h"

namespace ts::fitbit {

struct WeightLog {
  int64_t local_sec = 0;  // wall-clock time as seconds since 1970-01-01T00:00:00 (see tz/)
  double weight = 0;      // unit unknown at read time
  std::optional<double> bmi;
  std::optional<double> fat;  // percent
  uint32_t file = 0;      // index of the source file in the caller's list
  uint32_t index = 0;     // index of the record within its file
  uint8_t source = 0;     // SourceNames index of `source` ("Aria", "API", …); 0 = none given
};

// The distinct `source` names of an export's weigh-ins ("Aria", "API", "Withings"), kept once:
// an export has a handful, and a weigh-in carries only its index. Index 0 is "no source".
class SourceNames {
 public:
  SourceNames() : names_{std::string()} {}
  uint8_t intern(std::string_view name);
  const std::string& name(uint8_t i) const { return names_[i < names_.size() ? i : 0]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

// Appends the file's records to `out` and anything unusable to `problems` (file + index +
// reason). Never fails as a whole: a file that is not a JSON array is one problem.
// `padded`: at least SIMDJSON_PADDING readable bytes follow `data` (then it is parsed in
// place; otherwise simdjson copies it first).
// `sources`, when given, collects each record's `source` (otherwise it is not read).
void read_weight_json(simdjson::ondemand::parser& parser, std::string_view path, uint32_t file_no,
                      std::string_view data, bool padded, std::vector<WeightLog>& out, Problems& problems,
                      SourceNames* sources = nullptr);

}  // namespace ts::fitbit
