// libFuzzer target for the Fitbit weight reader (and everything behind it). Built by
// scripts/fuzz with clang -fsanitize=fuzzer,address,undefined; see weight_reader_target.h.
#include "fuzz/weight_reader_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fuzz::weight_reader_once(data, size);
  return 0;
}
