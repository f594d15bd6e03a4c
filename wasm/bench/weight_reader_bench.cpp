// WASM half of scripts/bench-weight-reader: the weight reader alone (read_weight_json on every
// file, as the plan and the weight step call it), linked with the core library of this tree or
// of the baseline commit, so that both are timed on the same bytes in one process.
//   run(buffer, rounds): buffer = u32 count, then per file u32 length, its bytes and 64 bytes of
//   padding (the readers parse in place, as in a TSB1 bundle). Returns the records read.
// The two trees differ in one argument: this one also collects each weigh-in's `source` (the
// manifest names them), which the baseline did not read. The bench passes it, so the
// comparison charges this tree for the extra field.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/fitbit/weight_json.h"

#if __has_include("core/fitbit/weight_json_scan.h")
#define TS_READER_HAS_SOURCES 1
#endif

extern "C" {

__attribute__((export_name("alloc"))) uint8_t* bench_alloc(uint32_t n) { return static_cast<uint8_t*>(std::malloc(n)); }

__attribute__((export_name("run"))) uint32_t bench_run(const uint8_t* buf, uint32_t rounds) {
  uint32_t records = 0;
  for (uint32_t r = 0; r < rounds; ++r) {
    simdjson::ondemand::parser parser;
    std::vector<ts::fitbit::WeightLog> out;
    ts::fitbit::Problems problems;
#ifdef TS_READER_HAS_SOURCES
    ts::fitbit::SourceNames sources;
#endif
    uint32_t count = 0, pos = 4;
    std::memcpy(&count, buf, 4);
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t n = 0;
      std::memcpy(&n, buf + pos, 4);
      pos += 4;
      const std::string_view data(reinterpret_cast<const char*>(buf + pos), n);
#ifdef TS_READER_HAS_SOURCES
      ts::fitbit::read_weight_json(parser, "weight.json", i, data, true, out, problems, &sources);
#else
      ts::fitbit::read_weight_json(parser, "weight.json", i, data, true, out, problems);
#endif
      pos += n + 64;
    }
    // A problem means the input is not what the bench is for: the caller checks the count.
    records = problems.empty() ? static_cast<uint32_t>(out.size()) : 0;
  }
  return records;
}

}  // extern "C"
