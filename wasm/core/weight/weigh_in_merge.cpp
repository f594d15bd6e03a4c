#include "core/weight/weigh_in_merge.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <tuple>

namespace ts::weight {

namespace {

constexpr int64_t kGrid = 900;       // UTC offsets are whole quarter hours
constexpr int64_t kGridSlack = 60;   // the JSON's time and weight.csv's instant round differently
constexpr int64_t kDay = 86400;
// Two weight.csv rows are one weigh-in written twice (a Health Connect mirror of the Fitbit row,
// or the same row in two exports' files) when they would be written alike: instants at most a
// second apart (the reader rounds each to the nearest second; two roundings of one moment can
// straddle a second) and masses less than half of FIT's 10 g step apart (70199.99999999999 and
// 70200 g). Compared exactly, such mirrors were written twice (helper finding, 2026 Takeouts).
constexpr int64_t kSameRowSec = 1;
constexpr double kSameRowGrams = 5;

bool day_only(const fitbit::WeightLog& l) {
  // Manual entries carry 23:59:59: a date, not a time.
  return ((l.local_sec % kDay) + kDay) % kDay == kDay - 1;
}

int64_t snap(int64_t d) {
  const int64_t q = d >= 0 ? (d + kGrid / 2) / kGrid : -((-d + kGrid / 2) / kGrid);
  return q * kGrid;
}

bool real_offset(int64_t off) { return off >= kMinRealOffset && off <= kMaxRealOffset; }

struct Ctx {
  const std::vector<fitbit::WeightLog>& logs;
  const std::vector<fitbit::WeightGrams>& rows;
  std::vector<uint32_t> row_order;  // by instant
  std::vector<bool> taken;
  double factor, tolerance;

  double kg_of_log(const fitbit::WeightLog& l) const { return l.weight * factor; }
  bool same_mass(const fitbit::WeightLog& l, const fitbit::WeightGrams& r) const {
    return std::fabs(r.grams / 1000.0 - kg_of_log(l)) <= tolerance;
  }
  // Rows (by position in row_order) whose instant lies in [from, to].
  std::pair<size_t, size_t> window(int64_t from, int64_t to) const {
    auto by_utc = [&](uint32_t r, int64_t t) { return rows[r].utc_sec < t; };
    const size_t a = static_cast<size_t>(std::lower_bound(row_order.begin(), row_order.end(), from, by_utc) - row_order.begin());
    size_t b = a;
    while (b < row_order.size() && rows[row_order[b]].utc_sec <= to) ++b;
    return {a, b};
  }
  // Untaken rows of the same mass whose offset to the log is a real one on the grid.
  // `slack`: how far off the grid a row may be (the two sources' rounding; 0: exactly on it).
  std::vector<std::pair<uint32_t, int32_t>> grid_candidates(const fitbit::WeightLog& l, int64_t slack = kGridSlack) const {
    std::vector<std::pair<uint32_t, int32_t>> out;
    const auto [a, b] = window(l.local_sec - kMaxRealOffset - slack, l.local_sec - kMinRealOffset + slack);
    for (size_t k = a; k < b; ++k) {
      const uint32_t r = row_order[k];
      if (taken[r] || !same_mass(l, rows[r])) continue;
      const int64_t d = l.local_sec - rows[r].utc_sec;
      const int64_t s = snap(d);
      if (std::llabs(d - s) <= slack && real_offset(s)) out.emplace_back(r, static_cast<int32_t>(s));
    }
    return out;
  }
};

// The offsets the export shows near a local time: the observations just before and after it
// (within tz::kReach), else the chosen zone's; empty when neither exists.
class NearbyOffsets {
 public:
  NearbyOffsets(const std::vector<tz::OffsetObservation>& obs, const tz::Zone* chosen) : chosen_(chosen) {
    for (const auto& o : obs) by_local_.emplace_back(o.utc_sec + o.offset_sec, o.offset_sec);
    std::sort(by_local_.begin(), by_local_.end());
  }
  std::vector<int32_t> at(int64_t local) const {
    std::vector<int32_t> out;
    auto it = std::lower_bound(by_local_.begin(), by_local_.end(), std::make_pair(local, INT32_MIN));
    if (it != by_local_.end() && it->first - local <= tz::kReach) out.push_back(it->second);
    if (it != by_local_.begin() && local - std::prev(it)->first <= tz::kReach) out.push_back(std::prev(it)->second);
    if (out.empty() && chosen_) out.push_back(static_cast<int32_t>(local - chosen_->to_utc(local).utc_sec));
    return out;
  }

 private:
  std::vector<std::pair<int64_t, int32_t>> by_local_;
  const tz::Zone* chosen_;
};

bool contains(const std::vector<int32_t>& v, int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Pass 2 for one log: a timed log takes its row at an offset `expected` holds (the observations
// around it, or the chosen zone's), or with `any_offset` its first row at any offset on the
// grid; a manual entry (23:59:59, a date) the row of its mass that an expected offset puts on its
// day. No observation: what pass 1 did not match, nothing here confirms.
void pair_later(Ctx& c, const fitbit::WeightLog& l, uint32_t li, const std::vector<int32_t>& expected, bool any_offset,
                std::vector<bool>& log_done, MergedSources& out) {
  const auto& rows = c.rows;
  int64_t pick = -1;
  if (!day_only(l)) {
    const auto cands = c.grid_candidates(l);
    for (const auto& [r, off] : cands)
      if (pick < 0 && contains(expected, off)) pick = r;
    if (any_offset && pick < 0 && !cands.empty()) pick = cands.front().first;
  } else {
    const int64_t day = l.local_sec - (kDay - 1);
    const auto [a, b] = c.window(day - kMaxRealOffset, day + kDay - kMinRealOffset);
    for (size_t k = a; k < b && pick < 0; ++k) {
      const uint32_t r = c.row_order[k];
      if (c.taken[r] || !c.same_mass(l, rows[r])) continue;
      const int64_t utc = rows[r].utc_sec;
      auto on_day = [&](int64_t off) { return utc + off >= day && utc + off < day + kDay; };
      bool ok = false;
      for (int32_t off : expected) ok = ok || on_day(off);
      // Without any offset to go by, a row that some real offset puts on that day.
      if (expected.empty()) ok = utc + kMaxRealOffset >= day && utc + kMinRealOffset < day + kDay;
      if (ok) pick = r;
    }
  }
  if (pick >= 0) {
    c.taken[static_cast<size_t>(pick)] = true;
    log_done[li] = true;
    out.pairs.push_back({li, static_cast<uint32_t>(pick)});
  }
}

}  // namespace

void merge_sources(const std::vector<fitbit::WeightLog>& logs, const std::vector<fitbit::WeightGrams>& rows, Unit unit,
                   const tz::Zone* chosen, MergedSources& out, const std::vector<tz::OffsetObservation>& seen) {
  out = MergedSources{};
  out.logs = logs.size();
  out.rows = rows.size();
  Ctx c{logs, rows, {}, std::vector<bool>(rows.size(), false), unit == Unit::kg ? 1.0 : kKgPerLb, 0};
  // The JSON cuts to 0.1 of its unit; 5 g more absorbs float noise in either source.
  c.tolerance = 0.1 * c.factor + 0.005;

  // Time order; exact duplicates dropped (counted).
  std::vector<uint32_t> log_order(logs.size());
  std::iota(log_order.begin(), log_order.end(), 0u);
  auto log_key = [&](uint32_t i) {
    const auto& l = logs[i];
    return std::make_tuple(l.local_sec, l.weight, l.bmi.value_or(-1), l.fat.value_or(-1));
  };
  // Exports list weigh-ins in time order already (files by name, records by time): checking
  // is cheaper than sorting.
  auto log_before = [&](uint32_t a, uint32_t b) { return log_key(a) < log_key(b); };
  if (!std::is_sorted(log_order.begin(), log_order.end(), log_before))
    std::stable_sort(log_order.begin(), log_order.end(), log_before);
  std::vector<uint32_t> unique_logs;
  unique_logs.reserve(log_order.size());
  for (size_t i = 0; i < log_order.size(); ++i) {
    if (i > 0 && log_key(log_order[i]) == log_key(log_order[i - 1])) ++out.duplicate_logs;
    else unique_logs.push_back(log_order[i]);
  }
  if (rows.empty()) {
    // No weight.csv (most exports): nothing to match, every log is the JSON's alone. The passes
    // below would find no candidate for any of them and say the same, one search each.
    out.json_only = std::move(unique_logs);
    return;
  }
  c.row_order.resize(rows.size());
  std::iota(c.row_order.begin(), c.row_order.end(), 0u);
  auto row_key = [&](uint32_t i) { return std::make_pair(rows[i].utc_sec, rows[i].grams); };
  auto row_before = [&](uint32_t a, uint32_t b) { return row_key(a) < row_key(b); };
  if (!std::is_sorted(c.row_order.begin(), c.row_order.end(), row_before))
    std::stable_sort(c.row_order.begin(), c.row_order.end(), row_before);
  // Each row against the masses of the rows kept in the second before it, held ordered: a file
  // of many rows in one second (a hostile upload) costs log n a row, not a walk back over them.
  std::vector<bool> duplicate(rows.size(), false);
  std::multiset<double> recent;   // grams of the kept rows in `kept` from `oldest` on
  std::vector<uint32_t> kept;
  size_t oldest = 0;
  for (const uint32_t i : c.row_order) {
    const fitbit::WeightGrams& r = rows[i];
    for (; oldest < kept.size() && rows[kept[oldest]].utc_sec < r.utc_sec - kSameRowSec; ++oldest)
      recent.erase(recent.find(rows[kept[oldest]].grams));
    const auto near = recent.upper_bound(r.grams - kSameRowGrams);
    if (near != recent.end() && *near < r.grams + kSameRowGrams) {
      c.taken[i] = true;  // never matched, never written
      duplicate[i] = true;
      ++out.duplicate_rows;
    } else {
      recent.insert(r.grams);
      kept.push_back(i);
    }
  }

  std::vector<bool> log_done(logs.size(), false);
  // Pass 1: one candidate on the offset grid that no other log has for a candidate — a match
  // and an observation. A row two logs could take is left to pass 2: a weigh-in only the JSON
  // holds (17:14 local) took the next morning's row, 12 h 5 s before it and so "on the grid"
  // at -12:00, the row whose own log lay exactly at the export's +05:30; that log was then
  // written again from the JSON, and the -12:00 pair was counted as the zone's evidence
  // (helper finding; weight-merge case 26).
  std::vector<uint32_t> later;
  std::vector<std::vector<std::pair<uint32_t, int32_t>>> cands_of(logs.size());
  std::vector<uint8_t> claims(rows.size(), 0);  // how many logs have the row for a candidate (at most 2 counted)
  for (uint32_t li : unique_logs) {
    if (day_only(logs[li])) continue;
    cands_of[li] = c.grid_candidates(logs[li]);
    for (const auto& cand : cands_of[li]) claims[cand.first] = static_cast<uint8_t>(std::min(claims[cand.first] + 1, 2));
  }
  for (uint32_t li : unique_logs) {
    if (day_only(logs[li])) {
      later.push_back(li);
      continue;
    }
    const auto& cands = cands_of[li];
    if (cands.size() == 1 && claims[cands[0].first] == 1) {
      c.taken[cands[0].first] = true;
      log_done[li] = true;
      out.pairs.push_back({li, cands[0].first});
      out.offsets.push_back({rows[cands[0].first].utc_sec, cands[0].second});
    } else if (!cands.empty()) {
      later.push_back(li);
    }
  }
  // Pass 2a: a manual entry with exactly one row of its mass at 23:59:59 local under a real
  // offset — weight.csv writes a manual entry so too — takes it. Before the day rule below: the
  // offsets that rule expects come from Profile.csv's zone when nothing nearer says otherwise,
  // and that is the zone at export time; one real export (Profile: Asia/Ho_Chi_Minh, the
  // person then at UTC-5) had its manual weigh-in written twice, 74.80 kg from the JSON and
  // 74.84 kg from weight.csv, and on consecutive days the day rule paired each log with the
  // row of the day before (helper and review findings). Exactly on the grid, not within the
  // rounding slack: a row logged at another moment is left to the day rule. No observation:
  // a manual entry's offset is the row's only by that rule.
  for (uint32_t li : later) {
    if (!day_only(logs[li])) continue;
    const auto cands = c.grid_candidates(logs[li], 0);
    if (cands.size() != 1) continue;
    c.taken[cands[0].first] = true;
    log_done[li] = true;
    out.pairs.push_back({li, cands[0].first});
  }
  // Pass 2: what the observations around it (or the chosen zone) say decides.
  std::vector<tz::OffsetObservation> known = out.offsets;
  known.insert(known.end(), seen.begin(), seen.end());
  const NearbyOffsets nearby(known, chosen);
  // In two rounds: every log first takes a row at an offset the observations expect, and only
  // then a row at any other offset on the grid; so a log that comes first in time never takes,
  // at an offset nothing else shows, the row a later log matches at the expected one.
  for (const bool any_offset : {false, true}) {
    for (uint32_t li : later) {
      if (log_done[li] || (any_offset && day_only(logs[li]))) continue;  // the day rule is one round
      pair_later(c, logs[li], li, nearby.at(logs[li].local_sec), any_offset, log_done, out);
    }
  }
  for (uint32_t li : unique_logs)
    if (!log_done[li]) out.json_only.push_back(li);
  // Rows still free (duplicates were marked taken without a pair).
  std::vector<bool> paired(rows.size(), false);
  for (const auto& p : out.pairs) paired[p.row] = true;
  for (const uint32_t r : c.row_order)
    if (!paired[r] && !duplicate[r]) out.csv_only.push_back(r);
  std::sort(out.pairs.begin(), out.pairs.end(), [&](const WeighInPair& a, const WeighInPair& b) {
    return rows[a.row].utc_sec != rows[b.row].utc_sec ? rows[a.row].utc_sec < rows[b.row].utc_sec : a.row < b.row;
  });
}

}  // namespace ts::weight
