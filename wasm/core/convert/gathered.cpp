// Reading parts into a Gathered, writing a gathered part, and ts_gather (steps.h) on top of
// both; the format and why it keeps assembly's bytes are in gathered.h.
#include "core/convert/gathered.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <map>
#include <utility>

#include "core/common/byte_fields.h"
#include "core/common/json_members.h"
#include "core/common/json_writer.h"
#include "core/common/same_bytes.h"
#include "core/convert/bundle.h"
#include "core/convert/steps.h"
#include "simdjson.h"

namespace ts::convert {

using simdjson::dom::element;

void append_strings(element arr, std::vector<std::string>& out) {
  simdjson::dom::array a;
  if (arr.get_array().get(a)) return;
  for (element e : a) {
    std::string_view text;
    if (!e.get_string().get(text)) out.emplace_back(text);
  }
}

Error bad_part(size_t i, const std::string& what) {
  return fail(Status::format, "part " + std::to_string(i) + " is not one the core wrote (" + what + ")");
}

namespace {

// Civil days in a part: ±100,000,000 days (±270,000 years) holds every day a record can have
// and keeps day * 86400 far from overflowing. Parts come back from clients: a day outside is
// refused, not formatted.
constexpr int64_t kMaxPartDay = 100000000;

bool day_of(simdjson::simdjson_result<element> e, int64_t& day) {
  return !e.get_int64().get(day) && day >= -kMaxPartDay && day <= kMaxPartDay;
}

// The most a part states for one count (2^40: a heart-rate day's sum of readings over every
// reading of ten years of one-second data is under 2^35). Below it, any part the core reads
// gathers with itself without overflowing, however its counts were stated (a fuzzed gathered
// part's byte fields can hold any 64-bit number).
constexpr int64_t kMaxPartCount = int64_t{1} << 40;

// Adds a count a part states (never negative, at most kMaxPartCount) to a total, refusing one
// that would overflow.
bool add_stated(int64_t n, int64_t& total) { return n >= 0 && n <= kMaxPartCount && !__builtin_add_overflow(total, n, &total); }

// The most a day's total of one metric can be: 1,440 minutes of the largest value the minute
// reader takes (daily/minute_series.cpp refuses a minute above 1e7). A part stating more was not
// written by a step, and the bound keeps every cell of the daily CSV to a dozen digits (a
// client's day of 1e308 wrote 306 of them: 23 times its part's bytes).
constexpr double kMaxDayTotal = 1440 * 1e7;

// The most day values (a metric's total for a day) and heart-rate days a conversion gathers:
// 30 years of every metric each day, and a century of heart-rate days — well past the longest
// history a Fitbit account has (2009 on). Refused past them as they are read, so assembly's
// tables stay within the core's memory whatever a client sends back (a part of a million days
// ran it out of memory before the output budget was checked; 200,000 still did, with the part's
// JSON reader beside them).
constexpr size_t kMaxDayValues = 100000;
// Spilled pieces (gathered.h, DAILY SPANS), counted apart: monthly files cut at local midnight
// 14 h from UTC spill up to 56 quarter hours and 30 edge minutes a metric a month, ~75,000 in
// 30 years of the three per-minute metrics. Daily spans are at most as many as day values.
constexpr size_t kMaxSpillValues = 100000;
constexpr size_t kMaxHeartRateDays = 36600;
// Distinct days of daily totals assembly writes (a century, as heart-rate days): the daily CSVs
// hold a row per day, so values spread over 200,000 days wrote 2,669 CSVs (attack finding).
constexpr size_t kMaxDays = 36600;
// Output files a conversion's parts may state (weight files, activities, copies; the daily CSVs
// and tables are assembly's own): a workout a day for eighty years, past any export (a
// ten-year one makes ~3,000). Each entry costs assembly its parse and its manifest line, and
// forged parts of short paths stated 150,000 in 4 MiB, ~100 ms of CPU (attack round).
constexpr size_t kMaxOutputFiles = 30000;
std::string too_many_files() {
  return "the steps' parts state more than " + std::to_string(kMaxOutputFiles) +
         " output files, more than any export makes: parts no step wrote";
}
// Reference rows a conversion gathers per table (sleep, resting heart rate): a century of
// nights, or fifty years with a nap beside each night, past any history (a ten-year export has
// ~3,700 of each). Refused as they are read: three parts of 35,000 sleep rows each (4 MiB
// apiece, within the caps then) ran assembly out of memory (attack finding). With the route's
// parts of at most 1 MiB, 73,000 rows of 134 bytes in parts of 1 MiB took 71 of the core's
// 96 MB; both tables at this bound stay within it.
constexpr size_t kMaxReferenceRows = 40000;
std::string too_many_rows(std::string_view table) {
  return "more " + std::string(table) + " rows than a conversion has (" + std::to_string(kMaxReferenceRows) + ")";
}

// Adds one day value a part states, refusing one past the bounds above.
bool add_day_value(Gathered& g, int64_t day, int metric, double value) {
  if (!std::isfinite(value) || std::fabs(value) > kMaxDayTotal || g.day_values.size() >= kMaxDayValues) return false;
  g.day_values.push_back({day, metric, value});
  return true;
}

// A span's seconds: those of civil days within the part's range.
bool span_second(int64_t sec) { return sec >= -kMaxPartDay * 86400 && sec <= kMaxPartDay * 86400 + 86399; }

// A spilled piece (gathered.h, DAILY SPANS): a minute, quarter hour or day of UTC time that
// starts on its own boundary, within a day value's bounds, counted apart from the day values
// (kMaxSpillValues); its records a count.
bool add_spill_value(Gathered& g, std::vector<SpillEntry>& spill, const SpillEntry& e) {
  if (!std::isfinite(e.value) || std::fabs(e.value) > kMaxDayTotal || e.records < 0 || e.records > kMaxPartCount ||
      (e.seconds != 60 && e.seconds != 900 && e.seconds != 86400) || !span_second(e.start) || e.start % e.seconds != 0 ||
      g.spill_values >= kMaxSpillValues)
    return false;
  spill.push_back(e);
  ++g.spill_values;
  return true;
}


// The heart-rate day `day` of `days`, made when there is room for another day (nullptr when
// there is not).
reference::HeartRateDay* hr_day(reference::HeartRateDays& days, int64_t day) {
  if (days.size() >= kMaxHeartRateDays && days.find(day) == days.end()) return nullptr;
  return &days[day];
}

std::string too_many_hr_days() { return "more heart-rate days than a conversion has (" + std::to_string(kMaxHeartRateDays) + ")"; }

bool add_count(simdjson::simdjson_result<element> e, int64_t& total) {
  int64_t n = 0;
  return !e.get_int64().get(n) && add_stated(n, total);
}

// The same for a count a part may leave out.
bool add_optional_count(simdjson::simdjson_result<element> e, int64_t& total) {
  return e.error() == simdjson::NO_SUCH_FIELD || add_count(e, total);
}

// The members of a step part assembly reads (common/json_members.h: found in one pass).
enum class PartMember : uint8_t {
  kind, files, outputBytes, skipped, warnings, weightUnit, weighIns, autoDetected, implausibleLeftOut, missingMaps,
  metric, read, outside, days, rows, firstDay, lastDay, hrDays, span, before, after,
};
constexpr std::string_view kPartMemberNames[] = {
    "kind", "files", "outputBytes", "skipped", "warnings", "weightUnit", "weighIns", "autoDetected", "implausibleLeftOut",
    "missingMaps", "metric", "read", "outside", "days", "rows", "firstDay", "lastDay", "hrDays", "span", "before", "after",
};
using PartMembers = json::Members<sizeof(kPartMemberNames) / sizeof(kPartMemberNames[0])>;

// A part's skipped entries into the section's, each entry once (Section::skipped_seen).
void skipped_items(element arr, Section& s) {
  simdjson::dom::array a;
  if (arr.get_array().get(a)) return;
  for (element e : a) {
    std::string item = simdjson::minify(e);
    if (s.skipped_seen.insert(item).second) s.skipped.push_back(std::move(item));
  }
}

// Reference rows [[key, row], …] and the days they cover: the first of a repeated key wins.
// Rows come with the days they cover (the file entry names them); an entry that is not a
// [key, row] pair is passed over, and days without a row are not the table's.
Error add_rows(size_t i, std::string_view table, simdjson::simdjson_result<element> rows_e, simdjson::simdjson_result<element> first_e,
               simdjson::simdjson_result<element> last_e, GatheredRows& t) {
  simdjson::dom::array rows;
  if (rows_e.get_array().get(rows) || rows.size() == 0) return {};
  int64_t first, last;
  if (!day_of(first_e, first) || !day_of(last_e, last) || first > last)
    return bad_part(i, "reference rows without the days they cover");
  bool any = false;
  for (element r : rows) {
    std::string_view key, row;
    if (r.at(0).get_string().get(key) || r.at(1).get_string().get(row)) continue;
    if (t.size() >= kMaxReferenceRows) return bad_part(i, too_many_rows(table));
    t.add_copy(key, row);  // the parser's buffer is the next part's
    any = true;
  }
  if (any) t.cover(first, last);
  return {};
}

// [[day, min, max, sum, readings], …]: minima, maxima and integer sums, in any grouping.
Error add_hr_days(size_t i, simdjson::simdjson_result<element> e, reference::HeartRateDays& out) {
  simdjson::dom::array days;
  if (e.get_array().get(days)) return {};
  for (element d : days) {
    int64_t day, lo, hi;
    if (!day_of(d.at(0), day) || d.at(1).get_int64().get(lo) || d.at(2).get_int64().get(hi) || lo < 0 || hi < 0 ||
        lo > INT32_MAX || hi > INT32_MAX)
      return bad_part(i, "a heart-rate day that is not [day, min, max, sum, readings]");
    reference::HeartRateDay* found = hr_day(out, day);
    if (!found) return bad_part(i, too_many_hr_days());
    reference::HeartRateDay& h = *found;
    if (!add_count(d.at(3), h.sum) || !add_count(d.at(4), h.readings))
      return bad_part(i, "a heart-rate day whose sum or readings are not counts");
    h.min_bpm = std::min<int32_t>(h.min_bpm, static_cast<int32_t>(lo));
    h.max_bpm = std::max<int32_t>(h.max_bpm, static_cast<int32_t>(hi));
  }
  return {};
}

Error read_step_part(size_t i, const PartMembers& doc, std::string_view kind, Gathered& g) {
  // The kind told apart once (each == on a string_view is a memcmp call in WASM).
  const bool weight = same_bytes(kind, "weight"), workouts = same_bytes(kind, "workouts");
  Section& s = g.sections[std::string(kind)];
  element e;
  simdjson::dom::array entries;
  if (!doc[PartMember::files].get_array().get(entries))
    for (element f : entries) {
      if (++g.output_files > kMaxOutputFiles) return bad_part(i, too_many_files());
      s.files.push_back(s.minified.emplace_back(simdjson::minify(f)));
      ++s.file_count;
      std::string_view path;
      if (f["path"].get_string().get(path)) return bad_part(i, "a file entry without its path");
      s.paths.emplace_back(path);
    }
  uint64_t bytes = 0;
  if (!doc[PartMember::outputBytes].get_uint64().get(bytes)) s.output_bytes += bytes;
  if (!doc[PartMember::skipped].get(e)) skipped_items(e, s);
  if (!doc[PartMember::warnings].get(e)) append_strings(e, s.warnings);
  if (weight && !doc[PartMember::weightUnit].get(e)) g.weight_unit = simdjson::minify(e);
  if (weight && !doc[PartMember::weighIns].get(e)) g.weigh_ins = simdjson::minify(e);
  uint64_t n = 0;
  if (workouts && !doc[PartMember::autoDetected].get_uint64().get(n)) g.auto_detected += n;
  if (workouts && !doc[PartMember::implausibleLeftOut].get_uint64().get(n)) g.implausible_left_out += n;
  if (workouts && !doc[PartMember::missingMaps].get(e)) append_strings(e, g.missing_maps);
  if (same_bytes(kind, "daily")) {
    std::string_view metric;
    daily::Metric m;
    if (doc[PartMember::metric].get_string().get(metric) || !daily::metric_of_file(std::string(metric) + "-0.json", m))
      return bad_part(i, "a daily part without its metric");
    const int mi = static_cast<int>(m);
    bool read = false;
    if (!doc[PartMember::read].get_bool().get(read) && read) g.metric_read[mi] = true;
    if (!add_optional_count(doc[PartMember::outside], g.daily_outside)) return bad_part(i, "an 'outside' that is not a count");
    simdjson::dom::array days;
    if (!doc[PartMember::days].get_array().get(days))
      for (element d : days) {
        int64_t day;
        double v;
        if (!day_of(d.at(0), day) || d.at(1).get_double().get(v)) return bad_part(i, "a day that is not [day, value]");
        if (!add_day_value(g, day, mi, v))
          return bad_part(i, "a day's value past what 1,440 minutes hold, or more day values than a conversion has");
      }
    // Where its records lie and what its window left out (gathered.h, DAILY SPANS): a step
    // that read no record has no span.
    simdjson::dom::array span;
    if (!doc[PartMember::span].get_array().get(span)) {
      if (g.daily_spans.size() >= kMaxDayValues) return bad_part(i, "more daily spans than a conversion has");
      DailySpan s;
      s.metric = mi;
      int64_t cut = 0;
      if ((span.size() != 2 && span.size() != 4) || span.at(0).get_int64().get(s.first) || span.at(1).get_int64().get(s.last) ||
          !span_second(s.first) || !span_second(s.last) || s.first > s.last ||
          (span.size() == 4 && (span.at(2).get_int64().get(s.last_local) || !span_second(s.last_local) ||
                                span.at(3).get_int64().get(cut) || cut < 0 || cut > 1)))
        return bad_part(i, "a daily span that is not [first, last] seconds, or [first, last, last local, cut] for a local-time metric");
      s.cut = cut == 1;
      for (auto [member, list] : {std::pair{PartMember::before, &s.before}, std::pair{PartMember::after, &s.after}}) {
        simdjson::dom::array spilled;
        if (doc[member].get_array().get(spilled)) continue;
        for (element d : spilled) {
          SpillEntry e{};
          int64_t seconds = 0;
          if (d.at(0).get_int64().get(e.start) || d.at(1).get_int64().get(seconds) || seconds > INT32_MAX || !day_of(d.at(2), e.day) ||
              d.at(3).get_double().get(e.value) || d.at(4).get_int64().get(e.records))
            return bad_part(i, "a spilled piece that is not [start, seconds, day, value, records]");
          e.seconds = static_cast<int32_t>(seconds);
          if (!add_spill_value(g, *list, e))
            return bad_part(i, "a spilled piece that is not a minute, quarter hour or day on its boundary, or more spilled pieces than a conversion has");
        }
      }
      g.daily_spans.push_back(std::move(s));
    }
  }
  for (auto [name, table] : {std::pair{"sleep", &g.sleep}, std::pair{"resting_hr", &g.resting_hr}})
    if (same_bytes(kind, name))
      if (Error err = add_rows(i, name, doc[PartMember::rows], doc[PartMember::firstDay], doc[PartMember::lastDay], *table)) return err;
  if (same_bytes(kind, "heart_rate"))
    if (Error err = add_hr_days(i, doc[PartMember::hrDays], g.hr_days)) return err;
  ++g.steps;
  return {};
}

// The "tables" file of a gathered part (gathered.h): the per-minute days, the heart-rate days
// and the reference rows in the core's byte fields, not JSON. Assembly of ten years read
// ~400 KB of them as JSON, and parsing it was 41 % of assembly's CPU in V8's baseline tier,
// where a cold request runs (docs/benchmarks.md, bench-server-session).
constexpr size_t kDayBytes = 8 + 1 + 8, kHeartRateDayBytes = 8 + 4 + 4 + 8 + 8, kRowBytes = 4 + 4;
constexpr size_t kSpanBytes = 1 + 8 + 8 + 8 + 1 + 2 * 4, kSpillBytes = 8 + 4 + 8 + 8 + 8;

void write_tables(const Gathered& g, std::string& out) {
  ByteOut w{out};
  w.u32(static_cast<uint32_t>(g.day_values.size()));
  for (const DayValue& d : g.day_values) {
    w.i64(d.day);
    w.u8(static_cast<uint8_t>(d.metric));
    w.f64(d.value);
  }
  w.u32(static_cast<uint32_t>(g.hr_days.size()));
  for (const auto& [day, h] : g.hr_days) {
    w.i64(day);
    w.i32(h.min_bpm);
    w.i32(h.max_bpm);
    w.i64(h.sum);
    w.i64(h.readings);
  }
  std::vector<GatheredRows::Row> scratch;
  for (const GatheredRows* t : {&g.sleep, &g.resting_hr}) {
    const std::vector<GatheredRows::Row>& rows = t->sorted(scratch);  // read back in key order
    w.i64(t->first_day);
    w.i64(t->last_day);
    w.u32(static_cast<uint32_t>(rows.size()));
    for (const auto& [key, row] : rows) {
      w.str(key);
      w.str(row);
    }
  }
  w.u32(static_cast<uint32_t>(g.daily_spans.size()));
  for (const DailySpan& s : g.daily_spans) {
    w.u8(static_cast<uint8_t>(s.metric));
    w.i64(s.first);
    w.i64(s.last);
    w.i64(s.last_local);
    w.u8(s.cut ? 1 : 0);
    for (const std::vector<SpillEntry>* list : {&s.before, &s.after}) {
      w.u32(static_cast<uint32_t>(list->size()));
      for (const SpillEntry& e : *list) {
        w.i64(e.start);
        w.i32(e.seconds);
        w.i64(e.day);
        w.f64(e.value);
        w.i64(e.records);
      }
    }
  }
}

bool in_day_range(int64_t day) { return day >= -kMaxPartDay && day <= kMaxPartDay; }

// The same rules as the JSON members of a step part (add_rows, add_hr_days, "days"): counts
// checked against the bytes left before anything is reserved, every day in range, counts never
// negative nor overflowing, the first row of a repeated key kept.
Error read_tables(size_t i, std::string_view bytes, Gathered& g) {
  ByteIn r{bytes};
  const auto fits = [&](uint32_t n, size_t each) { return r.good && n <= (bytes.size() - r.at) / each; };
  const uint32_t days = r.u32();
  if (!fits(days, kDayBytes)) return bad_part(i, "gathered days that are not [day, metric, value]");
  g.day_values.reserve(g.day_values.size() + std::min<size_t>(days, kMaxDayValues - std::min(kMaxDayValues, g.day_values.size())));
  for (uint32_t k = 0; k < days; ++k) {
    const int64_t day = r.i64();
    const uint8_t metric = r.u8();
    const double value = r.f64();
    // A value JSON could not have held (NaN, infinity) is not one a step wrote (add_day_value).
    if (!r.good || !in_day_range(day) || metric >= daily::kMetricCount || !add_day_value(g, day, metric, value))
      return bad_part(i, "a gathered day that is not [day, metric, value], or more day values than a conversion has");
  }
  const uint32_t hr = r.u32();
  if (!fits(hr, kHeartRateDayBytes)) return bad_part(i, "gathered heart-rate days that are not [day, min, max, sum, readings]");
  for (uint32_t k = 0; k < hr; ++k) {
    const int64_t day = r.i64();
    const int32_t lo = r.i32(), hi = r.i32();
    const int64_t sum = r.i64(), readings = r.i64();
    if (!r.good || !in_day_range(day) || lo < 0 || hi < 0)
      return bad_part(i, "a heart-rate day that is not [day, min, max, sum, readings]");
    reference::HeartRateDay* found = hr_day(g.hr_days, day);
    if (!found) return bad_part(i, too_many_hr_days());
    reference::HeartRateDay& h = *found;
    if (!add_stated(sum, h.sum) || !add_stated(readings, h.readings))
      return bad_part(i, "a heart-rate day whose sum or readings are not counts");
    h.min_bpm = std::min(h.min_bpm, lo);
    h.max_bpm = std::max(h.max_bpm, hi);
  }
  for (auto [name, t] : {std::pair{"sleep", &g.sleep}, std::pair{"resting_hr", &g.resting_hr}}) {
    const int64_t first = r.i64(), last = r.i64();
    const uint32_t rows = r.u32();
    if (!fits(rows, kRowBytes)) return bad_part(i, "reference rows that are not [key, row]");
    if (t->size() + rows > kMaxReferenceRows) return bad_part(i, too_many_rows(name));
    if (rows == 0) continue;
    if (!in_day_range(first) || !in_day_range(last) || first > last) return bad_part(i, "reference rows without the days they cover");
    for (uint32_t k = 0; k < rows; ++k) {
      const std::string_view key = r.view(), row = r.view();
      if (!r.good) return bad_part(i, "reference rows that are not [key, row]");
      t->add_view(key, row);  // views into the part, which the caller keeps (gathered.h)
    }
    t->cover(first, last);
  }
  // Daily spans (gathered.h): absent in parts gathered before they were kept.
  if (r.good && !r.done()) {
    const uint32_t spans = r.u32();
    if (!fits(spans, kSpanBytes)) return bad_part(i, "gathered daily spans that are not [metric, first, last, spills]");
    if (g.daily_spans.size() + spans > kMaxDayValues) return bad_part(i, "more daily spans than a conversion has");
    for (uint32_t k = 0; k < spans; ++k) {
      DailySpan s;
      s.metric = r.u8();
      s.first = r.i64();
      s.last = r.i64();
      s.last_local = r.i64();
      const uint8_t cut = r.u8();
      s.cut = cut == 1;
      if (!r.good || s.metric >= daily::kMetricCount || !span_second(s.first) || !span_second(s.last) || s.first > s.last ||
          (s.last_local != 0 && !span_second(s.last_local)) || cut > 1)
        return bad_part(i, "a gathered daily span that is not [metric, first, last, spills]");
      for (std::vector<SpillEntry>* list : {&s.before, &s.after}) {
        const uint32_t n = r.u32();
        if (!fits(n, kSpillBytes)) return bad_part(i, "a gathered daily spill that is not [start, seconds, day, value, records] entries");
        for (uint32_t k2 = 0; k2 < n; ++k2) {
          SpillEntry e{};
          e.start = r.i64();
          e.seconds = r.i32();
          e.day = r.i64();
          e.value = r.f64();
          e.records = r.i64();
          if (!r.good || !in_day_range(e.day) || !add_spill_value(g, *list, e))
            return bad_part(i, "a gathered spilled piece that is not [start, seconds, day, value, records] on its boundary, or more spilled pieces than a conversion has");
        }
      }
      g.daily_spans.push_back(std::move(s));
    }
  }
  if (!r.done()) return bad_part(i, "gathered tables with bytes after their end");
  return {};
}

Error read_section(size_t i, element e, std::string_view fragment, Gathered& g) {
  std::string_view kind;
  uint64_t count = 0, bytes = 0;
  simdjson::dom::array paths;
  if (e["kind"].get_string().get(kind) || e["files"].get_uint64().get(count) || e["outputBytes"].get_uint64().get(bytes) ||
      e["paths"].get_array().get(paths) || paths.size() != count || (count == 0) != fragment.empty())
    return bad_part(i, "a gathered section that does not match its files");
  if ((g.output_files += count) > kMaxOutputFiles) return bad_part(i, too_many_files());
  Section& s = g.sections[std::string(kind)];
  for (element p : paths) {
    std::string_view path;
    if (p.get_string().get(path)) return bad_part(i, "a gathered path that is not a string");
    s.paths.emplace_back(path);
  }
  if (count) s.files.emplace_back(fragment);
  s.file_count += count;
  s.output_bytes += bytes;
  element items;
  if (!e["skipped"].get(items)) skipped_items(items, s);
  if (!e["warnings"].get(items)) append_strings(items, s.warnings);
  return {};
}

Error read_gathered(size_t i, std::string_view bytes, bool padded, Gathered& g) {
  // A parser of its own: gathered parts are few (a handful per assembly).
  BundleView b;
  if (decode_bundle(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), padded ? kReadablePadding : 0, b) ||
      b.files.size() < 2 || b.files[0].name != "gathered.json" || b.files.back().name != "tables")
    return bad_part(i, "a gathered part that is not a bundle of gathered.json, its sections and its tables");
  simdjson::dom::parser parser;
  element head, doc;
  uint64_t steps = 0;
  if (parser.parse(b.options.data(), b.options.size(), true).get(head) || head["gathered"].get_uint64().get(steps))
    return bad_part(i, "a gathered part without its count of parts");
  if (parser.parse(b.files[0].data.data(), b.files[0].data.size(), !b.padded).get(doc) || !doc.is_object())
    return bad_part(i, "gathered.json is not a JSON object");
  simdjson::dom::array sections;
  if (doc["sections"].get_array().get(sections) || sections.size() != b.files.size() - 2)
    return bad_part(i, "a gathered part whose sections do not match its files");
  size_t at = 1;
  for (element s : sections)
    if (Error err = read_section(i, s, b.files[at++].data, g)) return err;
  element e;
  if (!doc["weightUnit"].get(e)) g.weight_unit = simdjson::minify(e);
  if (!doc["weighIns"].get(e)) g.weigh_ins = simdjson::minify(e);
  uint64_t n = 0;
  if (!doc["autoDetected"].get_uint64().get(n)) g.auto_detected += n;
  if (!doc["implausibleLeftOut"].get_uint64().get(n)) g.implausible_left_out += n;
  if (!doc["missingMaps"].get(e)) append_strings(e, g.missing_maps);
  if (!add_optional_count(doc["outside"], g.daily_outside)) return bad_part(i, "an 'outside' that is not a count");
  simdjson::dom::array list;
  if (!doc["metricRead"].get_array().get(list)) {
    int m = 0;
    for (element r : list) {
      bool read = false;
      if (m < daily::kMetricCount && !r.get_bool().get(read) && read) g.metric_read[m] = true;
      ++m;
    }
  }
  if (Error err = read_tables(i, b.files.back().data, g)) return err;
  g.steps += steps;
  return {};
}

}  // namespace

Error PartReader::add(size_t i, std::string_view bytes, bool padded, Gathered& g) {
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "TSB1", 4) == 0) return read_gathered(i, bytes, padded, g);
  element doc;
  if (parser_.parse(bytes.data(), bytes.size(), !padded).get(doc) || !doc.is_object()) return bad_part(i, "not a JSON object");
  const PartMembers members(doc.get_object().value_unsafe(), kPartMemberNames);  // an object: checked above
  std::string_view kind;
  if (members[PartMember::kind].get_string().get(kind)) return bad_part(i, "no 'kind'");
  if (same_bytes(kind, "plan")) return bad_part(i, "a second plan part");
  return read_step_part(i, members, kind, g);
}

std::string write_gathered(const Gathered& g) {
  std::string head;
  json::Writer(head).object().member("gathered", g.steps).end();
  std::string doc;
  json::Writer w(doc);
  w.object().key("sections").array();
  for (const auto& [kind, s] : g.sections) {
    w.object().member("kind", kind).member("files", s.file_count).member("outputBytes", s.output_bytes).key("paths").array();
    for (const std::string& p : s.paths) w.value(p);
    w.end().key("skipped").array();
    for (const std::string& item : s.skipped) w.raw(item);
    w.end().key("warnings").array();
    for (const std::string& text : s.warnings) w.value(text);
    w.end().end();
  }
  w.end();
  if (!g.weight_unit.empty()) w.key("weightUnit").raw(g.weight_unit);
  if (!g.weigh_ins.empty()) w.key("weighIns").raw(g.weigh_ins);
  w.member("autoDetected", g.auto_detected).member("implausibleLeftOut", g.implausible_left_out).key("missingMaps").array();
  for (const std::string& m : g.missing_maps) w.value(m);
  w.end().member("outside", g.daily_outside).key("metricRead").array();
  for (bool read : g.metric_read) w.value(read);
  w.end().end();

  BundleWriter out(head);
  out.add("gathered.json", doc);
  for (const auto& [kind, s] : g.sections) {
    std::string fragment;
    size_t size = s.files.empty() ? 0 : s.files.size() - 1;
    for (std::string_view f : s.files) size += f.size();
    fragment.reserve(size);
    for (std::string_view f : s.files) {
      if (!fragment.empty()) fragment += ',';
      fragment += f;
    }
    out.add(kind, fragment);
  }
  std::string tables;
  write_tables(g, tables);
  out.add("tables", tables);
  return out.finish();
}

Error gather_parts(const BundleView& in, std::string& out) {
  if (in.files.empty()) return fail(Status::invalid_argument, "gathering needs at least one step's part.json or gathered part");
  Gathered g;
  PartReader parts;
  for (size_t i = 0; i < in.files.size(); ++i)
    if (Error e = parts.add(i, in.files[i].data, in.padded, g)) return e;
  out = write_gathered(g);
  return {};
}

namespace {

// Whether `list` (one span's pieces, in time order as a step writes them) has a piece that
// overlaps [from, to). Pieces of one span do not overlap, so their ends are in order too.
bool spills_into(const std::vector<SpillEntry>& list, int64_t from, int64_t to) {
  const auto it = std::partition_point(list.begin(), list.end(), [&](const SpillEntry& e) { return e.start + e.seconds <= from; });
  return it != list.end() && it->start < to;
}

// The most spans walked past for one piece before it is dropped unweighed: real files overlap
// two or three deep, and a client's crafted parts (many short spans under one long one) must
// not make judging quadratic.
constexpr size_t kMaxSpansWeighed = 64;

// The spilled pieces that count (gathered.h, DAILY SPANS), and the records of those that do
// not. A piece of span X is weighed against every other span R of its metric whose records
// reach into it:
//   - R has no piece there: R holds those minutes in its own window (it counts them), and X's
//     piece is dropped;
//   - R spills them too (both files run past their own days into a third's, which has no
//     records there): the span read first keeps its piece, so the minutes count once.
// The spans reaching into a piece are found from the spans sorted by first record: those that
// start before the piece ends are a prefix, walked back while the prefix's latest end still
// reaches the piece (real files: the two or three that overlap it).
void judge_spills(const Gathered& g, std::vector<DayValue>& kept, int64_t& dropped) {
  for (int metric = 0; metric < daily::kMetricCount; ++metric) {
    std::vector<size_t> order;
    for (size_t i = 0; i < g.daily_spans.size(); ++i)
      if (g.daily_spans[i].metric == metric) order.push_back(i);
    if (order.empty()) continue;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return g.daily_spans[a].first < g.daily_spans[b].first; });
    std::vector<int64_t> firsts, latest;  // latest[k]: the latest last record of order[0..k]
    firsts.reserve(order.size());
    latest.reserve(order.size());
    for (size_t k = 0; k < order.size(); ++k) {
      const DailySpan& s = g.daily_spans[order[k]];
      firsts.push_back(s.first);
      latest.push_back(k > 0 ? std::max(latest[k - 1], s.last) : s.last);
    }
    // Whether the piece [from, to) of span `own` (an index in read order) counts.
    const auto counts = [&](size_t own, int64_t from, int64_t to) {
      size_t k = static_cast<size_t>(std::lower_bound(firsts.begin(), firsts.end(), to) - firsts.begin());
      for (size_t walked = 0; k > 0 && latest[k - 1] >= from; --k) {
        if (++walked > kMaxSpansWeighed) return false;
        const size_t r = order[k - 1];
        const DailySpan& other = g.daily_spans[r];
        if (r == own || other.last < from) continue;
        const bool spills = spills_into(other.before, from, to) || spills_into(other.after, from, to);
        if (!spills || r < own) return false;
      }
      return true;
    };
    for (size_t i : order) {
      const DailySpan& s = g.daily_spans[i];
      for (const std::vector<SpillEntry>* list : {&s.before, &s.after})
        for (const SpillEntry& e : *list) {
          if (counts(i, e.start, e.start + e.seconds)) kept.push_back({e.day, metric, e.value});  // bounded: gathered.h
          else dropped += e.records;
        }
    }
  }
}

}  // namespace

Error day_totals(const Gathered& g, int64_t& outside, daily::DayList& out) {
  out.clear();
  outside = g.daily_outside;
  std::vector<DayValue> spilled;
  judge_spills(g, spilled, outside);
  if (g.day_values.empty() && spilled.empty()) return {};
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const std::vector<DayValue>* list : {&g.day_values, static_cast<const std::vector<DayValue>*>(&spilled)})
    for (const DayValue& d : *list) {
      lo = std::min(lo, d.day);
      hi = std::max(hi, d.day);
    }
  const auto add = [](daily::DayTotals& t, const DayValue& d) {
    t.value[d.metric] += d.value;
    t.has[d.metric] = true;
  };
  const auto too_many = [] {
    return fail(Status::format, "the steps' parts state daily totals for more than " + std::to_string(kMaxDays) +
                                    " days (a century), more than a conversion has");
  };
  // The days of an export lie close together (thirty years of every metric each day: ~11,000
  // days), so a slot per day of their span sums them without sorting or a tree: a map lookup
  // per value was a tenth of a ten-year assembly in V8's baseline tier. The slots are at most
  // a century and a year of days (3.5 MB), whatever the parts say.
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;  // days are within ±100,000,000 (gathered.h)
  if (span <= kMaxDays + 366) {
    std::vector<daily::DayTotals> slots(span);
    for (const DayValue& d : g.day_values) add(slots[static_cast<size_t>(d.day - lo)], d);
    for (const DayValue& d : spilled) add(slots[static_cast<size_t>(d.day - lo)], d);
    for (size_t k = 0; k < slots.size(); ++k)
      if (std::find(std::begin(slots[k].has), std::end(slots[k].has), true) != std::end(slots[k].has)) {
        if (out.size() == kMaxDays) return too_many();
        out.emplace_back(lo + static_cast<int64_t>(k), slots[k]);
      }
    return {};
  }
  // Far-apart days: the values sorted by day, stably, so each day's are summed in the order
  // read (the day values, then the spills that count), as in the slots. A sort, not a map of
  // totals: 200,000 values on days 400 apart cost a client's assembly ~250 ms in a map
  // (attack finding). At most a century of distinct days is written.
  std::vector<DayValue> all;
  all.reserve(g.day_values.size() + spilled.size());
  all.insert(all.end(), g.day_values.begin(), g.day_values.end());
  all.insert(all.end(), spilled.begin(), spilled.end());
  std::stable_sort(all.begin(), all.end(), [](const DayValue& a, const DayValue& b) { return a.day < b.day; });
  for (size_t i = 0; i < all.size();) {
    if (out.size() == kMaxDays) return too_many();
    daily::DayTotals t;
    const int64_t day = all[i].day;
    for (; i < all.size() && all[i].day == day; ++i) add(t, all[i]);
    out.emplace_back(day, t);
  }
  return {};
}

}  // namespace ts::convert
