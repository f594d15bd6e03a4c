// Conversion options, the JSON in a TSB1 bundle's options slot:
//   {"timeZone": {"name": "America/New_York", "transitions": [[utcSec, offsetSec], …],
//                 "explicit": false},
//    "weightUnit": "auto"|"lb"|"kg", "kinds": ["weight", …], "includeAutoDetected": true,
//    "includeImplausible": false, "weightEntriesPerFile": 250,
//    "missingParts": [{"takeout": "takeout-20240101T000000Z", "missing": [2]}]}
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

// Parts of a Google Takeout the person did not give: the page and the CLI tell them from the
// archives' names (takeout-20240101T000000Z-001.zip, -003.zip: part 2 is missing), which the
// core never sees. What such a part holds is missing from every output, so the manifest and
// IMPORT.txt say so (helper finding: the page warned before converting, and the zip said
// nothing while its daily CSV wrote 0 steps on every day, the steps files being in part 2).
struct MissingParts {
  std::string takeout;       // the export's name before the part number: letters, digits, '-'
  std::vector<int> missing;  // part numbers, ascending
};
// Part numbers are 1-999 (Takeout writes three digits) and ascending: 999 is every one.
inline constexpr size_t kMaxMissingPartsExports = 16, kMaxMissingParts = 999, kMaxTakeoutName = 64;

struct Options {
  std::optional<std::string> zone_name;
  std::optional<tz::Zone> zone;
  bool zone_explicit = false;
  std::optional<weight::Unit> weight_unit;  // nullopt = auto
  std::vector<std::string> kinds;           // empty = every kind
  bool include_auto_detected = true;        // workouts Fitbit detected on its own
  bool include_implausible = false;         // workouts impossible for their sport (workout/plausibility.h)
  // The heart-rate tables (reference/heart_rate_*.csv) of the heart-rate files given. Workouts
  // take their readings either way: the files go with them, and only this keeps "Heart rate
  // (all day)" unticked on the page out of the zip (review finding: converted all the same
  // while sleep or resting heart rate ran the reference kind).
  bool include_heart_rate = true;
  uint32_t weight_per_file = 250;
  std::vector<MissingParts> missing_parts;

  bool wants(std::string_view kind) const;
};

// Errors are invalid_argument (or format for text that is not a JSON object).
Error parse_options(std::string_view json, Options& out);
// The same, from options already parsed (a plan reads "sizes" and "digests" from the same
// document: a ten-year plan's options are ~170 KB of sizes, parsed once).
Error parse_options(simdjson::dom::element doc, Options& out);

// The manifest's warning for `parts` ("part 2 of takeout-… was not given: …"), empty when none.
std::string missing_parts_warning(const std::vector<MissingParts>& parts);

// Just the "timeZone" member (for requests that carry a zone among other fields).
Error parse_zone(simdjson::dom::element time_zone, Options& out);

}  // namespace ts::convert
