// The ISO stamps every output carries (common/civil_time.h): years 0-9999 are written digit
// by digit, others with snprintf. Both must give the text snprintf gives for the same fields:
// numbered rows at the edges, then 20,000 random instants across and beyond that range.
#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <string>

#include "core/common/civil_time.h"

namespace {

std::string expected(int64_t sec, bool with_time, const char* suffix) {
  const ts::civil::DateTime t = ts::civil::from_seconds(sec);
  char buf[64];
  if (with_time)
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u%s", static_cast<long long>(t.year), t.month, t.day,
                  t.hour, t.minute, t.second, suffix);
  else
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(t.year), t.month, t.day);
  return buf;
}

void check(int64_t sec) {
  INFO("second " << sec);
  CHECK(ts::civil::iso_utc(sec) == expected(sec, true, "Z"));
  CHECK(ts::civil::iso_local(sec) == expected(sec, true, ""));
  CHECK(ts::civil::iso_date(sec) == expected(sec, false, ""));
}

}  // namespace

TEST_CASE("civil time: ISO stamps as snprintf writes them", "[common]") {
  struct Row {
    int n;
    int64_t sec;
    const char* why;
  };
  const Row rows[] = {
      {1, 0, "the epoch"},
      {2, 1499258640, "a weigh-in of 2017 (docs/formats.md's sample)"},
      {3, 951782399, "the last second of 2000-02-28"},
      {4, 951782400, "2000-02-29, a leap day"},
      {5, -62167219200, "0000-01-01T00:00:00, the first year written digit by digit"},
      {6, -62167219201, "the second before: year -1, left to snprintf"},
      {7, 253402300799, "9999-12-31T23:59:59, the last second written digit by digit"},
      {8, 253402300800, "10000-01-01: five digits, left to snprintf"},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    check(r.sec);
  }
  std::mt19937_64 rng(1970);
  std::uniform_int_distribution<int64_t> any(-70000000000LL, 260000000000LL);
  for (int i = 0; i < 20000; ++i) check(any(rng));
}
