#include "core/fitbit/export_kinds.h"

#include "core/fitbit/file_kinds.h"

namespace ts::fitbit {

const char* health_file_kind_name(HealthFileKind k) {
  switch (k) {
    case HealthFileKind::unknown: return "unknown";
    case HealthFileKind::exercise: return "exercise";
    case HealthFileKind::google_exercises: return "google_exercises";
    case HealthFileKind::tcx: return "tcx";
    case HealthFileKind::gps_location: return "gps_location";
    case HealthFileKind::cadence: return "cadence";
    case HealthFileKind::live_pace: return "live_pace";
    case HealthFileKind::running_dynamics: return "running_dynamics";
    case HealthFileKind::daily: return "daily";
    case HealthFileKind::sleep: return "sleep";
    case HealthFileKind::resting_heart_rate: return "resting_heart_rate";
    case HealthFileKind::heart_rate: return "heart_rate";
    case HealthFileKind::heart_rate_csv: return "heart_rate_csv";
    case HealthFileKind::not_importable: return "not_importable";
  }
  return "unknown";
}

bool tcx_log_id(std::string_view path, int64_t& out) { return tcx_log_id_of(path, out); }

HealthFileKind classify_health_file(std::string_view path) { return health_kind_of(classify_file(path)); }

HealthFileKind health_kind_of(const FileClass& c) {
  if (!c.known) return HealthFileKind::unknown;
  switch (c.kind) {
    case Kind::exercise: return HealthFileKind::exercise;
    case Kind::google_exercises: return HealthFileKind::google_exercises;
    case Kind::tcx: return HealthFileKind::tcx;
    case Kind::gps_location: return HealthFileKind::gps_location;
    case Kind::cadence: return HealthFileKind::cadence;
    case Kind::live_pace: return HealthFileKind::live_pace;
    case Kind::stride_length:
    case Kind::ground_contact_time:
    case Kind::vertical_oscillation:
    case Kind::vertical_ratio: return HealthFileKind::running_dynamics;
    case Kind::steps:
    case Kind::distance:
    case Kind::calories:
    case Kind::floors:
    case Kind::altitude:
    case Kind::sedentary_minutes:
    case Kind::lightly_active_minutes:
    case Kind::moderately_active_minutes:
    case Kind::very_active_minutes: return HealthFileKind::daily;
    case Kind::sleep:
    case Kind::sleep_csv: return HealthFileKind::sleep;
    case Kind::resting_heart_rate: return HealthFileKind::resting_heart_rate;
    case Kind::heart_rate: return HealthFileKind::heart_rate;
    case Kind::heart_rate_csv: return HealthFileKind::heart_rate_csv;
    case Kind::other_health: return HealthFileKind::not_importable;
    default: return HealthFileKind::unknown;
  }
}

}  // namespace ts::fitbit
