// Conversion options, the JSON in a TSB1 bundle's options slot:
//   {"timeZone": {"name": "America/New_York", "transitions": [[utcSec, offsetSec], …]},
//    "weightUnit": "auto"|"lb"|"kg", "kinds": ["weight", …], "includeAutoDetected": true,
//    "weightEntriesPerFile": 250}
// Every key is optional; timeZone is needed as soon as the export has local-time records.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/tz/transitions.h"
#include "simdjson.h"
#include "core/weight/unit_detect.h"

namespace ts::convert {

struct Options {
  std::optional<std::string> zone_name;
  std::optional<tz::Zone> zone;
  std::optional<weight::Unit> weight_unit;  // nullopt = auto
  std::vector<std::string> kinds;           // empty = every kind
  bool include_auto_detected = true;        // workouts Fitbit detected on its own
  uint32_t weight_per_file = 250;

  bool wants(std::string_view kind) const;
};

// Errors are invalid_argument (or format for text that is not a JSON object).
Error parse_options(std::string_view json, Options& out);

// Just the "timeZone" member (for requests that carry a zone among other fields).
Error parse_zone(simdjson::dom::element time_zone, Options& out);

}  // namespace ts::convert
