// The files beyond weight, indexed by name (nothing parsed), and what a workout is made from:
// its exercise record and, for a track without heart rate, the heart-rate days of its window.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/fitbit/exercise_reader.h"
#include "core/fitbit/problem.h"
#include "core/workout/activity_plan.h"
#include "core/tz/transitions.h"

namespace ts::convert {

struct HealthIndex {
  std::vector<size_t> exercise, daily, sleep, resting_hr, not_importable;
  std::map<int64_t, size_t> tcx;         // logId -> file
  std::map<int64_t, size_t> heart_rate;  // civil day in the file name (UTC) -> file

  bool empty() const;
};

// Indexes in name order; the first file of a repeated logId / day wins.
void index_health_files(const BundleView& in, HealthIndex& out);

// "heart_rate-2023-01-25.json" -> the civil day of its name.
bool day_in_name(std::string_view path, int64_t& day);

// Exercise records of every exercise file, each logId once (first file by name wins).
struct Workout {
  fitbit::Exercise ex;
  size_t file;  // the exercise file it came from
};

// Every exercise record, each logId once (first file by name wins), in start order.
void read_workouts(const BundleView& in, const HealthIndex& index, std::vector<Workout>& out, fitbit::Problems& problems);

// Heart-rate samples by UTC day, loaded on first need and dropped once workouts moved past.
// A day file is ~70,000 readings: it is parsed once, keeping only the seconds inside that
// day's workouts.
class HeartRateDays {
 public:
  HeartRateDays(const BundleView& in, const HealthIndex& index, const std::vector<Workout>& workouts)
      : in_(in), index_(index), workouts_(workouts) {}

  // Samples inside [from, to] (UTC seconds), from the day files that cover it. Windows are
  // asked for in workout start order.
  void window(int64_t from, int64_t to, std::vector<workout::HeartRateSample>& out, fitbit::Problems& problems);

 private:
  void load(int64_t day, fitbit::Problems& problems);

  const BundleView& in_;
  const HealthIndex& index_;
  const std::vector<Workout>& workouts_;
  std::map<int64_t, std::vector<workout::HeartRateSample>> days_;
};

// True for a path index_health_files claims (so the weight side does not call it unknown).
bool is_health_file(std::string_view path);

// One output file, as the manifest lists it.
struct ProducedFile {
  std::string path;
  std::string kind;      // "weight", "activity", "daily", "reference"
  size_t records = 0;
  std::string first, last;  // ISO UTC times, or local dates for daily/reference files
  std::string extra;        // more manifest members, JSON, each starting with ','
  std::string bytes;
};

}  // namespace ts::convert
