#include "core/daily/minute_series.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/common/json_elements.h"
#include "core/common/same_bytes.h"
#include "core/daily/minute_scan.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"
#include "core/fitbit/record_array.h"

namespace ts::daily {

namespace {

struct Prefix {
  const char* prefix;
  Metric metric;
};

constexpr Prefix kPrefixes[] = {
    {"steps-", Metric::steps},
    {"distance-", Metric::distance_cm},
    {"calories-", Metric::calories},
    {"floors-", Metric::floors},
    {"altitude-", Metric::altitude_ft},
    {"sedentary_minutes-", Metric::sedentary_minutes},
    {"lightly_active_minutes-", Metric::lightly_active_minutes},
    {"moderately_active_minutes-", Metric::fairly_active_minutes},
    {"very_active_minutes-", Metric::very_active_minutes},
};

bool value_of(simdjson::ondemand::value e, double& out) {
  std::string_view s;
  if (!e.get_string().get(s)) return fitbit::parse_decimal(s, out);  // values are strings: "5"
  int64_t i;
  double d;
  if (!e.get_int64().get(i)) out = static_cast<double>(i);
  else if (!e.get_double().get(d)) out = d;
  else return false;
  return std::isfinite(out);
}

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

// Letter case ignored (ASCII), as the classifier ignores it (fitbit/file_kinds.h): a file it
// counts as per-minute data ("STEPS-2023-01-01.json", "steps-….JSON") must give its metric,
// or the plan lists no step for it and its data is lost without a word.
bool metric_of_file(std::string_view path, Metric& out) {
  const size_t slash = path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (base.size() < 5 || !same_ignoring_ascii_case(base.substr(base.size() - 5), ".json")) return false;
  for (const Prefix& p : kPrefixes) {
    const size_t n = std::strlen(p.prefix);
    if (base.size() > n && same_ignoring_ascii_case(base.substr(0, n), p.prefix) && base[n] >= '0' && base[n] <= '9') {
      out = p.metric;
      return true;
    }
  }
  return false;
}

const char* metric_name(Metric m) {
  switch (m) {
    case Metric::steps: return "steps";
    case Metric::distance_cm: return "distance";
    case Metric::calories: return "calories";
    case Metric::floors: return "floors";
    case Metric::altitude_ft: return "altitude";
    case Metric::sedentary_minutes: return "sedentary_minutes";
    case Metric::lightly_active_minutes: return "lightly_active_minutes";
    case Metric::fairly_active_minutes: return "moderately_active_minutes";
    case Metric::very_active_minutes: return "very_active_minutes";
    case Metric::count_: break;
  }
  return "unknown";
}

bool is_per_minute(Metric m) {
  return m == Metric::steps || m == Metric::distance_cm || m == Metric::calories ||
         m == Metric::floors || m == Metric::altitude_ft;
}

bool is_local_time(Metric m) { return m == Metric::calories || m == Metric::floors || m == Metric::altitude_ft; }

Error DailySeries::add_file(Metric m, std::string_view path, std::string_view data, bool padded,
                            fitbit::Problems& problems, Reader reader) {
  std::vector<Point>& pts = points_[static_cast<int>(m)];
  const size_t before = pts.size();
  const bool per_minute = is_per_minute(m);
  int64_t skipped = 0, placeholders = 0;
  // Fitbit's records are about 45 bytes each: room for the file's records up front, so a month
  // of per-minute data (~45,000) is not copied a dozen times as the vector grows.
  pts.reserve(before + data.size() / 40);
  fitbit::ExportDateTimeReader stamps;
  // The repeated hour (minute_series.h): the highest local minute this file has reached, and
  // while a run of records goes back over it, the minute the run ends after.
  const bool local_time = per_minute && is_local_time(m);
  int64_t highest = INT64_MIN, again_until = INT64_MIN;
  // One record, from either reader: kept, or counted as skipped.
  auto take = [&](std::string_view date_time, bool value_ok, double v) {
    // "12/31/99": Fitbit's date for none (real 2026 exports pad their daily files with such
    // records; helper finding: a warning named 1999-12-31 as a day of the history). No Fitbit
    // recorded in 1999; left out, and counted apart from the unreadable.
    if (date_time.substr(0, 8) == "12/31/99") {
      ++placeholders;
      return true;
    }
    int64_t sec;
    if (!value_ok || v < 0 || !stamps.read(date_time, sec)) return false;
    int64_t key = per_minute ? floor_div(sec, 60) : fitbit::day_of(sec);
    if (local_time) {
      if (key > again_until) again_until = INT64_MIN;  // past the repeated hour: first readings again
      if (again_until == INT64_MIN && key < highest && highest - key <= kRepeatedMinutesMax) again_until = highest;
      highest = std::max(highest, key);
      key = key * 2 + (again_until != INT64_MIN ? 1 : 0);
    }
    if (key < INT32_MIN || key > INT32_MAX || v > 1e7) return false;
    pts.push_back({static_cast<int32_t>(key), static_cast<float>(v)});
    return true;
  };
  const auto restart = [&] {
    pts.resize(before);
    skipped = 0;
    placeholders = 0;
    highest = again_until = INT64_MIN;
  };
  const auto scan = [&](std::string_view text) {
    return reader == Reader::fast_first && scan_minute_records(text, [&](std::string_view date_time, bool value_ok, double v) {
             if (!take(date_time, value_ok, v)) ++skipped;
           });
  };
  const auto read_all = [&](std::string_view text, bool text_padded) {
    return fitbit::read_record_array(
        text, text_padded, "expected a JSON array of {dateTime, value} records",
        [&](std::string_view date_time, simdjson::ondemand::value value) {
          double v = 0;
          const bool ok = value_of(value, v);
          return take(date_time, ok, v);
        },
        skipped);
  };
  const auto counted = [&] {
    fitbit::add_skipped_count(problems, path, skipped, "record(s) without a readable dateTime/value");
    fitbit::add_skipped_count(problems, path, placeholders, "record(s) dated 12/31/99, Fitbit's date for none, left out");
  };
  if (scan(data)) {
    counted();
    return {};
  }
  // Not the shape the scan takes: what it handed on is dropped. A file cut short (a copy or an
  // unpacking stopped part way) keeps the records that end before its defect, as the weight and
  // exercise readers keep theirs: its whole month was lost, and the daily CSV said the export
  // had no steps at all (helper finding). json::array_elements finds where they lie, and they
  // are read as an array of their own, by the scan first: found before simdjson reads the
  // whole text, a cut costs simdjson nothing (review finding: parsed whole, then again, 2.5
  // times a whole file's CPU). Any other text simdjson reads as it is. Both readers read the
  // same text, so the scan and simdjson give the same (the minute fuzz target's check: keeping
  // what the scan had handed, when it stopped where the elements did, kept a record whose
  // "element" ran on into bytes no JSON has, which simdjson then refused).
  restart();
  std::vector<json::ByteRange> elements;
  simdjson::padded_string prefix;  // padded: read in place, not copied once more
  std::string_view text = data;
  bool text_padded = padded;
  const bool whole = json::array_elements(data, elements);
  const size_t to = elements.empty() ? 0 : elements.back().offset + elements.back().length;
  if (!whole && !elements.empty()) {
    const size_t from = elements.front().offset;
    prefix = simdjson::padded_string(to - from + 2);
    char* p = prefix.data();
    p[0] = '[';
    std::memcpy(p + 1, data.data() + from, to - from);
    p[to - from + 1] = ']';
    text = std::string_view(prefix.data(), prefix.size());
    text_padded = true;
  }
  if (text.data() == data.data() || !scan(text)) {
    restart();
    if (const Error err = read_all(text, text_padded)) {
      restart();  // a file whose records cannot be read is taken whole or not at all
      return err;
    }
  }
  if (text.data() != data.data()) {
    problems.push_back(fitbit::array_tail_problem(path, data.substr(to), fitbit::record_skipped(path, static_cast<int64_t>(elements.size()), kCutShortReason)));
  }
  counted();
  return {};
}

std::map<int64_t, DayTotals> DailySeries::by_local_day(const tz::Zone& zone) {
  SpanEdges edges;  // no span: nothing spills
  return by_local_day(zone, INT64_MIN, INT64_MAX, edges);
}

std::map<int64_t, DayTotals> DailySeries::by_local_day(const tz::Zone& zone, int64_t from_sec, int64_t to_sec,
                                                      SpanEdges& edges) {
  std::map<int64_t, DayTotals> days;
  for (int mi = 0; mi < kMetricCount; ++mi) {
    std::vector<Point>& pts = points_[mi];
    const bool per_minute = is_per_minute(static_cast<Metric>(mi));
    const bool local_time = per_minute && is_local_time(static_cast<Metric>(mi));
    if (local_time) {
      // A local-time minute becomes its UTC minute (Zone::to_utc), so that the spans and
      // spills below place it as they place the UTC metrics' (minute_series.h, REPEATED
      // HOUR). Key: UTC minute * 2, + 1 for a minute the clock skipped — Fitbit writes all
      // 1,440 local minutes on the day clocks go forward, and the skipped hour's readings
      // must not be counted as twins of the hour after. A reading again in the repeated
      // hour takes the later instant; read again in a minute that is not ambiguous, it is
      // its first reading's twin (the same key, counted once). Unsorted only around a
      // skipped hour (its minutes, read with the offset before, lie over the hour after).
      size_t cursor = 0;  // Zone::to_utc's, for ascending local minutes
      for (Point& p : pts) {
        const tz::Zone::Resolved r = zone.to_utc(floor_div(p.key, 2) * 60, cursor);
        const int64_t utc = (p.key & 1) && r.kind == tz::Zone::Resolution::ambiguous ? r.later_utc_sec : r.utc_sec;
        const int64_t key = floor_div(utc, 60) * 2 + (r.kind == tz::Zone::Resolution::nonexistent ? 1 : 0);
        p.key = static_cast<int32_t>(std::clamp<int64_t>(key, INT32_MIN, INT32_MAX));
      }
    }
    // Fitbit writes records in time order: sorting is needed only for files that are not.
    const auto by_key = [](const Point& a, const Point& b) { return a.key < b.key; };
    if (!std::is_sorted(pts.begin(), pts.end(), by_key)) std::stable_sort(pts.begin(), pts.end(), by_key);
    // Consecutive minutes fall on one local day: its totals are looked up once per day, and
    // the zone's offset once per span between two of its transitions.
    int64_t last_day = 0;
    DayTotals* last = nullptr;
    // This metric's spill pieces begin here (a series may hold several metrics).
    const size_t begin[2] = {edges.before.pieces.size(), edges.after.pieces.size()};
    int64_t offset_from = 0, offset_until = INT64_MIN;  // an empty span: the first minute looks up
    int32_t offset = 0;
    // Sedentary minutes of a day two files hold: Fitbit fills each day after an export was made
    // with the whole day (1,440), so the larger is an older export's filler beside a newer
    // export's count (helper finding: an older and a newer export given together wrote 1,440
    // for ten days the newer one counted 442-1,431, rows of more than a day's minutes). A whole
    // day yields to any other count of it; otherwise the largest, as for every metric.
    const bool filler_yields = static_cast<Metric>(mi) == Metric::sedentary_minutes;
    for (size_t i = 0; i < pts.size();) {
      double best = pts[i].value;
      size_t j = i + 1;
      for (; j < pts.size() && pts[j].key == pts[i].key; ++j) {
        const double v = pts[j].value;
        if (filler_yields && (v == kMinutesPerDay) != (best == kMinutesPerDay)) best = std::min(best, v);
        else best = std::max(best, v);
      }
      const int64_t key = pts[i].key;
      const int64_t sec = local_time ? floor_div(key, 2) * 60 : per_minute ? key * 60 : key * 86400;
      edges.any = true;
      edges.first = std::min(edges.first, sec);
      edges.last = std::max(edges.last, sec);
      if (per_minute && (sec < offset_from || sec >= offset_until)) offset = zone.offset_at(sec, offset_from, offset_until);
      // A skipped minute lies on its label's day: read with the offset before the jump (its UTC
      // minute is in the span after it). Review finding: where clocks skip from 23:00 to 00:00
      // (America/Nuuk since 2024), the skipped hour's calories moved to the next day.
      const int32_t day_offset =
          local_time && (key & 1) && offset_from != INT64_MIN ? zone.offset_at(offset_from - 1) : offset;
      const int64_t day = per_minute ? fitbit::day_of(sec + day_offset) : key;
      if (sec < from_sec || sec >= to_sec) {
        const bool before = sec < from_sec;
        Spill& spill = before ? edges.before : edges.after;
        const int64_t n = static_cast<int64_t>(j - i);
        spill.records += n;
        // The piece: a day for a per-day metric; a minute in the spill's edge quarter (the
        // first quarter of "before"; of "after", every quarter until a later one begins, when
        // its minutes become one quarter piece); else a quarter.
        const size_t first = begin[before ? 0 : 1];
        const int64_t quarter = floor_div(sec, 900);
        int32_t seconds = per_minute ? 900 : 86400;
        if (per_minute && before && (spill.pieces.size() == first || floor_div(spill.pieces[first].start, 900) == quarter)) seconds = 60;
        if (per_minute && !before) {
          seconds = 60;
          // Minutes of an earlier quarter, now that a later one begins, become its piece.
          size_t k = spill.pieces.size();
          while (k > first && spill.pieces[k - 1].seconds == 60) --k;
          if (k < spill.pieces.size() && floor_div(spill.pieces[k].start, 900) != quarter) {
            SpillPiece whole = spill.pieces[k];
            whole.start = floor_div(whole.start, 900) * 900;
            whole.seconds = 900;
            for (size_t m = k + 1; m < spill.pieces.size(); ++m) {
              whole.totals.value[mi] += spill.pieces[m].totals.value[mi];
              whole.records += spill.pieces[m].records;
            }
            spill.pieces.resize(k);
            spill.pieces.push_back(whole);
          }
        }
        const int64_t start = seconds == 900 ? quarter * 900 : sec;
        if (spill.pieces.size() == first || spill.pieces.back().start != start || spill.pieces.back().seconds != seconds)
          spill.pieces.push_back(SpillPiece{start, seconds, day, {}, 0});
        SpillPiece& piece = spill.pieces.back();
        piece.records += n;
        piece.totals.value[mi] += best;
        piece.totals.has[mi] = true;
        i = j;
        continue;
      }
      if (!last || day != last_day) {
        last = &days[day];  // std::map: the pointer stays valid as other days are added
        last_day = day;
      }
      DayTotals& t = *last;
      t.value[mi] += best;
      t.has[mi] = true;
      i = j;
    }
  }
  return days;
}

}  // namespace ts::daily
