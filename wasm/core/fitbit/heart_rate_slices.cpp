#include "core/fitbit/heart_rate_slices.h"

#include "core/fitbit/heart_rate_scan.h"

namespace ts::fitbit {

namespace {

// The first "dateTime" key at or after `from`, searched for boundaries m = 1, 2, … in turn.
// A search that found key K (or none) from f answers every later search from f..K as well,
// so the k - 1 searches read each byte once: searched afresh, a file whose key is far after
// m·n/k (a 1.9 MiB string inside its first record) was read k - 1 times over, 165 ms for a
// step of one empty slice in WASM.
class KeySearch {
 public:
  explicit KeySearch(std::string_view d) : d_(d) {}
  size_t from(size_t at) {
    if (!searched_ || (key_ != std::string_view::npos && key_ < at)) key_ = d_.find(kDateTimeKey, at);
    searched_ = true;
    return key_;
  }

 private:
  std::string_view d_;
  bool searched_ = false;
  size_t key_ = std::string_view::npos;
};

// Boundary m of k between first and close (exclusive), or false when it is not a record start.
bool boundary(std::string_view d, size_t first, size_t close, uint32_t m, uint32_t k, KeySearch& keys, size_t& at) {
  const size_t from = static_cast<size_t>(static_cast<uint64_t>(d.size()) * m / k);
  if (from <= first) {
    at = first;
    return true;
  }
  const size_t key = keys.from(from);
  if (key == std::string_view::npos || key >= close) {
    at = close;
    return true;
  }
  at = record_open_before(d, key, first);
  if (at == std::string_view::npos) return false;
  // An element of the array: after a ',' or its '['. A '{' after a ':' is an object inside a
  // record, and a boundary there would cut the record in two.
  size_t c = at;
  while (c > 0 && json_blank(d[c - 1])) --c;
  return c > 0 && (d[c - 1] == ',' || d[c - 1] == '[');
}

}  // namespace

bool heart_rate_slice(std::string_view d, uint32_t i, uint32_t k, SliceSpan& out) {
  if (k == 0 || i >= k) return false;
  size_t open = 0, close = d.size();
  while (open < d.size() && json_blank(d[open])) ++open;
  while (close > open && json_blank(d[close - 1])) --close;
  if (open >= close || d[open] != '[' || d[close - 1] != ']' || close - open < 2) return false;
  const size_t first = open + 1;
  --close;  // the ']'
  size_t begin = first, end = close;
  KeySearch keys(d);
  for (uint32_t m = 1; m < k; ++m) {
    size_t at = 0;
    if (!boundary(d, first, close, m, k, keys, at)) return false;
    if (m == i) begin = at;
    if (m == i + 1) end = at;
  }
  // The slice's records: blanks and the comma before the next boundary are not theirs.
  while (begin < end && json_blank(d[begin])) ++begin;
  while (end > begin && json_blank(d[end - 1])) --end;
  if (end > begin && d[end - 1] == ',') --end;
  while (end > begin && json_blank(d[end - 1])) --end;
  out = {begin, end};
  return true;
}

}  // namespace ts::fitbit
