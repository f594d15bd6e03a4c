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

// The lines that count a file's problems past those listed (kListedPerFile below): one for the
// records skipped, one for the values left out, each only when there are any. Every reader's
// count is said in these words (FileProblems, the exercise reader, weight_entries.cpp).
inline void add_unlisted(Problems& out, std::string_view file, int64_t skipped, int64_t dropped) {
  if (skipped > 0) out.push_back(records_skipped(file, skipped, std::to_string(skipped) + " more records skipped, for reasons like those listed above"));
  if (dropped > 0) out.push_back(value_dropped(file, -1, std::to_string(dropped) + " more values dropped, for reasons like those listed above"));
}

// One file's record problems, listed while the file has fewer than kListedPerFile of them and
// counted past that: a file of 100,000 broken rows, each listed with its file's path, was
// millions of bytes of report, plan and manifest, past the core's memory, where a person needs
// the first few and the count (attack finding: weight.csv rows of 0 g under a 494-character
// path made a report 23 times the upload, too large to keep, so each validate made it again;
// the exercise reader counted its own so already). The counts are added after the listed ones
// when the FileProblems goes out of scope (add_unlisted). A reason is built only for a problem that is listed.
inline constexpr size_t kListedPerFile = 100;
class FileProblems {
 public:
  struct Counts {
    int64_t skipped = 0, dropped = 0;
  };
  FileProblems(Problems& out, std::string_view file) : out_(out), file_(file), first_(out.size()) {}
  FileProblems(const FileProblems&) = delete;
  FileProblems& operator=(const FileProblems&) = delete;
  ~FileProblems() { add_unlisted(out_, file_, counts_.skipped, counts_.dropped); }
  bool listed() const { return out_.size() < first_ + kListedPerFile; }
  void skip(int64_t index, std::string_view reason) {
    if (listed()) out_.push_back(record_skipped(file_, index, std::string(reason)));
    else ++counts_.skipped;
  }
  void drop(int64_t index, std::string_view reason) {
    if (listed()) out_.push_back(value_dropped(file_, index, std::string(reason)));
    else ++counts_.dropped;
  }
  // What has been counted so far, and back to it (a reader that takes back a record's problems).
  Counts counts() const { return counts_; }
  void restore(Counts c) { counts_ = c; }

 private:
  Problems& out_;
  std::string_view file_;
  size_t first_;
  Counts counts_;
};

// How many records these problems skipped.
inline int64_t skipped_records(const Problems& problems) {
  int64_t n = 0;
  for (const Problem& p : problems)
    if (p.effect == Effect::record_skipped) n += p.records;
  return n;
}

}  // namespace ts::fitbit
