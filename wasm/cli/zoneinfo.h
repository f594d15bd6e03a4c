// UTC-offset transitions from the system's zoneinfo (/usr/share/zoneinfo through glibc),
// with the same scan as worker-shim/shared/tz.js uses on Intl, so both sides produce the same table
// (tests/node/tz.test.js compares them zone by zone).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/tz/transitions.h"

namespace ts::cli {

// Seconds between samples; must equal STEP_SEC in worker-shim/shared/tz.js.
inline constexpr int64_t kScanStepSec = 7 * 86400;

// False (with a message) when the zone is not an installed IANA zone. Letter case is ignored,
// as Intl ignores it (the page converts with Profile.csv's "america/new_york"); the name is
// kept as written, so the outputs that name it are the page's bytes.
bool zone_exists(const std::string& zone, std::string& message);

// The zone this machine keeps its clock in, by name: TZ when set (a leading ':' and a path
// up to zoneinfo/ dropped), else where /etc/localtime links under zoneinfo/ (as glibc reads
// it), else /etc/timezone; "" when none of them names an installed zone file (TZif). The
// CLI's fallback for an export that names none, as the page's is the device's zone.
std::string machine_zone();

// Transitions of `zone` covering [from, to]; the first entry holds the offset at `from`.
std::vector<tz::Transition> zone_transitions(const std::string& zone, int64_t from, int64_t to);

}  // namespace ts::cli
