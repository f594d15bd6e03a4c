// GATHERED ROWS: a reference table's keyed rows (sleep, resting heart rate) as gathering and
// assembly collect them from step parts and gathered parts, with the rule a ReferenceTable
// keeps — the rows sorted by key, the first of a repeated key kept — applied once, at the end.
//
// Why not a ReferenceTable (std::map<std::string, std::string>): assembly of ten years of
// per-minute data reads ~3,700 sleep and ~3,700 resting-heart-rate rows, and a string pair and
// a tree node per row was a fifth of it in V8's baseline tier, where a cold request runs —
// over the free plan's 10 ms from a cold isolate (docs/benchmarks.md, bench-server-session
// --minute-days). Here a row is two views: into a gathered part's bytes (which the caller keeps,
// as for every view of a Gathered), or into `owned` for a step part's rows (whose JSON parser
// is reused for the next part). Parts come in plan order, days ascending, so the rows arrive
// sorted nearly always, and then nothing is sorted at all.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/same_bytes.h"
#include "core/reference/reference_table.h"

namespace ts::convert {

class GatheredRows {
 public:
  using Row = std::pair<std::string_view, std::string_view>;  // sort key, row (without the LF)

  int64_t first_day = INT64_MAX, last_day = INT64_MIN;  // civil days covered

  // Moved, never copied: a copy's views of copied rows would point into the original's.
  GatheredRows() = default;
  GatheredRows(GatheredRows&&) = default;
  GatheredRows& operator=(GatheredRows&&) = default;
  GatheredRows(const GatheredRows&) = delete;
  GatheredRows& operator=(const GatheredRows&) = delete;

  // `key` and `row` must outlive this (views into the caller's input).
  void add_view(std::string_view key, std::string_view row) {
    if (!rows_.empty()) {
      const int order = compare_bytes(key, rows_.back().first);
      // Equal to the last key: the first one stays. Any other repeat of a key comes after a
      // smaller key, so it ends `ascending_` and is settled in sorted().
      if (order == 0) return;
      if (order < 0) ascending_ = false;
    }
    rows_.emplace_back(key, row);
  }
  // Copies `key` and `row` first (views into a parser's buffer).
  void add_copy(std::string_view key, std::string_view row) {
    const std::string& k = owned_.emplace_back(key);
    const std::string& r = owned_.emplace_back(row);
    add_view(k, r);
  }
  void cover(int64_t first, int64_t last) {
    first_day = std::min(first_day, first);
    last_day = std::max(last_day, last);
  }
  bool empty() const { return rows_.empty(); }
  // Rows added (a repeated key counts once only when it repeats the last one).
  size_t size() const { return rows_.size(); }

  // The rows sorted by key, the first of a repeated key kept (a stable sort keeps the order
  // they were added in among equal keys; std::unique keeps the first of each run). `scratch`
  // holds them when they came out of order.
  const std::vector<Row>& sorted(std::vector<Row>& scratch) const {
    if (ascending_) return rows_;
    scratch = rows_;
    std::stable_sort(scratch.begin(), scratch.end(), [](const Row& a, const Row& b) { return compare_bytes(a.first, b.first) < 0; });
    scratch.erase(std::unique(scratch.begin(), scratch.end(), [](const Row& a, const Row& b) { return same_bytes(a.first, b.first); }),
                  scratch.end());
    return scratch;
  }

  // The table as written: `table`'s path and header, then these rows.
  reference::TableCsv csv(const reference::ReferenceTable& table) const {
    std::vector<Row> scratch;
    return csv_of(table, sorted(scratch));
  }
  // The table as written with `rows` (sorted() or a part of it) and this one's days.
  reference::TableCsv csv_of(const reference::ReferenceTable& table, const std::vector<Row>& rows) const {
    reference::TableCsv out{table.path, {}, rows.size(), first_day, last_day};
    size_t size = table.header.size() + 1;
    for (const Row& r : rows) size += r.second.size() + 1;
    out.text.reserve(size);
    out.text.append(table.header).push_back('\n');
    for (const Row& r : rows) out.text.append(r.second).push_back('\n');
    return out;
  }

 private:
  std::vector<Row> rows_;      // in the order added, repeats of the last key left out
  std::deque<std::string> owned_;  // a deque: its strings stay where they are as it grows
  bool ascending_ = true;      // every key after the one before
};

}  // namespace ts::convert
