// A daily step: one metric's files of one name day (a 30-day per-minute file, usually), summed
// into local days over the span the plan gave it. Assembly adds the days of every step and
// cuts them into the 75-day Activities CSVs. What the files hold outside the span is summed
// apart ("before", "after"), with where the files' records lie ("span"): assembly counts it
// when no neighbouring file holds the same time, and names it when one does (gathered.h).
#include <algorithm>
#include <utility>

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
  daily::SpanEdges edges;
  const auto days = series.by_local_day(*s.zone, step_int_or(s, "from", INT64_MIN), step_int_or(s, "to", INT64_MAX), edges);
  std::string part;
  json::Writer w(part);
  open_part(w, "daily", o);
  const auto write_days = [&](const std::map<int64_t, daily::DayTotals>& list) {
    w.array();
    for (const auto& [day, totals] : list)
      if (totals.has[metric]) w.array().value(day).exact(totals.value[metric]).end();
    w.end();
  };
  w.member("metric", metric >= 0 ? daily::metric_name(static_cast<daily::Metric>(metric)) : "").member("read", read).key("days");
  write_days(days);
  if (edges.any) {
    w.key("span").array().value(edges.first).value(edges.last);
    // A local-time metric's last reading on its own clock (the zone this step placed it with,
    // which assembly is not given) and whether a file was cut short: gathered.h DailySpan.
    if (metric >= 0 && daily::is_local_time(static_cast<daily::Metric>(metric))) {
      const bool cut = std::any_of(o.skipped.begin(), o.skipped.end(), [](const fitbit::Problem& p) {
        return p.reason == daily::kCutShortReason;
      });
      w.value(edges.last + s.zone->offset_at(edges.last)).value(cut ? 1 : 0);
    }
    w.end();
  }
  // [[start, seconds, local day, value, records], …]: pieces of UTC time (minute_series.h).
  for (const auto& [name, spill] : {std::pair{"before", &edges.before}, std::pair{"after", &edges.after}}) {
    if (spill->records == 0) continue;
    w.key(name).array();
    for (const daily::SpillPiece& p : spill->pieces)
      if (p.totals.has[metric])
        w.array().value(p.start).value(p.seconds).value(p.day).exact(p.totals.value[metric]).value(p.records).end();
    w.end();
  }
  w.end();
  add_step_outputs(out, part, {});
  return {};
}

}  // namespace ts::convert
