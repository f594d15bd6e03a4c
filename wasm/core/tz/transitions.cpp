#include "core/tz/transitions.h"

#include <algorithm>
#include <cstdint>

namespace ts::tz {

Error Zone::make(std::vector<Transition> transitions, Zone& out) {
  if (transitions.empty()) return fail(Status::invalid_argument, "timeZone.transitions must hold at least one [utcSec, offsetSec]");
  if (transitions.size() > kMaxTransitions) return fail(Status::capacity, "timeZone.transitions holds too many entries");
  for (size_t i = 0; i < transitions.size(); ++i) {
    const Transition& t = transitions[i];
    if (t.offset_sec < -kMaxOffsetSec || t.offset_sec > kMaxOffsetSec)
      return fail(Status::invalid_argument, "timeZone.transitions[" + std::to_string(i) + "] has an offset beyond 26 hours");
    if (i > 0 && t.utc_sec <= transitions[i - 1].utc_sec)
      return fail(Status::invalid_argument, "timeZone.transitions must be in strictly ascending time order (entry " + std::to_string(i) + ")");
  }
  out.t_ = std::move(transitions);
  return {};
}

int32_t Zone::offset_at(int64_t utc_sec) const {
  // Last transition at or before utc_sec; the first one also covers everything earlier.
  auto it = std::upper_bound(t_.begin(), t_.end(), utc_sec, [](int64_t u, const Transition& t) { return u < t.utc_sec; });
  if (it == t_.begin()) return t_.front().offset_sec;
  return std::prev(it)->offset_sec;
}

int32_t Zone::offset_at(int64_t utc_sec, int64_t& from, int64_t& until) const {
  auto it = std::upper_bound(t_.begin(), t_.end(), utc_sec, [](int64_t u, const Transition& t) { return u < t.utc_sec; });
  until = it == t_.end() ? INT64_MAX : it->utc_sec;
  if (it == t_.begin()) {
    from = INT64_MIN;  // the first offset also covers everything earlier
    return t_.front().offset_sec;
  }
  from = std::prev(it)->utc_sec;
  return std::prev(it)->offset_sec;
}

Zone::Resolved Zone::to_utc(int64_t local_sec) const {
  const int64_t lo = local_sec - kMaxOffsetSec - 1;
  auto first = std::upper_bound(t_.begin(), t_.end(), lo, [](int64_t u, const Transition& t) { return u < t.utc_sec; });
  return resolve(local_sec, static_cast<size_t>(first - t_.begin()));
}

Zone::Resolved Zone::to_utc(int64_t local_sec, size_t& cursor) const {
  const int64_t lo = local_sec - kMaxOffsetSec - 1;
  if (cursor > t_.size() || (cursor > 0 && t_[cursor - 1].utc_sec > lo)) {
    // Went backwards (unsorted input): search from scratch.
    cursor = static_cast<size_t>(
        std::upper_bound(t_.begin(), t_.end(), lo, [](int64_t u, const Transition& t) { return u < t.utc_sec; }) - t_.begin());
  }
  while (cursor < t_.size() && t_[cursor].utc_sec <= lo) ++cursor;
  return resolve(local_sec, cursor);
}

Zone::Resolved Zone::resolve(int64_t local_sec, size_t first_index) const {
  // A local time can only be read with an offset in force within ±kMaxOffsetSec of it, so
  // the candidates are the offset before that window and every offset starting inside it.
  const int64_t hi = local_sec + kMaxOffsetSec + 1;
  const auto first = t_.begin() + static_cast<std::ptrdiff_t>(first_index);
  // Common case: no transition anywhere near, so one offset applies and the time is unique.
  if (first == t_.end() || first->utc_sec > hi) {
    const int32_t off = first == t_.begin() ? t_.front().offset_sec : std::prev(first)->offset_sec;
    return {local_sec - off, Resolution::unique, local_sec - off};
  }
  int32_t candidates[64];
  int n = 0;
  candidates[n++] = first == t_.begin() ? t_.front().offset_sec : std::prev(first)->offset_sec;
  for (auto it = first; it != t_.end() && it->utc_sec <= hi && n < 64; ++it) candidates[n++] = it->offset_sec;

  // Valid readings: offsets that really are in force at local - offset.
  bool found = false;
  int64_t earliest = 0, latest = 0;
  for (int i = 0; i < n; ++i) {
    const int64_t u = local_sec - candidates[i];
    if (offset_at(u) != candidates[i]) continue;
    if (!found || u < earliest) earliest = u;
    if (!found || u > latest) latest = u;
    found = true;
  }
  if (found) return {earliest, latest != earliest ? Resolution::ambiguous : Resolution::unique, latest};

  // Nonexistent: the clock jumped over local_sec. Use the offset before the jump: the first
  // transition after (local - offset_before) is the jump.
  for (int i = 0; i + 1 < n; ++i) {
    const int64_t u = local_sec - candidates[i];
    if (offset_at(u) == candidates[i + 1] && candidates[i + 1] > candidates[i]) return {u, Resolution::nonexistent, u};
  }
  return {local_sec - candidates[0], Resolution::nonexistent, local_sec - candidates[0]};
}

const char* resolution_name(Zone::Resolution r) {
  switch (r) {
    case Zone::Resolution::unique: return "unique";
    case Zone::Resolution::nonexistent: return "nonexistent";
    case Zone::Resolution::ambiguous: return "ambiguous";
  }
  return "unique";
}

}  // namespace ts::tz
