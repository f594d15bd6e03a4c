// What Garmin Connect cannot import (sleep, resting heart rate, heart-rate history) is handed
// back as readable CSV under reference/ instead of a faked import. Each kind fills one
// ReferenceTable: rows keyed so the output is sorted and a record repeated across files
// (same key) is written once, whatever order the files came in.
#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace ts::reference {

struct ReferenceTable {
  std::string path;    // "reference/sleep.csv"
  std::string header;  // first line, without the LF
  std::map<std::string, std::string> rows;  // sort key -> row (without the LF)
  int64_t first_day = INT64_MAX, last_day = INT64_MIN;  // civil days covered

  void add(std::string key, std::string row, int64_t day) {
    // The first of a repeated key wins. Most tables are filled in key order (days ascending),
    // so the end is the hint; a wrong one costs a search, never a row.
    rows.emplace_hint(rows.end(), std::move(key), std::move(row));
    if (day < first_day) first_day = day;
    if (day > last_day) last_day = day;
  }
  bool empty() const { return rows.empty(); }
  std::string csv() const {
    std::string out = header + "\n";
    for (const auto& kv : rows) out += kv.second + "\n";
    return out;
  }
};

// Quotes a CSV field when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

}  // namespace ts::reference
