// libFuzzer target: any bytes as an exercise-*.json file, then through the activity plan.
// Crashes, sanitizer reports and leaks are findings; each one becomes a named case in
// tests/cases/inspect.json or a Catch2 test. Run with ./scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/fitbit/exercise_reader.h"
#include "core/workout/activity_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fitbit::ExerciseFile file;
  if (ts::fitbit::read_exercises(std::string_view(reinterpret_cast<const char*>(data), size), false, file)) return 0;
  for (const auto& ex : file.records) {
    ts::workout::ActivityPlan plan;
    (void)ts::workout::plan_activity(ex, nullptr, {}, plan);
  }
  return 0;
}
