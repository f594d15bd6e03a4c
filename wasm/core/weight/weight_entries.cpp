#include "core/weight/weight_entries.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>

#include "core/fit/profile.h"

namespace ts::weight {

namespace {
constexpr double kMaxKg = 655.34;

bool in_fit_range(int64_t utc_sec) {
  return utc_sec >= fit::kFitEpochUnix + 0x10000000LL  // FIT: smaller values are device uptime, not dates
         && utc_sec - fit::kFitEpochUnix < 0xFFFFFFFFLL;
}

// Ascending time; ties broken by every value so the order never depends on input order.
bool before(const WeighIn& a, const WeighIn& b) {
  if (a.utc_sec != b.utc_sec) return a.utc_sec < b.utc_sec;
  return std::make_tuple(a.kg, a.fat_percent.value_or(-1), a.bmi.value_or(-1)) <
         std::make_tuple(b.kg, b.fat_percent.value_or(-1), b.bmi.value_or(-1));
}
bool same(const WeighIn& a, const WeighIn& b) { return !before(a, b) && !before(b, a); }

// The file's name is needed only for a problem report: looked up then, not per log.
std::string_view file_of(const fitbit::WeightLog& log, const std::vector<std::string>& file_names) {
  return log.file < file_names.size() ? std::string_view(file_names[log.file]) : std::string_view();
}
std::string_view file_of(const fitbit::WeightGrams& row, const std::vector<std::string>& csv_names) {
  return row.file < csv_names.size() ? std::string_view(csv_names[row.file]) : std::string_view();
}

// The problems of weigh-ins from many files, each file's listed and counted as one reader's
// are (fitbit::FileProblems): a file's first kListedPerFile, then counts, added per file in the
// order the files were first met when this goes out of scope. One per pass (from_logs,
// from_grams, from_matched), as the reader's is one per read: a file's problems are at most a
// few hundred lines, however many of its records have them.
class EntryProblems {
 public:
  explicit EntryProblems(fitbit::Problems& out) : out_(out) {}
  EntryProblems(const EntryProblems&) = delete;
  EntryProblems& operator=(const EntryProblems&) = delete;
  ~EntryProblems() {
    for (File& f : files_) fitbit::add_unlisted(out_, f.name, f.skipped, f.dropped);
  }
  void skip(std::string_view file, int64_t index, const char* reason) {
    File& f = of(file);
    if (f.listed++ < fitbit::kListedPerFile) out_.push_back(fitbit::record_skipped(file, index, reason));
    else ++f.skipped;
  }
  void drop(std::string_view file, int64_t index, const char* reason) {
    File& f = of(file);
    if (f.listed++ < fitbit::kListedPerFile) out_.push_back(fitbit::value_dropped(file, index, reason));
    else ++f.dropped;
  }

 private:
  struct File {
    std::string_view name;
    size_t listed = 0;
    int64_t skipped = 0, dropped = 0;
  };
  File& of(std::string_view name) {
    if (last_ < files_.size() && files_[last_].name == name) return files_[last_];  // weigh-ins come file by file
    for (last_ = 0; last_ < files_.size(); ++last_)
      if (files_[last_].name == name) return files_[last_];
    files_.push_back({name});
    return files_.back();
  }
  fitbit::Problems& out_;
  std::vector<File> files_;
  size_t last_ = 0;
};

// The log's body fat and BMI, each only when a FIT field can hold it (reported otherwise).
void take_body_composition(const fitbit::WeightLog& log, const std::vector<std::string>& file_names, WeighIn& w,
                           EntryProblems& problems) {
  w.fat_percent = log.fat;
  w.bmi = log.bmi;
  if (w.fat_percent && *w.fat_percent > 100) {
    problems.drop(file_of(log, file_names), log.index, "field 'fat' is above 100 percent; left out");
    w.fat_percent.reset();
  }
  if (w.bmi && *w.bmi > 6553) {
    problems.drop(file_of(log, file_names), log.index, "field 'bmi' is out of range; left out");
    w.bmi.reset();
  }
}

void sort_and_dedup(WeighIns& out) {
  // Exports list weigh-ins in time order already; checking is cheaper than sorting.
  if (!std::is_sorted(out.entries.begin(), out.entries.end(), before))
    std::sort(out.entries.begin(), out.entries.end(), before);
  auto last = std::unique(out.entries.begin(), out.entries.end(), same);
  out.duplicates += static_cast<int>(out.entries.end() - last);
  out.entries.erase(last, out.entries.end());
}
}  // namespace

int same_instant(const WeighIns& w) {
  std::vector<int64_t> at;
  at.reserve(w.entries.size());
  for (const WeighIn& e : w.entries) at.push_back(e.utc_sec);
  if (!std::is_sorted(at.begin(), at.end())) std::sort(at.begin(), at.end());  // nearly always in order already
  int n = 0;
  for (size_t i = 1; i < at.size(); ++i) n += at[i] == at[i - 1];
  return n;
}

void from_logs(const std::vector<fitbit::WeightLog>& logs, const std::vector<std::string>& file_names, Unit unit,
               const tz::Zone& zone, WeighIns& out, fitbit::Problems& problems) {
  EntryProblems listed(problems);
  out.entries.reserve(out.entries.size() + logs.size());
  size_t cursor = 0;  // logs come in time order file by file: lookups walk the transitions
  for (const fitbit::WeightLog& log : logs) {
    const tz::Zone::Resolved r = zone.to_utc(log.local_sec, cursor);
    WeighIn w;
    w.utc_sec = r.utc_sec;
    w.kg = unit == Unit::kg ? log.weight : log.weight * kKgPerLb;
    if (w.kg > kMaxKg) {
      listed.skip(file_of(log, file_names), log.index, "weight is above what a FIT weight file can hold (655 kg); not written");
      continue;
    }
    if (w.kg * 1000 < fitbit::kMinWeighInGrams) {
      listed.skip(file_of(log, file_names), log.index, "weight is under 1 kg, no one's weight: a cut-off or mistyped value; not written");
      continue;
    }
    if (!in_fit_range(w.utc_sec)) {
      listed.skip(file_of(log, file_names), log.index, "time is outside what FIT can hold (1998-2125); not written");
      continue;
    }
    take_body_composition(log, file_names, w, listed);
    if (r.kind != tz::Zone::Resolution::unique) {
      const bool gap = r.kind == tz::Zone::Resolution::nonexistent;
      ++(gap ? out.nonexistent : out.ambiguous);
      std::vector<int64_t>& named = gap ? out.nonexistent_at : out.ambiguous_at;
      if (named.size() < WeighIns::kClockTimesNamed) named.push_back(log.local_sec);
    }
    out.entries.push_back(w);
  }
  sort_and_dedup(out);
}

void from_grams(const std::vector<fitbit::WeightGrams>& rows, const std::vector<std::string>& csv_names, WeighIns& out,
                fitbit::Problems& problems) {
  EntryProblems listed(problems);
  for (const fitbit::WeightGrams& g : rows) {
    WeighIn w;
    w.utc_sec = g.utc_sec;
    w.kg = g.grams / 1000.0;
    if (w.kg > kMaxKg || !in_fit_range(w.utc_sec)) {
      listed.skip(file_of(g, csv_names), g.index, "weight or time is outside what a FIT weight file can hold; not written");
      continue;
    }
    out.entries.push_back(w);
  }
  sort_and_dedup(out);
}

void add_body_fat(std::vector<fitbit::BodyFatRow> rows, WeighIns& out) {
  const auto by_time = [](const fitbit::BodyFatRow& a, const fitbit::BodyFatRow& b) {
    return a.utc_sec != b.utc_sec ? a.utc_sec < b.utc_sec : a.percent < b.percent;
  };
  if (!std::is_sorted(rows.begin(), rows.end(), by_time)) std::sort(rows.begin(), rows.end(), by_time);
  // The nearest of `list` (sorted by time) to `t` within the window, or npos.
  const auto nearest = [](const auto& list, int64_t t, auto time_of) {
    size_t lo = 0, hi = list.size();
    while (lo < hi) {  // the first at or after t - window
      const size_t mid = (lo + hi) / 2;
      if (time_of(list[mid]) < t - kBodyFatMatchSec) lo = mid + 1;
      else hi = mid;
    }
    size_t best = std::string::npos;
    for (size_t i = lo; i < list.size() && time_of(list[i]) <= t + kBodyFatMatchSec; ++i) {
      const int64_t d = time_of(list[i]) > t ? time_of(list[i]) - t : t - time_of(list[i]);
      const int64_t best_d = best == std::string::npos ? INT64_MAX
                             : time_of(list[best]) > t ? time_of(list[best]) - t
                                                       : t - time_of(list[best]);
      if (d < best_d) best = i;
    }
    return best;
  };
  // One reading, one weigh-in: a row belongs to the weigh-in nearest it, and a weigh-in takes
  // the nearest of the rows that belong to it (helper finding: a re-weigh 30 s after another,
  // without its own row, took the first one's body fat too). Looked up through the weigh-ins'
  // time order, whatever order the sources left them in.
  std::vector<uint32_t> order(out.entries.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return out.entries[a].utc_sec < out.entries[b].utc_sec; });
  const auto entry_time = [&](uint32_t i) { return out.entries[i].utc_sec; };
  const auto gap = [](int64_t a, int64_t b) { return a > b ? a - b : b - a; };
  std::vector<size_t> chosen(out.entries.size(), std::string::npos);
  std::vector<uint32_t> owner(rows.size(), UINT32_MAX);  // the weigh-in each row belongs to
  for (size_t r = 0; r < rows.size(); ++r) {
    const size_t k = nearest(order, rows[r].utc_sec, entry_time);
    if (k == std::string::npos) {
      ++out.fat_unmatched;
      continue;
    }
    const uint32_t e = order[k];
    owner[r] = e;
    if (out.entries[e].fat_percent) continue;  // its log's own body fat: the same reading
    if (chosen[e] == std::string::npos ||
        gap(rows[r].utc_sec, out.entries[e].utc_sec) < gap(rows[chosen[e]].utc_sec, out.entries[e].utc_sec))
      chosen[e] = r;
  }
  for (size_t e = 0; e < chosen.size(); ++e) {
    if (chosen[e] == std::string::npos) continue;
    out.entries[e].fat_percent = rows[chosen[e]].percent;
    ++out.fat_from_csv;
  }
  // A reading of another value beside the one its weigh-in holds — its log's own, or the row
  // it took (two scales or apps at one weigh-in) — is left out, and counted once per value
  // (helper finding: 22.0 and 22.4 at one second, one left out without a word; review: a log's
  // own 22.0 beside a row of 25.4 was not counted, and a copy of 22.4 counted twice). Values
  // less than 0.15 % apart are one reading written twice (the JSON writes 24.002 where a CSV
  // may write 24.0, and one of them rounded to a tenth: 20.5 beside 20.4).
  constexpr double kSameReading = 0.15;
  std::vector<std::pair<uint32_t, double>> others;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (owner[r] == UINT32_MAX) continue;
    const double taken = *out.entries[owner[r]].fat_percent;
    if (std::fabs(rows[r].percent - taken) >= kSameReading) others.emplace_back(owner[r], rows[r].percent);
  }
  std::sort(others.begin(), others.end());
  for (size_t i = 0; i < others.size(); ++i)
    if (i == 0 || others[i].first != others[i - 1].first || others[i].second - others[i - 1].second >= kSameReading)
      ++out.fat_other;
}

void from_matched(const std::vector<MatchedWeighIn>& pairs, const std::vector<std::string>& file_names,
                  const std::vector<std::string>& csv_names, WeighIns& out, fitbit::Problems& problems) {
  EntryProblems listed(problems);
  out.entries.reserve(out.entries.size() + pairs.size());
  for (const MatchedWeighIn& p : pairs) {
    WeighIn w;
    w.utc_sec = p.row->utc_sec;
    w.kg = p.row->grams / 1000.0;
    if (w.kg > kMaxKg || !in_fit_range(w.utc_sec)) {
      listed.skip(file_of(*p.row, csv_names), p.row->index, "weight or time is outside what a FIT weight file can hold; not written");
      continue;
    }
    take_body_composition(*p.log, file_names, w, listed);
    out.entries.push_back(w);
  }
  sort_and_dedup(out);
}

}  // namespace ts::weight
