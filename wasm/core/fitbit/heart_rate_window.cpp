#include "core/fitbit/heart_rate_window.h"

#include <algorithm>
#include <cmath>

#include "core/fitbit/export_time.h"
#include "core/fitbit/heart_rate_scan.h"
#include "core/fitbit/json_scan.h"

namespace ts::fitbit {

namespace {

// Below this many bytes between the bounds, reading forward costs less than more probes.
constexpr size_t kForwardBytes = 4096;

enum class Found { record, none, bad };

// The first record start whose "dateTime" key starts at or after `from` (and before `limit`),
// and its second: none when no key follows; bad when what follows is not a record of the
// scan's shape with a readable time.
// The bisection's probes search only keys that start before its upper bound `hi`: searched to
// the end of the file, a crafted day (a 1.9 MiB string inside one record) was read once per
// probe. The answer is the same: the first key at or after `hi` is none, or a record of the
// scan's shape whose '{' is at or after `hi` (hi is the end, a record start, or a probe from
// which that was found), which the probe takes as "none before hi" either way.
Found record_from(std::string_view d, size_t from, size_t& start, int64_t& sec, size_t limit = std::string_view::npos) {
  const size_t key = limit >= d.size() ? d.find(kDateTimeKey, from) : d.substr(0, limit + kDateTimeKey.size() - 1).find(kDateTimeKey, from);
  if (key == std::string_view::npos) return Found::none;
  start = record_open_before(d, key, 0);
  if (start == std::string_view::npos) return Found::bad;
  JsonScan s(d.substr(start));
  std::string_view date_time;
  double bpm = 0;
  if (!heart_rate_record(s, date_time, bpm) || !parse_export_datetime(date_time, sec)) return Found::bad;
  return Found::record;
}

}  // namespace

bool read_heart_rate_windows(std::string_view d, std::vector<std::pair<int64_t, int64_t>> windows,
                             std::vector<WindowReading>& out, ReadSpan* span) {
  // The windows in time order, overlapping ones joined: each record is then read for one.
  std::sort(windows.begin(), windows.end());
  std::vector<std::pair<int64_t, int64_t>> merged;
  for (const auto& w : windows) {
    if (w.first > w.second) continue;
    if (!merged.empty() && w.first <= merged.back().second) merged.back().second = std::max(merged.back().second, w.second);
    else merged.push_back(w);
  }
  JsonScan head(d);
  head.ws();
  if (!head.take('[')) return false;
  head.ws();
  if (head.take(']')) {  // no readings at all
    head.ws();
    return head.at_end();
  }
  // Where the next window's search begins: a record start and its second (the first record,
  // then the one after the last window read), every record before it earlier than both.
  size_t from_start = static_cast<size_t>(head.pos() - d.data());
  int64_t from_sec = 0;
  // The last record too: a file whose last record is earlier than its first is out of order
  // (and every probe must lie between them).
  int64_t last_sec = 0;
  {
    size_t first = 0, final_start = 0;
    if (record_from(d, from_start, first, from_sec) != Found::record || first != from_start) return false;
    // From the last key on, record_from finds that key's record (the first one found it).
    if (record_from(d, d.rfind(kDateTimeKey), final_start, last_sec) != Found::record || last_sec < from_sec) return false;
  }
  bool at_end = false;
  std::vector<WindowReading> found;
  ReadSpan read;
  bool any_read = false;
  ExportDateTimeReader stamps;
  for (const auto& [first, last] : merged) {
    if (at_end) break;
    // Bisection: `lo` a record start earlier than the window, every record from `hi` on at or
    // after its first second (or the end of the file).
    size_t lo = from_start, hi = d.size();
    int64_t lo_sec = from_sec;
    if (lo_sec < first) {
      while (hi - lo > kForwardBytes) {
        const size_t mid = lo + (hi - lo) / 2;
        size_t at = 0;
        int64_t sec = 0;
        const Found f = record_from(d, mid, at, sec, hi);
        if (f == Found::bad) return false;
        if (at <= lo && f == Found::record) return false;  // `lo`'s own key past the middle: odd spacing
        if (f == Found::none || at >= hi) {
          hi = mid;
          continue;
        }
        if (sec < lo_sec || sec > last_sec) return false;  // out of order where it looked
        if (sec < first) {
          lo = at;
          lo_sec = sec;
        } else {
          hi = at;
        }
      }
    }
    // Forward from `lo`, every record read as the whole-file scan reads it, to the first past
    // the window (where the next window's search begins) or the end of the array.
    JsonScan s(d.substr(lo));
    int64_t previous = lo_sec;
    for (;;) {
      s.ws();
      const size_t record_start = lo + static_cast<size_t>(s.pos() - (d.data() + lo));
      std::string_view date_time;
      double bpm = 0;
      if (!heart_rate_record(s, date_time, bpm)) return false;
      const size_t record_end = lo + static_cast<size_t>(s.pos() - (d.data() + lo));
      int64_t sec = 0;
      if (stamps.read(date_time, sec)) {  // an unreadable time is no reading, as in read_heart_rate
        if (sec < previous) return false;
        previous = sec;
        if (sec > last) {
          // The record after it too: one reading out of place just past the window (a
          // stream's reading hours later, then the window's own again) ended the read there,
          // and the window's later readings were lost unsaid (attack finding: 04:10-04:30 of
          // a 04:00 workout). Out of order there, the whole file is read.
          JsonScan next = s;
          next.ws();
          std::string_view next_time;
          double next_bpm = 0;
          int64_t next_sec = 0;
          if (next.take(',')) {
            next.ws();
            if (heart_rate_record(next, next_time, next_bpm) && stamps.read(next_time, next_sec) && next_sec < sec) return false;
          }
          from_start = record_start;
          from_sec = sec;
          break;
        }
        if (sec >= first) {
          // The span holds the records inside a window only: those read on the way to it or
          // to find it outside the file (the first or last records, for a window wholly
          // before or after them) are no reading of it. A workout lists the day files either
          // side of its own (convert/plan.cpp), and those records made the piece of such a
          // day, in a group whose other workout reads its hour, run from the file's start or
          // end to that hour: most of the day (step_pieces.h). Reading the piece finds the
          // same readings: every record inside the windows is in it, and a file whose order
          // the bisection doubts is read whole and cut by heart_rate_windows_span instead.
          if (!any_read) read.begin = record_start;
          any_read = true;
          read.end = std::max(read.end, record_end);
          if (std::isfinite(bpm) && bpm > 0 && bpm < 255) found.push_back({sec, static_cast<int32_t>(std::lround(bpm))});
        }
      }
      s.ws();
      if (s.take(',')) continue;
      if (!s.take(']')) return false;
      s.ws();
      if (!s.at_end()) return false;
      at_end = true;
      break;
    }
  }
  out.insert(out.end(), found.begin(), found.end());
  if (span) *span = any_read ? read : ReadSpan{};
  return true;
}

bool heart_rate_windows_span(std::string_view d, const std::vector<std::pair<int64_t, int64_t>>& windows, ReadSpan& span) {
  JsonScan s(d);
  s.ws();
  if (!s.take('[')) return false;
  s.ws();
  ReadSpan found;
  bool any = false;
  if (!s.take(']')) {
    ExportDateTimeReader stamps;
    for (;;) {
      s.ws();
      const size_t start = static_cast<size_t>(s.pos() - d.data());
      std::string_view date_time;
      double bpm = 0;
      if (!heart_rate_record(s, date_time, bpm)) return false;
      int64_t sec = 0;
      if (stamps.read(date_time, sec))
        for (const auto& [first, last] : windows)
          if (sec >= first && sec <= last) {
            if (!any) found.begin = start;
            any = true;
            found.end = static_cast<size_t>(s.pos() - d.data());
            break;
          }
      s.ws();
      if (s.take(',')) continue;
      if (!s.take(']')) return false;
      break;
    }
  }
  s.ws();
  if (!s.at_end()) return false;
  span = any ? found : ReadSpan{};
  return true;
}

}  // namespace ts::fitbit
