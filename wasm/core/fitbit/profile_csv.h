// Reader for the export's Profile.csv (or the older export's User-Profile.json, below): one
// header row and one row for the account. We use
// two columns, found by header name (their position varies between exports):
//   timezone — the account's IANA zone ("America/New_York"), the default for local times
//              (also accepted as time_zone; matched case-insensitively);
//   height   — centimetres (Fitbit keeps body measures metric internally; unverified for
//              every export, so values outside 50-272 cm are reported and ignored).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/fitbit/problem.h"

namespace ts::fitbit {

struct Profile {
  std::string time_zone;           // empty when the column is missing or blank
  std::optional<double> height_cm;
};

void read_profile_csv(std::string_view path, std::string_view data, Profile& out, Problems& problems);

// The older export's user-profile/User-Profile.json: one object with the same two members,
// "timezone" and "height" (centimetres when "heightUnit" is METRIC or absent; another unit's
// height is left out, not guessed), by the same rules.
void read_profile_json(std::string_view path, std::string_view data, Profile& out, Problems& problems);

}  // namespace ts::fitbit
