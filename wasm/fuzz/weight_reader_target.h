// What the weight-reader fuzzer does with one input, shared by the libFuzzer target
// (weight_reader_fuzz.cpp) and the regression test that replays every saved input
// (tests/cpp/fuzz_regressions_test.cpp).
//
// The input is one weight-*.json file. It goes through the whole path a real export takes:
// the TSB1 bundle, the On-Demand reader, unit detection, local -> UTC with DST transitions,
// the FIT writer, the manifest; and through validation. Any crash, sanitizer report or broken
// invariant (below) is a finding. The reader's fast scan is also compared with the simdjson
// reader: whenever the scan accepts an input, simdjson must read the same records from it,
// value for value, and find no problem.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "boundary/api_convert.h"
#include "core/convert/bundle.h"
#include "core/fit/crc.h"
#include "core/fitbit/weight_json_scan.h"

namespace ts::fuzz {

inline bool same_log(const fitbit::WeightLog& a, const fitbit::WeightLog& b) {
  return a.local_sec == b.local_sec && a.weight == b.weight && a.bmi == b.bmi && a.fat == b.fat && a.file == b.file &&
         a.index == b.index;
}

inline void weight_scan_matches_simdjson(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<fitbit::WeightLog> fast, slow;
  fitbit::SourceNames fast_sources, slow_sources;
  if (!fitbit::scan_weight_json(text, 0, fast, &fast_sources)) {
    if (fast_sources.size() != 1) std::abort();  // a scan that gives up names no source
    return;
  }
  simdjson::ondemand::parser parser;
  fitbit::Problems problems;
  fitbit::read_weight_json_simdjson(parser, "weight.json", 0, text, false, slow, problems, &slow_sources);
  if (!problems.empty() || fast.size() != slow.size()) std::abort();
  for (size_t i = 0; i < fast.size(); ++i)
    if (!same_log(fast[i], slow[i]) || fast_sources.name(fast[i].source) != slow_sources.name(slow[i].source)) std::abort();
}

inline void weight_reader_once(const uint8_t* data, size_t size) {
  weight_scan_matches_simdjson(data, size);
  // New York with two transitions, so inputs can land in gaps and repeated hours.
  static const char kOptions[] =
      "{\"timeZone\":{\"name\":\"America/New_York\",\"transitions\":[[0,-18000],[1678604400,-14400],"
      "[1699164000,-18000]]},\"weightEntriesPerFile\":7}";
  convert::BundleWriter w(kOptions);
  w.add("Takeout/Fitbit/Global Export Data/weight-2023-01-01.json",
        std::string_view(reinterpret_cast<const char*>(data), size));
  w.add("Takeout/Fitbit/Your Profile/Profile.csv", "timezone,height\nAmerica/New_York,175\n");
  std::string input = w.finish();
  const size_t len = input.size();
  input.append(boundary::kInputPadding, '\0');
  const boundary::Input in{reinterpret_cast<const uint8_t*>(input.data()), len};

  std::string report;
  if (api::validate(in, report)) std::abort();  // a valid bundle always validates
  std::string out;
  if (api::convert(in, out)) return;  // refusing is fine (it says why); crashing is not
  convert::BundleView view;
  if (convert::decode_bundle(reinterpret_cast<const uint8_t*>(out.data()), out.size(), 0, view)) std::abort();
  for (const auto& f : view.files) {
    if (f.name.size() > 4 && f.name.substr(f.name.size() - 4) == ".fit") {
      // Every FIT file: header size 14 and a file CRC that checks (residue 0).
      if (f.data.size() < 16 || f.data[0] != 14) std::abort();
      if (fit::crc16(0, reinterpret_cast<const uint8_t*>(f.data.data()), f.data.size()) != 0) std::abort();
    }
  }
}

}  // namespace ts::fuzz
