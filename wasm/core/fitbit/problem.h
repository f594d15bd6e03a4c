// A record or file the readers could not use, said in words a person can act on. It names
// the file and the record's index, never the record's values (they are personal data).
// Every reader reports in this one shape; what the problem did to the data is `effect`, so
// callers count skipped records by it, never by the words of the reason.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ts::fitbit {

enum class Effect : uint8_t {
  value_dropped,   // one value left out; the record was kept
  record_skipped,  // `records` records were not read
  file_unread,     // the file as a whole could not be read
  not_converted,   // read (or readable), but this conversion does not write it, and says why
};

struct Problem {
  std::string file;
  int64_t index = -1;  // record index within the file; -1 for the file as a whole or a count
  std::string reason;
  Effect effect = Effect::record_skipped;
  int64_t records = 1;  // records skipped: 1 for one record, n when a reader counts alike ones
};

using Problems = std::vector<Problem>;

inline Problem value_dropped(std::string_view file, int64_t index, std::string reason) {
  return {std::string(file), index, std::move(reason), Effect::value_dropped, 0};
}
inline Problem record_skipped(std::string_view file, int64_t index, std::string reason) {
  return {std::string(file), index, std::move(reason), Effect::record_skipped, 1};
}
// `count` alike records in one problem (a day of heart rate can skip thousands).
inline Problem records_skipped(std::string_view file, int64_t count, std::string reason) {
  return {std::string(file), -1, std::move(reason), Effect::record_skipped, count};
}
// "<count> <what>" as one problem, when count > 0.
inline void add_skipped_count(Problems& out, std::string_view file, int64_t count, const char* what) {
  if (count > 0) out.push_back(records_skipped(file, count, std::to_string(count) + " " + what));
}
inline Problem file_unread(std::string_view file, std::string reason) {
  return {std::string(file), -1, std::move(reason), Effect::file_unread, 0};
}
inline Problem not_converted(std::string_view source, std::string reason) {
  return {std::string(source), -1, std::move(reason), Effect::not_converted, 0};
}

// How many records these problems skipped.
inline int64_t skipped_records(const Problems& problems) {
  int64_t n = 0;
  for (const Problem& p : problems)
    if (p.effect == Effect::record_skipped) n += p.records;
  return n;
}

}  // namespace ts::fitbit
