#include "core/convert/sleep_copies.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "core/common/digits.h"
#include "core/fitbit/export_time.h"
#include "core/reference/sleep_csv.h"

namespace ts::convert {

namespace {

using Row = GatheredRows::Row;

// Whether a row is one of Google's list: its key's first "|" (a start_local holds none, a
// sleep_id may) is reference::kListedKey's.
bool listed(const Row& r) {
  const size_t bar = r.first.find('|');
  return bar != std::string_view::npos && r.first.substr(bar, reference::kListedKey.size()) == reference::kListedKey;
}

// A list row's span under the clock reading not taken, from its key (sleep_csv.h).
bool other_span_of(const Row& r, int64_t& from, int64_t& to) {
  const std::string_view rest = r.first.substr(r.first.find('|') + reference::kListedKey.size());
  size_t pos = 0;
  int64_t v[2];
  for (int64_t& x : v) {
    const bool negative = text::read_char(rest, pos, '-');
    if (!text::read_digits(rest, pos, 1, 18, x) || !text::read_char(rest, pos, ',')) return false;
    if (negative) x = -x;
  }
  from = v[0];
  to = v[1];
  return from <= to;
}

// A row's start_local and end_local (its 2nd and 3rd columns) as local seconds; false for a
// row whose times are quoted or not read as the JSON writes them (it is then kept as it is).
bool span_of(const Row& r, int64_t& from, int64_t& to) {
  std::string_view line = r.second;
  std::string_view cols[3];
  for (auto& c : cols) {
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) return false;
    c = line.substr(0, comma);
    line.remove_prefix(comma + 1);
  }
  return fitbit::parse_iso_local_sec(cols[1], from) && fitbit::parse_iso_local_sec(cols[2], to) && from <= to;
}

}  // namespace

const std::vector<Row>& without_listed_copies(const std::vector<Row>& rows, std::vector<Row>& kept) {
  // The JSON's sleeps, by start, with the latest end of each and those before it.
  struct Span {
    int64_t from, latest_to;
  };
  std::vector<Span> json;
  bool any_listed = false;
  for (const Row& r : rows) {
    if (listed(r)) {
      any_listed = true;
      continue;
    }
    int64_t from, to;
    if (span_of(r, from, to)) json.push_back({from, to});
  }
  if (!any_listed || json.empty()) return rows;
  std::sort(json.begin(), json.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
  for (size_t i = 1; i < json.size(); ++i) json[i].latest_to = std::max(json[i].latest_to, json[i - 1].latest_to);
  kept.clear();
  kept.reserve(rows.size());
  // Whether a JSON sleep overlaps [from, to]: of those that begin before it ends, the latest
  // of their ends is past its start (a sleep of no length: at its minute).
  const auto overlaps_json = [&](int64_t from, int64_t to) {
    const auto end = std::lower_bound(json.begin(), json.end(), std::max(to, from + 1), [](const Span& s, int64_t t) { return s.from < t; });
    return end != json.begin() && std::prev(end)->latest_to > from;
  };
  for (const Row& r : rows) {
    int64_t from, to;
    if (listed(r)) {
      // At either clock reading: where the list's nights tie (an offset of an hour or two: both
      // readings put them at night) it takes the label, and a nap the JSON holds at the
      // written clock lay an hour off its twin and was written twice (review finding).
      const bool copy = (span_of(r, from, to) && overlaps_json(from, to)) || (other_span_of(r, from, to) && overlaps_json(from, to));
      if (copy) continue;
    }
    kept.push_back(r);
  }
  return kept.size() == rows.size() ? rows : kept;
}

}  // namespace ts::convert
