#include "cli/zoneinfo.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/common/same_bytes.h"

namespace ts::cli {

namespace {
constexpr const char* kZoneinfo = "/usr/share/zoneinfo/";

// Whether the file is a compiled zone ("TZif"): zoneinfo also holds zone.tab, leapseconds
// and the like, which are no zones (review finding: TZ=zone.tab was written as the zone).
bool tzif(const std::string& file) {
  std::ifstream in(kZoneinfo + file, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

// The zone file's name under /usr/share/zoneinfo for `zone`, or "" when there is none (or the
// file there is no compiled zone). Letter case is ignored, as Intl ignores it: Profile.csv may
// say "america/new_york", and the page (Intl) converts with it, so the CLI must too. The name the person wrote is still the one
// written in the outputs (the manifest compares it with Profile.csv's), so both sides write
// the same bytes; only the file read is spelled the installed way.
std::string zone_file(const std::string& zone) {
  if (zone.empty() || zone.find("..") != std::string::npos || zone.front() == '/') return {};
  std::error_code ec;
  if (std::filesystem::is_regular_file(kZoneinfo + zone, ec)) return tzif(zone) ? zone : std::string();
  std::string found;
  size_t start = 0;
  while (start <= zone.size()) {
    const size_t slash = std::min(zone.find('/', start), zone.size());
    const std::string part = zone.substr(start, slash - start);
    std::string match;
    for (const auto& e : std::filesystem::directory_iterator(kZoneinfo + found, ec)) {
      const std::string name = e.path().filename().string();
      if (same_ignoring_ascii_case(name, part)) {
        match = name;
        break;
      }
    }
    if (match.empty()) return {};
    found += (found.empty() ? "" : "/") + match;
    start = slash + 1;
  }
  return std::filesystem::is_regular_file(kZoneinfo + found, ec) && tzif(found) ? found : std::string();
}

// The zone name in a path into zoneinfo ("/usr/share/zoneinfo/Europe/Berlin", as
// /etc/localtime links and as TZ may say), else the name as it is.
std::string after_zoneinfo(const std::string& path) {
  const size_t at = path.rfind("zoneinfo/");
  return at == std::string::npos ? path : path.substr(at + 9);
}

// glibc reads the TZ variable's zone file on tzset(); localtime_r then gives the offset.
class ZoneClock {
 public:
  explicit ZoneClock(const std::string& zone) {
    const char* old = std::getenv("TZ");
    had_ = old != nullptr;
    if (had_) old_ = old;
    setenv("TZ", zone.c_str(), 1);
    tzset();
  }
  ~ZoneClock() {
    if (had_) setenv("TZ", old_.c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }
  int32_t offset_at(int64_t utc) const {
    const time_t t = static_cast<time_t>(utc);
    struct tm local {};
    localtime_r(&t, &local);
    return static_cast<int32_t>(local.tm_gmtoff);
  }

 private:
  bool had_ = false;
  std::string old_;
};
}  // namespace

std::string machine_zone() {
  std::string name;
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    name = after_zoneinfo(tz[0] == ':' ? tz + 1 : tz);
  } else {
    // Where /etc/localtime links, as glibc reads it (a Docker image set with ln -sf may keep
    // a stale /etc/timezone); else /etc/timezone.
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink("/etc/localtime", ec).string();
    if (!ec && target.find("zoneinfo/") != std::string::npos) name = after_zoneinfo(target);
    if (name.empty()) {
      std::ifstream f("/etc/timezone");
      if (!f || !std::getline(f, name)) name.clear();
      while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.pop_back();
    }
  }
  return zone_file(name).empty() ? std::string() : name;
}

bool zone_exists(const std::string& zone, std::string& message) {
  // glibc silently falls back to UTC for a name it cannot find, so check the file first.
  if (zone.empty() || zone.find("..") != std::string::npos || zone.front() == '/') {
    message = "'" + zone + "' is not a time zone name";
    return false;
  }
  if (zone_file(zone).empty()) {
    message = "unknown time zone '" + zone + "' (expected an IANA name such as America/New_York)";
    return false;
  }
  return true;
}

std::vector<tz::Transition> zone_transitions(const std::string& zone, int64_t from, int64_t to) {
  ZoneClock clock(zone_file(zone));
  int64_t t = from;
  int32_t off = clock.offset_at(t);
  std::vector<tz::Transition> out{{t, off}};
  while (t < to) {
    const int64_t next = std::min(t + kScanStepSec, to);
    const int32_t next_off = clock.offset_at(next);
    if (next_off != off) {
      int64_t lo = t, hi = next;  // offset at lo is `off`, at hi it differs
      while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        if (clock.offset_at(mid) == off) lo = mid;
        else hi = mid;
      }
      off = clock.offset_at(hi);
      out.push_back({hi, off});
      t = hi;
      continue;
    }
    t = next;
  }
  return out;
}

}  // namespace ts::cli
