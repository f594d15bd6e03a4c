#include "core/workout/plausibility.h"

#include <cstdio>

namespace ts::workout {

namespace {

struct SpeedLimits {
  uint8_t sport;
  const char* noun;  // "a run"
  double min_kmh, max_kmh;
};

// FIT sport values: running 1, cycling 2, swimming 5, walking 11, hiking 17.
constexpr SpeedLimits kLimits[] = {
    {1, "a run", 1.0, 30.0},  {11, "a walk", 0.3, 12.0}, {17, "a hike", 0.3, 15.0},
    {2, "a ride", 1.0, 100.0}, {5, "a swim", 0.1, 10.0},
};
constexpr SpeedLimits kAnySport = {0, "any workout", 0.0, 300.0};

constexpr int64_t kMaxDurationMs = 72LL * 3600 * 1000;
constexpr double kMaxStepsPerMinute = 300;
constexpr int kMinAvgHr = 25, kMaxAvgHr = 250;

std::string km_h(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g km/h", v);
  return buf;
}

// A workout a device recorded (a tracker's, or one it detected) whose summary holds nothing
// measured. Any moving body burns calories, and a device counts them for any workout it
// records; 0 calories stated (not absent), with no steps, distance, heart rate, climb or swim
// lengths, is a record the device left empty. A real export holds a 10.5-hour "Run" so, its
// tracker's other workouts of that day lying inside it: converted, it took their heart rate
// and positions (a workout's window takes what earlier ones have not), so they were written
// with no trace and no map, and its own track ran from Texas to Vietnam (helper finding). Of
// about 1,850 workouts in nine real exports, it and a 5-second "Run" are the two so. A manual
// log may hold only a duration: the person typed what they knew.
// Only fields the plan's exercise digest keeps (convert/exercise_digest.h): a plan from
// digests judges as one from the files (review finding: the distance as written, which the
// digest does not keep, judged a record with no known unit apart). Not judged: a record's
// own .tcx (no summary field says it has points), and Google's list rows, whose reader takes
// a total of 0 for none written.
bool measured_nothing(const fitbit::Exercise& ex) {
  if (ex.log_type != "tracker" && !ex.auto_detected()) return false;
  return ex.calories == 0 && ex.steps <= 0 && ex.distance_m <= 0 && ex.average_heart_rate <= 0 && ex.elevation_gain_m <= 0 &&
         ex.swim_lengths <= 0;
}

}  // namespace

std::string implausible(const fitbit::Exercise& ex, const SportMapping& sport) {
  if (ex.duration_ms > kMaxDurationMs) return "it lasts over 72 hours, longer than any workout";
  const int64_t active_ms = ex.timer_ms();
  if (ex.distance_m > 0 && active_ms >= 60 * 1000) {
    const SpeedLimits* lim = &kAnySport;
    for (const SpeedLimits& l : kLimits)
      if (l.sport == sport.sport) lim = &l;
    const double kmh = (ex.distance_m / 1000.0) / (static_cast<double>(active_ms) / 3'600'000.0);
    if (kmh < lim->min_kmh)
      return std::string("its average speed is under ") + km_h(lim->min_kmh) + ", slower than " + lim->noun + " can be";
    if (kmh > lim->max_kmh)
      return std::string("its average speed is over ") + km_h(lim->max_kmh) + ", faster than " + lim->noun + " can be";
  }
  if (ex.steps > 0 && active_ms >= 60 * 1000 && ex.steps / (static_cast<double>(active_ms) / 60'000.0) > kMaxStepsPerMinute)
    return "it has over 300 steps a minute, more than any person takes";
  // 0 is what a workout without a heart-rate sensor may carry: absent, not impossible.
  if (ex.average_heart_rate > 0 && (ex.average_heart_rate < kMinAvgHr || ex.average_heart_rate > kMaxAvgHr))
    return "its average heart rate is outside 25-250 beats a minute";
  if (measured_nothing(ex))
    return "a device recorded it, and it holds nothing a device measures: 0 calories, and no steps, distance, heart rate, climb "
           "or swim lengths";
  return {};
}

}  // namespace ts::workout
