#include "core/convert/daily_gaps.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>

#include "core/convert/daily_outputs.h"
#include "core/convert/health_index.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_time.h"

namespace ts::convert {

namespace {
bool every_minute(daily::Metric m) { return m != daily::Metric::floors && m != daily::Metric::altitude_ft; }
}  // namespace

void daily_gap_warnings(const BundleView& in, const std::vector<size_t>& daily_files, std::vector<std::string>& warnings) {
  std::set<int64_t> starts[daily::kMetricCount];  // each metric's files' name days
  std::set<int64_t> all;                          // of every per-minute metric
  for (size_t fi : daily_files) {
    daily::Metric m;
    int64_t day;
    if (!daily::metric_of_file(in.files[fi].name, m) || !every_minute(m) || !day_in_name(in.files[fi].name, day)) continue;
    starts[static_cast<int>(m)].insert(day);
    all.insert(day);
  }
  // Metrics lacking the same periods are said in one line (steps and distance come from one
  // device and lack the same files).
  struct Gap {
    std::string columns;
    std::vector<int64_t> missing;
  };
  std::vector<Gap> gaps;
  for (int i = 0; i < daily::kMetricCount; ++i) {
    if (starts[i].empty()) continue;  // a metric with no file at all: the report's metrics list, and the zip, say it
    Gap g;
    std::set_difference(all.begin(), all.end(), starts[i].begin(), starts[i].end(), std::back_inserter(g.missing));
    if (g.missing.empty()) continue;
    const std::string column = daily_column_name(static_cast<daily::Metric>(i));
    auto same = std::find_if(gaps.begin(), gaps.end(), [&](const Gap& x) { return x.missing == g.missing; });
    if (same != gaps.end()) {
      same->columns += ", " + column;
      continue;
    }
    g.columns = column;
    gaps.push_back(std::move(g));
  }
  for (const Gap& g : gaps) {
    const size_t n = g.missing.size();
    const std::string which = n == 1 ? "the one beginning " + fitbit::format_day(g.missing.front())
                                     : "the first beginning " + fitbit::format_day(g.missing.front()) + ", the last " +
                                           fitbit::format_day(g.missing.back());
    warnings.push_back("daily activity: no " + g.columns + " file for " + std::to_string(n) + " of the " + std::to_string(all.size()) +
                       " periods of about 30 days the export's other daily files cover (" + which +
                       "): on those days the daily CSV will have 0 in " + g.columns + " (a day with nothing recorded at all is left out). If the export came in several Takeout parts, add every part");
  }
}

}  // namespace ts::convert
