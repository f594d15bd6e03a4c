// A run's running dynamics at one record, as a FIT record holds them: each measure in its
// uint16 field's raw unit (scale applied; kNoDynamic, FIT's own invalid uint16, when absent).
// Two bytes each: a track point carries them, and a wider point slowed a one-second run's
// conversion by 5-12 % (bench-workout, turn about). Where they come from is
// google_running_dynamics_csv.h; where they go, workout/activity_fit.h.
//   step_length           record field 85, 0.1 mm: one foot's landing to the other's
//   stance_time           record field 41, 0.1 ms: a foot's time on the ground (ground contact time)
//   vertical_oscillation  record field 39, 0.1 mm: the body's rise and fall each step
//   vertical_ratio        record field 83, 0.01 %: vertical oscillation over step length
#pragma once
#include <cstddef>
#include <cstdint>

namespace ts::fitbit {

enum class RunningDynamic : uint8_t { step_length, stance_time, vertical_oscillation, vertical_ratio, count_ };
inline constexpr size_t kRunningDynamicCount = static_cast<size_t>(RunningDynamic::count_);

inline constexpr uint16_t kNoDynamic = 0xFFFF;

struct RunningDynamics {
  uint16_t raw[kRunningDynamicCount] = {kNoDynamic, kNoDynamic, kNoDynamic, kNoDynamic};

  uint16_t& operator[](RunningDynamic m) { return raw[static_cast<size_t>(m)]; }
  uint16_t operator[](RunningDynamic m) const { return raw[static_cast<size_t>(m)]; }
};

}  // namespace ts::fitbit
