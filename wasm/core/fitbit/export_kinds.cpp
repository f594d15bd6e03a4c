#include "core/fitbit/export_kinds.h"

#include "core/common/digits.h"
#include "core/daily/minute_series.h"
#include "core/fitbit/export_paths.h"

namespace ts::fitbit {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// "<prefix><digit>…<suffix>", e.g. "sleep-2024-03-21.json".
bool dated(std::string_view base, std::string_view prefix, std::string_view suffix) {
  return base.size() > prefix.size() + suffix.size() && starts_with(base, prefix) && ends_with(base, suffix) &&
         base[prefix.size()] >= '0' && base[prefix.size()] <= '9';
}

// Folders and names of health data Garmin's import page does not take.
constexpr std::string_view kNotImportable[] = {
    "Oxygen Saturation",  "SpO2",   "Heart Rate Variability", "Sleep Score", "estimated_oxygen_variation",
    "respiratory_rate",   "Respiratory Rate", "time_in_heart_rate_zones", "demographic_vo2_max",
    "run_vo2_max",        "Temperature", "Stress", "swim_lengths_data", "heart_rate_zones",
};

}  // namespace

const char* health_file_kind_name(HealthFileKind k) {
  switch (k) {
    case HealthFileKind::unknown: return "unknown";
    case HealthFileKind::exercise: return "exercise";
    case HealthFileKind::tcx: return "tcx";
    case HealthFileKind::daily: return "daily";
    case HealthFileKind::sleep: return "sleep";
    case HealthFileKind::resting_heart_rate: return "resting_heart_rate";
    case HealthFileKind::heart_rate: return "heart_rate";
    case HealthFileKind::not_importable: return "not_importable";
  }
  return "unknown";
}

bool tcx_log_id(std::string_view path, int64_t& out) {
  std::string_view b = base_name(path);
  if (!ends_with(b, ".tcx") || b.size() == 4 || b.size() > 4 + 18) return false;
  b.remove_suffix(4);
  size_t pos = 0;
  return text::read_digits(b, pos, 1, 18, out) && pos == b.size();
}

HealthFileKind classify_health_file(std::string_view path) {
  const std::string_view b = base_name(path);
  int64_t id;
  if (dated(b, "exercise-", ".json")) return HealthFileKind::exercise;
  if (tcx_log_id(path, id)) return HealthFileKind::tcx;
  daily::Metric m;
  if (daily::metric_of_file(b, m)) return HealthFileKind::daily;
  if (dated(b, "sleep-", ".json")) return HealthFileKind::sleep;
  if (dated(b, "resting_heart_rate-", ".json")) return HealthFileKind::resting_heart_rate;
  if (dated(b, "heart_rate-", ".json")) return HealthFileKind::heart_rate;
  for (std::string_view n : kNotImportable)
    if (path.find(n) != std::string_view::npos) return HealthFileKind::not_importable;
  return HealthFileKind::unknown;
}

}  // namespace ts::fitbit
