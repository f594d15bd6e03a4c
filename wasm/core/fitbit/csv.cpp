#include "core/fitbit/csv.h"

#include "core/common/same_bytes.h"

namespace ts::fitbit {

bool next_csv_row(std::string_view& rest, std::vector<std::string>& fields) {
  fields.clear();
  if (rest.empty()) return false;
  std::string field;
  size_t i = 0;
  bool quoted = false;
  while (i < rest.size()) {
    const char c = rest[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < rest.size() && rest[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field.push_back(c);
      }
      ++i;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      ++i;
      if (c == '\r' && i < rest.size() && rest[i] == '\n') ++i;
      break;
    } else {
      field.push_back(c);
    }
    ++i;
  }
  fields.push_back(std::move(field));
  rest.remove_prefix(i);
  return true;
}

bool next_plain_csv_row(std::string_view& rest, std::vector<std::string_view>& fields, bool& quoted) {
  fields.clear();
  quoted = false;
  if (rest.empty()) return false;
  size_t end = rest.find('\n');
  if (end == std::string_view::npos) end = rest.size();
  std::string_view line = rest.substr(0, end);
  if (line.find('"') != std::string_view::npos) {
    quoted = true;
    return true;
  }
  rest.remove_prefix(end < rest.size() ? end + 1 : end);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ',') {
      fields.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return true;
}

int csv_column(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    std::string_view h = header[i];
    while (!h.empty() && (h.front() == ' ' || h.front() == '\xEF' || h.front() == '\xBB' || h.front() == '\xBF')) h.remove_prefix(1);
    while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
    if (same_ignoring_ascii_case(h, name)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ts::fitbit
