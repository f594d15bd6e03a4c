// libFuzzer target for the per-minute reader: its fast scan against simdjson. Built by
// scripts/fuzz with clang -fsanitize=fuzzer,address,undefined; see minute_reader_target.h.
#include "fuzz/minute_reader_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fuzz::minute_reader_once(data, size);
  return 0;
}
