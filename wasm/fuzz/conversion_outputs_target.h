// What the conversion-outputs fuzzer does with one input, shared by the libFuzzer target
// (conversion_outputs_fuzz.cpp) and the regression test that replays its corpus and findings
// (tests/cpp/fuzz_outputs_regressions_test.cpp).
//
// Shaped like an output amplification: the input's bytes choose a small export — up to 96
// workouts with chosen starts and durations (often on top of each other), a heart-rate day
// file with up to 4,096 readings at a chosen spacing, and other-health CSVs whose names come
// from the input's bytes (dots, backslashes, colons, control characters, repeats) — and the
// whole conversion runs on it. Every input must end in outputs within the budget
// (convert/output_budget.h) with safe paths of their own (convert/output_paths.h), or in a
// capacity refusal; anything else — a crash, a sanitizer report, another error, an output
// past the budget, an unsafe or shared path — is a finding. The same export is then planned
// as a server session, cut into groups under rules taken from the input's last bytes
// (step_groups.h): the groups must hold the plain plan's steps, in order, each once, and list
// each group's files once — a stored file with its place, every other one sent.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "core/common/json_writer.h"
#include "core/convert/bundle.h"
#include "core/convert/convert.h"
#include "core/convert/output_budget.h"
#include "core/convert/output_paths.h"
#include "core/convert/steps.h"
#include "simdjson.h"

namespace ts::fuzz {

// Reads the input a byte at a time; past its end every byte is 0.
class ByteSource {
 public:
  ByteSource(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
  // Two bytes, high first (read in order: the operands of one expression could be read in any).
  uint32_t below(uint32_t n) {
    const uint32_t hi = next();
    const uint32_t lo = next();
    return n ? (hi << 8 | lo) % n : 0;
  }

 private:
  const uint8_t* data_;
  size_t size_, at_ = 0;
};

inline std::string synthetic_export(const uint8_t* data, size_t size) {
  ByteSource in(data, size);
  const uint32_t workouts = 1 + in.below(96);
  std::string ex = "[";
  for (uint32_t i = 0; i < workouts; ++i) {
    const uint32_t start_min = in.below(4) == 0 ? in.below(600) : 0;  // most start together
    const uint32_t minutes = 1 + in.below(240);
    char start[32];
    std::snprintf(start, sizeof start, "03/04/23 %02u:%02u:00", 8 + start_min / 60, start_min % 60);
    if (i) ex += ",";
    ex += "{\"logId\":" + std::to_string(1000 + i) + ",\"activityName\":\"W\",\"activityTypeId\":90013,\"startTime\":\"" +
          start + "\",\"duration\":" + std::to_string(minutes * 60000) + "}";
  }
  ex += "]";
  const uint32_t readings = in.below(4097), spacing = 1 + in.below(10);
  std::string hr = "[";
  for (uint32_t r = 0; r < readings; ++r) {
    const uint32_t s = r * spacing;
    char t[96];
    std::snprintf(t, sizeof t, "{\"dateTime\":\"03/04/23 %02u:%02u:%02u\",\"value\":{\"bpm\":%u,\"confidence\":2}}",
                  (8 + s / 3600) % 24, (s / 60) % 60, s % 60, 60 + in.below(120));
    if (r) hr += ",";
    hr += t;
  }
  hr += "]";
  convert::BundleWriter w("{\"kinds\":[\"workouts\",\"reference\"]}");
  w.add("Takeout/Fitbit/Global Export Data/exercise-0.json", ex);
  w.add("Takeout/Fitbit/Global Export Data/heart_rate-2023-03-04.json", hr);
  static const char kPieces[] = {'.', '.', '\\', ':', '/', '\t', '\x01', 'a', 'A', ' '};
  for (uint32_t f = 0, n = in.below(6); f < n; ++f) {
    std::string name = "Takeout/Fitbit/Oxygen Saturation (SpO2)/";
    for (uint32_t c = 0, len = in.below(12); c < len; ++c) name += kPieces[in.below(sizeof kPieces)];
    name += "Minute SpO2.csv";
    w.add(name, "timestamp,value\n2023-03-04T08:00:00,97\n");
  }
  return w.finish();
}

inline void check_groups(const convert::BundleView& in, const uint8_t* data, size_t size) {
  const auto back = [&](size_t k) -> uint32_t { return size > k ? data[size - 1 - k] : 0; };
  const uint32_t max_steps = 1 + back(1) % 8;
  const uint32_t stored_bits = back(2);
  std::string options;
  json::Writer w(options);
  w.object().key("kinds").array().value("workouts").value("reference").end().key("groups").object();
  w.member("budgetMs", static_cast<double>(back(0) % 40) / 4).member("maxSteps", max_steps);
  if (back(3) % 2) w.member("maxSendBytes", back(4) * 2000u);
  w.key("cost").object().key("workouts").object().member("fixedMs", 0.3).member("msPerMiB", 11.0).end().end();
  w.key("fallback").object().member("fixedMs", 0.6).member("msPerMiB", 18.0).end();
  std::set<std::string_view> stored;
  w.key("stored").array();
  for (size_t i = 0; i < in.files.size() && i < 8; ++i)
    if (stored_bits >> i & 1) {
      stored.insert(in.files[i].name);
      w.array().value(in.files[i].name).value(0).value(i).value(in.files[i].data.size()).end();
    }
  w.end().end().end();
  std::string plain, grouped;
  if (convert::plan_export(in, plain)) std::abort();  // the conversion of the same export planned
  convert::BundleView with = in;
  with.options = options;
  if (convert::plan_export(with, grouped)) std::abort();
  convert::BundleView out;
  if (convert::decode_bundle(reinterpret_cast<const uint8_t*>(grouped.data()), grouped.size(), 0, out) || out.files.size() < 2)
    std::abort();
  simdjson::dom::parser p1, p2, p3;
  simdjson::dom::element plan, head, groups;
  simdjson::dom::array steps, session, answer;
  if (p1.parse(plain).get(plan) || plan["steps"].get_array().get(steps) || p2.parse(std::string(out.files[0].data)).get(head) ||
      head["groups"].get_array().get(answer) || p3.parse(std::string(out.files[1].data)).get(groups) ||
      groups.get_array().get(session) || answer.size() != session.size())
    std::abort();
  uint64_t count = 0;
  if (head["steps"].get_uint64().get(count) || count != steps.size()) std::abort();
  auto next = steps.begin();
  for (simdjson::dom::element g : session) {
    simdjson::dom::array group_steps, group_stored, group_send;
    if (g["steps"].get_array().get(group_steps) || g["stored"].get_array().get(group_stored) || g["send"].get_array().get(group_send) ||
        group_steps.size() == 0 || group_steps.size() > max_steps)
      std::abort();
    std::set<std::string> files, listed;
    for (simdjson::dom::element st : group_steps) {
      if (next == steps.end() || simdjson::minify(st) != simdjson::minify(*next)) std::abort();
      ++next;
      simdjson::dom::array names;
      if (st["files"].get_array().get(names)) std::abort();
      for (simdjson::dom::element f : names) files.insert(std::string(f.get_string().value_unsafe()));
    }
    for (simdjson::dom::element f : group_stored) {
      const std::string name(f["name"].get_string().value_unsafe());
      if (!stored.count(name) || !listed.insert(name).second) std::abort();
    }
    for (simdjson::dom::element f : group_send) {
      const std::string name(f.at(0).get_string().value_unsafe());
      if (stored.count(name) || !listed.insert(name).second) std::abort();
    }
    if (listed != files) std::abort();
  }
  if (next != steps.end()) std::abort();
}

inline void conversion_outputs_once(const uint8_t* data, size_t size) {
  const std::string bundle = synthetic_export(data, size);
  convert::BundleView in;
  if (convert::decode_bundle(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), 0, in)) return;  // names the writer refuses
  const convert::OutputBudget budget = convert::OutputBudget::for_bundle(in);
  std::string out;
  if (Error e = convert::convert_export(in, out)) {
    if (e.status != Status::capacity) std::abort();  // the only refusal an export this shape may get
    return;
  }
  convert::BundleView view;
  if (convert::decode_bundle(reinterpret_cast<const uint8_t*>(out.data()), out.size(), 0, view)) std::abort();
  uint64_t bytes = 0;
  std::set<std::string> paths;
  for (const convert::BundleFile& f : view.files) {
    bytes += f.data.size();
    if (!convert::is_safe_path(f.name)) std::abort();
    std::string lower(f.name);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (!paths.insert(lower).second) std::abort();
  }
  if (bytes > budget.max_bytes() || view.files.size() > budget.max_files() + 2) std::abort();  // + manifest, IMPORT.txt
  check_groups(in, data, size);
}

}  // namespace ts::fuzz
