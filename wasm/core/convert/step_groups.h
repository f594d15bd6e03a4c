// How a plan's steps are cut into GROUPS, one group per request of a server session
// (worker-shim/http/routes/convert.js): consecutive steps, in plan order, while the group's
// estimated core CPU stays within a budget, its step count within a cap, and the bytes of
// the files its request sends (those the upload does not hold) within the request cap. A step
// whose own estimate is over the budget still runs, alone, in a group of its own.
//
// The Worker used to cut the groups itself, from the plan's JSON: for a ten-year export it
// parsed ~640 KB of steps, grouped ~2,900 of them and wrote them again into the session row,
// as much CPU as the core's plan. The core has the steps in hand, so it cuts them here and
// writes the session's groups as text the Worker stores as it is.
//
// The rules come from the Worker, as the plan's option "groups" (the cost lines are fitted by
// scripts/bench-step-cpu and kept in worker-shim/shared/step-groups.js):
//   {"budgetMs": 5, "maxSteps": 64, "maxSendBytes": 4194304, "fileMs": 0.004,
//    "cost": {"<step kind>": {"fixedMs": 0.6, "msPerMiB": 15}, …},
//    "fallback": {"fixedMs": 0.6, "msPerMiB": 18},
//    "stored": [[path, stream, offset, bytes], …]}
// Terms:
//   estimate  a step's CPU: fixedMs + msPerMiB × parsed bytes / MiB, by its kind's line (the
//             fallback for a kind without one), + fileMs × the files it lists (each once):
//             what a file costs the core and the request however few its bytes (looked up,
//             read from D1 or the request, handed to the core; absent: 0);
//   parsed    the bytes a step parses: its files' bytes, except that a workouts step with
//             "records" parses only those ranges of its exercise files, and a heart-rate
//             step's Google CSV (heart_rate_*.csv) counts each byte 5/2
//             times (google_heart_rate_csv_parsed);
//   stored    a file the upload holds, with where (stream, offset, bytes): read by the group's
//             request from D1. Every other file of a step is SENT with the group's request.
// maxSendBytes absent: no cap on the bytes sent. Every number is summed in plan order, as
// doubles for the estimates, so that the cut is the one the same rule gives in JS.
#pragma once
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/same_bytes.h"

#include "core/common/status.h"
#include "simdjson.h"

namespace ts::convert {

// Google's heart-rate CSV costs the heart-rate step about 2.5 times a byte of Fitbit's JSON
// day (a row is split into cells and its ISO time and decimal parsed; a JSON record is scanned
// in place): 8.8 ms per MiB in V8's baseline tier against 3.0 (attack round: the plan's own
// CSV steps cost 1.8-1.9 times the heart_rate line's estimate). The line is fitted on JSON
// days, so a CSV's bytes count 5/2 times: floor(bytes * 5 / 2), as shared/step-groups.js
// parsedBytes counts them.
inline constexpr uint64_t kGoogleHeartRateCsvWeightNum = 5, kGoogleHeartRateCsvWeightDen = 2;
inline uint64_t google_heart_rate_csv_parsed(uint64_t bytes) {
  return bytes * kGoogleHeartRateCsvWeightNum / kGoogleHeartRateCsvWeightDen;
}

struct CostLine {
  double fixed_ms = 0;
  double ms_per_mib = 0;
};

struct StoredFile {
  uint64_t stream = 0, offset = 0, bytes = 0;
};

// Values by name, looked up by a view: hashed, and compared with same_bytes. The plan looks
// every file up in `stored` (~2,000 in ten years) and every step's kind up in `cost`; a tree's
// compares of paths that share a long prefix were memcmp calls, a twentieth of a plan's CPU in
// V8's baseline tier. The names live in a deque, whose elements never move (a view into a
// short string's own bytes stays valid); a copy adds every name again, into its own deque.
template <class V>
class NamedValues {
 public:
  NamedValues() = default;
  NamedValues(std::initializer_list<std::pair<std::string_view, V>> values) {
    for (const auto& [name, v] : values) add(name, v);
  }
  NamedValues(NamedValues&&) = default;
  NamedValues& operator=(NamedValues&&) = default;
  NamedValues(const NamedValues& o) { *this = o; }
  NamedValues& operator=(const NamedValues& o) {
    if (this == &o) return *this;
    names_.clear();
    map_.clear();
    for (const std::string& name : o.names_) add(name, *o.find(name));
    return *this;
  }

  // The first value given for a name is kept.
  void add(std::string_view name, const V& v) {
    if (map_.count(name)) return;
    names_.emplace_back(name);
    map_.emplace(names_.back(), v);
  }
  // The last value given for a name is kept.
  void put(std::string_view name, const V& v) {
    auto it = map_.find(name);
    if (it != map_.end()) it->second = v;
    else add(name, v);
  }
  const V* find(std::string_view name) const {
    auto it = map_.find(name);
    return it == map_.end() ? nullptr : &it->second;
  }
  size_t size() const { return map_.size(); }

 private:
  std::deque<std::string> names_;
  NameMap<V> map_;  // a tree: the upload's paths (same_bytes.h BytesLess)
};

struct GroupRules {
  double budget_ms = 0;
  uint64_t max_steps = 0;
  uint64_t max_send_bytes = UINT64_MAX;
  // What one group's request may read of the upload, each stored file counted once (the
  // Worker reads a stored file whole, whatever part of it a step parses).
  uint64_t max_stored_bytes = UINT64_MAX;
  double file_ms = 0;
  NamedValues<CostLine> cost;
  CostLine fallback;
  NamedValues<StoredFile> stored;

  double estimate_ms(std::string_view kind, uint64_t parsed_bytes, size_t files) const;
};

// The plan's option "groups", when it has one (`present` says whether). Errors: invalid_argument.
Error read_group_rules(simdjson::dom::element options, GroupRules& out, bool& present);

// What the cut needs of each step, in plan order.
struct StepLoad {
  double ms = 0;        // its estimate
  uint64_t send = 0;    // the bytes of its files the request sends
  std::vector<std::pair<size_t, uint64_t>> stored = {};  // the stored files it reads: (key, bytes)
};
// A file two steps of a group read (a heart-rate day) is sent once but counted for each: a
// group's sent bytes err on the large side, as its estimate does.

// Consecutive [first, count] covering every step in order.
std::vector<std::pair<size_t, size_t>> cut_groups(const std::vector<StepLoad>& steps, const GroupRules& rules);

}  // namespace ts::convert
