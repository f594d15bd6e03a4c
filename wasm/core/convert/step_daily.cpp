// A daily step: one metric's files of one name day (a 30-day per-minute file, usually), summed
// into local days over the span the plan gave it. Assembly adds the days of every step and
// cuts them into the 75-day Activities CSVs.
#include "core/convert/part_json.h"
#include "core/convert/step_input.h"
#include "core/daily/minute_series.h"

namespace ts::convert {

Error daily_step(StepInput& s, BundleWriter& out) {
  const BundleView& in = s.files;
  daily::DailySeries series;
  fitbit::Problems skipped;
  bool read = false;
  int metric = -1;
  for (const BundleFile& f : in.files) {
    daily::Metric m;
    if (!daily::metric_of_file(f.name, m)) return fail(Status::invalid_argument, "option 'step': " + std::string(f.name) + " is not a daily activity file");
    if (metric >= 0 && metric != static_cast<int>(m)) return fail(Status::invalid_argument, "option 'step': a daily step holds one metric");
    metric = static_cast<int>(m);
    int64_t bad = 0;
    if (Error e = series.add_file(m, f.data, false, bad)) {
      skipped.push_back({std::string(f.name), -1, e.message});
      continue;
    }
    read = true;
    if (bad) skipped.push_back({std::string(f.name), -1, std::to_string(bad) + " record(s) without a readable dateTime/value"});
  }
  int64_t outside = 0;
  const auto days = series.by_local_day(*s.zone, step_int_or(s, "from", INT64_MIN), step_int_or(s, "to", INT64_MAX), outside);
  std::string part;
  open_part(part, "daily", {}, skipped, {});
  part += ",\"metric\":\"";
  part += metric >= 0 ? daily::metric_name(static_cast<daily::Metric>(metric)) : "";
  part += std::string("\",\"read\":") + (read ? "true" : "false") + ",\"days\":[";
  bool first = true;
  for (const auto& [day, totals] : days) {
    if (!totals.has[metric]) continue;
    if (!first) part += ",";
    first = false;
    part += "[" + std::to_string(day) + ",";
    append_exact(part, totals.value[metric]);
    part += "]";
  }
  part += "],\"outside\":" + std::to_string(outside) + "}";
  add_step_outputs(out, part, {});
  return {};
}

}  // namespace ts::convert
