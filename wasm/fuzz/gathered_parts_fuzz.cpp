// libFuzzer target for the parts gathering and assembly read back from clients. Built by
// scripts/fuzz with clang -fsanitize=fuzzer,address,undefined; see gathered_parts_target.h.
#include "fuzz/gathered_parts_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fuzz::gathered_parts_once(data, size);
  return 0;
}
