// What Garmin Connect cannot import (sleep, resting heart rate, heart-rate history) is handed
// back as readable CSV under reference/ instead of a faked import. Each kind fills one
// ReferenceTable: rows keyed so the output is sorted and a record repeated across files
// (same key) is written once, whatever order the files came in.
#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace ts::reference {

// A table as it is written: its CSV text, with what the manifest says of it.
struct TableCsv {
  std::string path;
  std::string text;  // the header line, then one line per row, each ending in LF
  size_t rows = 0;
  int64_t first_day = INT64_MAX, last_day = INT64_MIN;  // civil days covered
  bool empty() const { return rows == 0; }
};

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
  // Sized once and appended to: assembly writes ten years of rows in one request.
  std::string csv() const {
    size_t size = header.size() + 1;
    for (const auto& kv : rows) size += kv.second.size() + 1;
    std::string out;
    out.reserve(size);
    out.append(header).push_back('\n');
    for (const auto& kv : rows) out.append(kv.second).push_back('\n');
    return out;
  }
  TableCsv written() const { return {path, csv(), rows.size(), first_day, last_day}; }
};

// Quotes a CSV field when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

}  // namespace ts::reference
