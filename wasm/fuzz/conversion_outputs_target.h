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
// past the budget, an unsafe or shared path — is a finding.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "core/convert/bundle.h"
#include "core/convert/convert.h"
#include "core/convert/output_budget.h"
#include "core/convert/output_paths.h"

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
}

}  // namespace ts::fuzz
