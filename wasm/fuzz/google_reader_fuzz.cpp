// libFuzzer target for Google's list of workouts (UserExercises_*.csv; the activity plan and
// FIT writer behind it). Built by scripts/fuzz; see workout_readers_target.h.
#include "fuzz/workout_readers_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fuzz::google_exercises_once(data, size);
  return 0;
}
