// A daily step: one metric's files of one name day (a 30-day per-minute file, usually), summed
// into local days over the span the plan gave it. Assembly adds the days of every step and
// cuts them into the 75-day Activities CSVs.
#include "core/convert/part_json.h"
#include "core/convert/step_input.h"
#include "core/daily/minute_series.h"

namespace ts::convert {

Error daily_step(StepInput& s, BundleWriter& out) {
  daily::DailySeries series;
  HealthOutputs o;
  bool read = false;
  int metric = -1;
  for (const BundleFile& f : s.files.files) {
    daily::Metric m;
    if (!daily::metric_of_file(f.name, m))
      return fail(Status::invalid_argument, "option 'step': " + std::string(f.name) + " is not a daily activity file");
    if (metric >= 0 && metric != static_cast<int>(m)) return fail(Status::invalid_argument, "option 'step': a daily step holds one metric");
    metric = static_cast<int>(m);
    if (Error e = series.add_file(m, f.name, f.data, false, o.skipped)) {
      o.skipped.push_back(fitbit::file_unread(f.name, e.message));
      continue;
    }
    read = true;
  }
  int64_t outside = 0;
  const auto days = series.by_local_day(*s.zone, step_int_or(s, "from", INT64_MIN), step_int_or(s, "to", INT64_MAX), outside);
  std::string part;
  json::Writer w(part);
  open_part(w, "daily", o);
  w.member("metric", metric >= 0 ? daily::metric_name(static_cast<daily::Metric>(metric)) : "").member("read", read).key("days").array();
  for (const auto& [day, totals] : days)
    if (totals.has[metric]) w.array().value(day).exact(totals.value[metric]).end();
  w.end().member("outside", outside).end();
  add_step_outputs(out, part, {});
  return {};
}

}  // namespace ts::convert
