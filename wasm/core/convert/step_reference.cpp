// Reference steps: what Garmin Connect cannot import, one file (or, for the small resting
// heart-rate files, up to 64 of them: plan.cpp add_reference_steps) per step. Sleep and resting heart rate hand their rows to
// assembly, which writes each table once (the first of a repeated key wins, in plan order);
// heart-rate days hand per-local-day minimum, maximum, sum and count; other CSVs are copied.
#include <algorithm>
#include <numeric>

#include "core/convert/output_paths.h"
#include "core/convert/part_json.h"
#include "core/convert/reference_outputs.h"
#include "core/convert/step_input.h"
#include "core/fitbit/heart_rate_slices.h"
#include "core/reference/heart_rate_csv.h"
#include "core/reference/sleep_csv.h"

namespace ts::convert {

namespace {

// A month holds at most 31 days, and its "jsonDays" name the JSON days a day either side of it
// too (a JSON day file cut at local midnight reaches into the next or previous UTC day).
constexpr size_t kMaxJsonDays = 33;
// About 270,000 years either side of 1970: far past any record, well inside int64 seconds.
constexpr int64_t kMaxDayNumber = 100000000;

Error table_step(StepInput& s, const char* kind, reference::ReferenceTable table, AddTableFile add, BundleWriter& out) {
  HealthOutputs o;
  std::vector<size_t> all(s.files.files.size());
  std::iota(all.begin(), all.end(), size_t{0});
  read_table(s.files, all, add, table, o.skipped);
  std::string part;
  json::Writer w(part);
  open_part(w, kind, o);
  w.key("rows").array();
  for (const auto& [key, row] : table.rows) w.array().value(key).value(row).end();
  w.end();
  if (!table.empty()) w.member("firstDay", table.first_day).member("lastDay", table.last_day);
  w.end();
  add_step_outputs(out, part, {});
  return {};
}

}  // namespace

Error sleep_step(StepInput& s, BundleWriter& out) {
  return table_step(s, "sleep", reference::make_sleep_table(), reference::add_sleep_file, out);
}

Error resting_hr_step(StepInput& s, BundleWriter& out) {
  return table_step(s, "resting_hr", reference::make_resting_hr_table(), reference::add_resting_hr_file, out);
}

Error heart_rate_step(StepInput& s, BundleWriter& out) {
  reference::HeartRateDays days;
  HealthOutputs o;
  // "slice": [i, k] (plan.cpp: a day over the file cap is k steps): slice i of the day's
  // records (fitbit/heart_rate_slices.h), or its piece as the page sent it (step_pieces.h).
  uint32_t slice = 0, slices = 1;
  simdjson::dom::array sl;
  if (!s.step["slice"].get_array().get(sl)) {
    uint64_t i = 0, k = 0;
    if (sl.size() != 2 || sl.at(0).get_uint64().get(i) || sl.at(1).get_uint64().get(k) || k == 0 || k > fitbit::kMaxHeartRateSlices || i >= k)
      return fail(Status::invalid_argument, "option 'step': 'slice' must be [i, k], 0 <= i < k <= " + std::to_string(fitbit::kMaxHeartRateSlices));
    slice = static_cast<uint32_t>(i);
    slices = static_cast<uint32_t>(k);
  }
  // "jsonDays": the days of the export's heart-rate JSON files a Google file's days meet
  // (plan.cpp): its readings of those files' UTC and local days are theirs.
  std::vector<int64_t> json_days;
  simdjson::dom::array jd;
  if (!s.step["jsonDays"].get_array().get(jd)) {
    if (jd.size() > kMaxJsonDays) return fail(Status::invalid_argument, "option 'step': 'jsonDays' holds at most " + std::to_string(kMaxJsonDays) + " days");
    for (simdjson::dom::element e : jd) {
      int64_t d = 0;
      if (e.get_int64().get(d) || d < -kMaxDayNumber || d > kMaxDayNumber)
        return fail(Status::invalid_argument, "option 'step': 'jsonDays' must be days (whole numbers since 1970-01-01)");
      json_days.push_back(d);
    }
    std::sort(json_days.begin(), json_days.end());
  }
  // Unreadable readings are not listed: the summary counts the readings it has, and
  // ts_inspect_file counts the rest.
  fitbit::Problems unread_readings;
  std::string text;
  for (const BundleFile& f : s.files.files) {
    std::string_view data = f.data;
    fitbit::SliceSpan span;
    if (slices > 1 && !f.whole_size) {
      if (fitbit::heart_rate_slice(f.data, slice, slices, span)) {
        text.assign("[").append(f.data.substr(span.begin, span.end - span.begin)).append("]");
        data = text;
      } else if (slice > 0) {
        continue;  // not sliceable: slice 0 reads the whole day
      }
    }
    if (Error e = reference::add_heart_rate_file(f.name, data, false, *s.zone, days, unread_readings, json_days))
      o.skipped.push_back(fitbit::file_unread(f.name, e.message));
  }
  std::string part;
  json::Writer w(part);
  open_part(w, "heart_rate", o);
  w.key("hrDays").array();
  for (const auto& [day, d] : days)
    if (d.readings > 0) w.array().value(day).value(d.min_bpm).value(d.max_bpm).value(d.sum).value(d.readings).end();
  w.end().end();
  add_step_outputs(out, part, {});
  return {};
}

// The plan gave the copy its path ("output"): made safe and unique among all other files at
// once, so this step only checks it is a safe path under reference/other/.
Error other_step(StepInput& s, BundleWriter& out) {
  std::string_view output;
  if (s.step["output"].get_string().get(output) || output.substr(0, 16) != "reference/other/" || !is_safe_path(output) ||
      s.files.files.size() != 1)
    return fail(Status::invalid_argument, "option 'step' of kind other must name one file and its safe 'output' path");
  HealthOutputs o;
  for (const BundleFile& f : s.files.files) copy_other_health_file(f.name, f.data, std::string(output), o);
  std::string part;
  json::Writer w(part);
  open_part(w, "other", o);
  w.end();
  add_step_outputs(out, part, o.files);
  return {};
}

}  // namespace ts::convert
