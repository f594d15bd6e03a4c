// Conversion options, the JSON in a TSB1 bundle's options slot:
//   {"timeZone": {"name": "America/New_York", "transitions": [[utcSec, offsetSec], …],
//                 "explicit": false},
//    "weightUnit": "auto"|"lb"|"kg", "kinds": ["weight", …], "includeAutoDetected": true,
//    "includeImplausible": false, "weightEntriesPerFile": 250}
// Every key is optional; timeZone is needed as soon as the export has local-time records.
// timeZone.explicit: the person chose this zone (CLI --tz, the API's timeZone, the page's
// field changed). An explicit zone is used for every local time; otherwise it is the fallback
// where the export's own UTC offsets say nothing (convert/weight_plan.h).
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
  bool zone_explicit = false;
  std::optional<weight::Unit> weight_unit;  // nullopt = auto
  std::vector<std::string> kinds;           // empty = every kind
  bool include_auto_detected = true;        // workouts Fitbit detected on its own
  bool include_implausible = false;         // workouts impossible for their sport (workout/plausibility.h)
  uint32_t weight_per_file = 250;

  bool wants(std::string_view kind) const;
};

// Errors are invalid_argument (or format for text that is not a JSON object).
Error parse_options(std::string_view json, Options& out);
// The same, from options already parsed (a plan reads "sizes" and "digests" from the same
// document: a ten-year plan's options are ~170 KB of sizes, parsed once).
Error parse_options(simdjson::dom::element doc, Options& out);

// Just the "timeZone" member (for requests that carry a zone among other fields).
Error parse_zone(simdjson::dom::element time_zone, Options& out);

}  // namespace ts::convert
