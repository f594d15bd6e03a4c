// Reader for the export's Profile.csv (or the older export's User-Profile.json, below): one
// header row and one row for the account. We use
// three columns, found by header name (their position varies between exports):
//   timezone — the account's IANA zone ("America/New_York"), the default for local times
//              (also accepted as time_zone; matched case-insensitively);
//   height   — centimetres (Fitbit keeps body measures metric internally; unverified for
//              every export, so values outside 50-272 cm are reported and ignored);
//   weight   — kilograms whatever the account's unit: the latest weigh-in's, in every real
//              export seen (92.0 beside 202.8 lb, 62.5 beside 138 lb; five of five, en_US
//              accounts too). Evidence for the weigh-ins' unit only (weight/unit_detect.h);
//              outside 20-350 kg it is none, and said nowhere, since nothing is lost.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/fitbit/problem.h"

namespace ts::fitbit {

struct Profile {
  std::string time_zone;           // empty when the column is missing or blank
  std::string zone_file;           // the file that named time_zone: "Profile.csv" or "User-Profile.json"
  std::optional<double> height_cm;
  std::optional<double> weight_kg;  // Profile.csv only
};

void read_profile_csv(std::string_view path, std::string_view data, Profile& out, Problems& problems);

// The older export's user-profile/User-Profile.json: one object with the same two members,
// "timezone" and "height" (centimetres when "heightUnit" is METRIC or absent; another unit's
// height is left out, not guessed), by the same rules.
void read_profile_json(std::string_view path, std::string_view data, Profile& out, Problems& problems);

}  // namespace ts::fitbit
