// libFuzzer target for a whole conversion shaped like an output amplification. Built by
// scripts/fuzz; see conversion_outputs_target.h.
#include "fuzz/conversion_outputs_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fuzz::conversion_outputs_once(data, size);
  return 0;
}
