// The health outputs' view of the export's files (core/fitbit/file_kinds.h decides every kind,
// by the file's own name wherever it sits).
//
// Kinds this module knows (weight, Profile.csv and weight.csv belong to the weight readers):
//   exercise     exercise-<n>.json                       -> activity FIT files
//   google_exercises  UserExercises_*.csv (Google's list)  -> activity FIT files of the
//                workouts only it holds
//   tcx          <logId>.tcx                             -> GPS/HR track of one workout
//   gps_location gps_location_YYYY-MM-DD.csv (Google)    -> positions of the workouts that
//                                                           day without a track file
//   cadence      cadence_YYYY-MM-DD.csv (Google)         -> their cadence
//   live_pace    live_pace_YYYY-MM-DD.csv (Google)       -> distance, speed and cadence of
//                                                           the workouts without positions
//   running_dynamics  stride_length_, ground_contact_time_, vertical_oscillation_,
//                vertical_ratio_YYYY-MM-DD.csv (Google)  -> the running dynamics of the
//                                                           workouts those files give records
//   daily        steps-/distance-/calories-/floors-/altitude-*.json (per minute) and
//                sedentary_/lightly_active_/moderately_active_/very_active_minutes-*.json
//                                                        -> the daily Activities CSV
//   sleep, resting_heart_rate, heart_rate                -> reference/ CSVs
//   heart_rate_csv  heart_rate_YYYY-MM-DD.csv (Google)  -> the same as heart_rate, where the
//                   days no heart_rate-*.json is named for (file_kinds.h apply_export_rules)
//   not_importable  other health data Garmin cannot take (SpO2, HRV, sleep score, …): CSVs
//                   are copied to reference/ as they are, the rest listed as skipped
#pragma once
#include <cstdint>
#include <string_view>

#include "core/fitbit/file_kinds.h"

namespace ts::fitbit {

enum class HealthFileKind {
  unknown = 0,
  exercise,
  google_exercises,
  tcx,
  gps_location,
  cadence,
  live_pace,
  running_dynamics,
  daily,
  sleep,
  resting_heart_rate,
  heart_rate,
  heart_rate_csv,
  not_importable,
};

const char* health_file_kind_name(HealthFileKind k);

HealthFileKind classify_health_file(std::string_view path);
// The same, for a file already classified (classify_file).
HealthFileKind health_kind_of(const FileClass& c);

// For a TCX path, the workout's logId it belongs to ("…/53025679511.tcx"); false otherwise.
bool tcx_log_id(std::string_view path, int64_t& out);

}  // namespace ts::fitbit
