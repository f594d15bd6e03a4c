#include "core/convert/step_pieces.h"

#include <algorithm>
#include <limits>
#include <map>

#include "core/common/json_writer.h"
#include "core/common/same_bytes.h"
#include "core/convert/health_index.h"
#include "core/convert/step_input.h"
#include "core/convert/workout_inputs.h"
#include "core/fitbit/heart_rate_slices.h"
#include "core/fitbit/heart_rate_window.h"

namespace ts::convert {

namespace {

Error bad(const std::string& what) { return fail(Status::invalid_argument, "option 'pieces' " + what); }

// What the group reads of one heart-rate day file: the span of the records its bisections
// read, or its slice's records, or the whole file.
struct Reads {
  size_t begin = std::numeric_limits<size_t>::max();
  size_t end = 0;
  bool whole = false;
  int readers = 0;       // steps of the group that read it
  bool sliced = false;   // one of them reads a slice of it (heart_rate, "slice")
};

// A heart-rate step's "slice" [i, k], or false for one that reads its day whole.
bool slice_of(simdjson::dom::element step, uint32_t& i, uint32_t& k) {
  simdjson::dom::array a;
  uint64_t x = 0, y = 0;
  if (step["slice"].get_array().get(a) || a.size() != 2 || a.at(0).get_uint64().get(x) || a.at(1).get_uint64().get(y) || y == 0 ||
      y > fitbit::kMaxHeartRateSlices || x >= y)
    return false;
  i = static_cast<uint32_t>(x);
  k = static_cast<uint32_t>(y);
  return k > 1;
}

}  // namespace

Error plan_pieces(const BundleView& in, std::string& out_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array steps;
  if (parser.parse(in.options.data(), in.options.size(), true).get(doc) || doc["steps"].get_array().get(steps))
    return fail(Status::invalid_argument, "option 'steps' is required: a group of the plan's steps, as ts_step takes them");
  NameMap<const BundleFile*> by_name;  // a tree: the request's names (same_bytes.h BytesLess)
  for (const BundleFile& f : in.files) by_name.emplace(f.name, &f);
  std::map<std::string_view, Reads> reads;  // by path: the output's order
  std::map<std::string_view, const BundleFile*> hr_files;
  for (simdjson::dom::element step : steps) {
    std::string_view kind;
    simdjson::dom::array files;
    if (!step.is_object() || step["kind"].get_string().get(kind) || step["files"].get_array().get(files))
      return fail(Status::invalid_argument, "option 'steps' must be the plan's step objects, as the plan wrote them");
    BundleView mine;
    mine.options = in.options;
    mine.padded = in.padded;
    for (simdjson::dom::element e : files) {
      std::string_view name;
      if (e.get_string().get(name)) return fail(Status::invalid_argument, "option 'steps': 'files' must be paths");
      const auto found = by_name.find(name);
      if (found == by_name.end()) return fail(Status::invalid_argument, "option 'steps': file " + std::string(name) + " was not sent");
      mine.files.push_back(*found->second);
    }
    uint32_t slice = 0, slices = 1;
    if (kind == "heart_rate" && mine.files.size() == 1 && slice_of(step, slice, slices)) {
      // One slice of a day over the file cap (fitbit/heart_rate_slices.h): its records, or, for
      // a day that cannot be sliced, the whole day for slice 0 and nothing for the others.
      const BundleFile& f = mine.files[0];
      hr_files.emplace(f.name, by_name.at(f.name));
      Reads& r = reads[f.name];
      ++r.readers;
      r.sliced = true;
      fitbit::SliceSpan span;
      if (fitbit::heart_rate_slice(f.data, slice, slices, span)) {
        r.begin = span.begin;
        r.end = span.end;
      } else if (slice == 0) {
        r.whole = true;
      }
      continue;
    }
    if (kind != "workouts") {
      // Daily and heart-rate steps read their days whole.
      for (const BundleFile& f : mine.files) reads[f.name].whole = true;
      continue;
    }
    HealthIndex index;
    index_health_files(mine, index);
    std::vector<Workout> workouts;
    if (Error e = workouts_of_step(mine, index, step, workouts)) return e;
    // A workout its step may place at its local time (workout_inputs.h): its days whole.
    const bool unplaced = std::any_of(workouts.begin(), workouts.end(), [](const Workout& w) { return ends_after_last_change(w.ex); });
    for (const auto& [day, i] : index.heart_rate) {
      const BundleFile& f = mine.files[i];
      hr_files.emplace(f.name, by_name.at(f.name));
      Reads& r = reads[f.name];
      ++r.readers;
      if (unplaced) r.whole = true;
      const auto windows = heart_rate_day_windows(day, workouts);
      if (r.whole || windows.empty()) continue;
      std::vector<fitbit::WindowReading> found;
      fitbit::ReadSpan span;
      // A day the bisection cannot read (out of order where it looks) is read whole by the
      // step: its piece is then every record from the first in a window to the last.
      if (!fitbit::read_heart_rate_windows(f.data, windows, found, &span) && !fitbit::heart_rate_windows_span(f.data, windows, span)) {
        r.whole = true;  // not of the scan's shape: the step reads it whole
        continue;
      }
      if (span.end > span.begin) {
        r.begin = std::min(r.begin, span.begin);
        r.end = std::max(r.end, span.end);
      }
    }
  }
  json::Writer w(out_json);
  w.object().key("pieces").object();
  for (const auto& [name, f] : hr_files) {
    const Reads& r = reads.at(name);
    // A slice's piece is what that one step reads: a file that another step of the group reads
    // too goes whole.
    if (r.whole || (r.sliced && r.readers > 1)) continue;
    const uint64_t begin = r.end > r.begin ? r.begin : 0, length = r.end > r.begin ? r.end - r.begin : 0;
    const uint64_t size = f->given_size();
    w.key(name).array().value(begin + f->bom).value(length).value(size).end();
  }
  w.end().end();
  return {};
}

Error apply_pieces(simdjson::dom::element options_doc, std::vector<BundleFile>& files, std::deque<std::string>& held,
                   std::vector<std::string_view>& pieced) {
  simdjson::dom::element member;
  if (options_doc["pieces"].get(member)) return {};
  simdjson::dom::object pieces;
  if (member.get_object().get(pieces)) return bad("must be {\"<path>\": [offset, length, size], …}, as ts_step_pieces wrote it");
  for (simdjson::dom::key_value_pair kv : pieces) {
    const std::string name(kv.key);
    simdjson::dom::array a;
    uint64_t offset = 0, length = 0, size = 0;
    if (kv.value.get_array().get(a) || a.size() != 3 || a.at(0).get_uint64().get(offset) || a.at(1).get_uint64().get(length) ||
        a.at(2).get_uint64().get(size) || offset > size || length > size - offset)
      return bad("for " + name + " must be [offset, length, size] within the file");
    const auto f = std::find_if(files.begin(), files.end(), [&](const BundleFile& b) { return b.name == kv.key; });
    if (f == files.end()) return bad("names " + name + ", which was not sent");
    if (f->whole_size) return bad("names " + name + " twice");
    if (f->data.size() + f->bom != length)
      return bad("says " + name + " is sent as a piece of " + std::to_string(length) + " bytes, but " +
                 std::to_string(f->data.size() + f->bom) + " were sent");
    // The piece's records as a JSON array, padded as the call's input is (kReadablePadding).
    std::string& text = held.emplace_back();
    text.reserve(f->data.size() + 2 + kReadablePadding);
    text += '[';
    text.append(f->data);
    text += ']';
    text.append(kReadablePadding, ' ');
    f->data = std::string_view(text.data(), f->data.size() + 2);
    f->bom = 0;
    f->whole_size = std::max<uint64_t>(size, 1);
    pieced.push_back(f->name);
  }
  return {};
}

}  // namespace ts::convert
