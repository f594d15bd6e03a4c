// libFuzzer target for the TCX reader (and the activity plan and FIT writer behind it).
// Built by scripts/fuzz; see workout_readers_target.h.
#include "fuzz/workout_readers_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fuzz::tcx_reader_once(data, size);
  return 0;
}
