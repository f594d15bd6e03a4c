// The one vocabulary of export files: which kind a file is, decided by its own name only.
//
// Fitbit exports come in several layouts — Google Takeout (`Takeout/Fitbit/…`, or without the
// `Takeout/` prefix, in several parts), the older `MyFitbitData/<Name>/…` archive, and the
// account archive `…/user-site-export/<kind>/…` — and a folder's name is never evidence:
// `Temperature export/Profile.csv` is a profile, not temperature data. So a file's kind comes
// from its base name (ASCII case ignored), wherever it sits.
//
// The table (kTable) says, for each kind:
//   id       the name every caller uses: the upload response, the page, the CLI
//   pattern  how its files are named, in words a person can match against their export
//   report   the validation report's kind its records count under ("" = read as evidence only)
//   output   the output folder its records end up in ("" = never copied into outputs)
//   convert  the convert option (options.kinds) that includes it ("" = read for every option)
//   used_by  every convert option that reads it (heart-rate days feed workouts and reference;
//            weigh-ins every option, for the UTC offsets they show)
//   light    read by a conversion's plan with its bytes (convert/steps.h): small by nature, it
//            gives the report, the chart, the workout list and the evidence every step needs
//            (units, UTC offsets). Every other file is read only by the step converting it.
// ts_file_kinds hands the table to JavaScript, ts_classify_paths the classification itself, so
// the CLI, the Worker's upload route and the page run this code and nothing else.
//
// A file that is no kind is skipped for a reason (SkipReason), and every skip is counted and
// named in the report: nothing in an export is ignored in silence.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ts::fitbit {

enum class Kind : uint8_t {
  weight,                     // weight-YYYY-MM-DD.json
  weight_csv,                 // weight.csv (Google: timestamp, weight grams)
  height,                     // height-YYYY-MM-DD.json (millimetres, as strings)
  height_csv,                 // height.csv (Google: timestamp, height millimeters)
  body_fat_csv,               // body_fat.csv or body_fat_YYYY-MM-DD.csv (Google: timestamp, body fat percentage)
  profile,                    // Profile.csv
  exercise,                   // exercise-N.json
  google_exercises,           // UserExercises_*.csv (Google's list of workouts; google_exercises_csv.h)
  tcx,                        // <logId>.tcx
  gps_location,               // gps_location_YYYY-MM-DD.csv (Google's positions, UTC; gps_location_csv.h)
  cadence,                    // cadence_YYYY-MM-DD.csv (Google's steps per minute while a workout records)
  live_pace,                  // live_pace_YYYY-MM-DD.csv (Google's steps and distance each second of a workout)
  stride_length,              // stride_length_YYYY-MM-DD.csv (Google's running dynamics while a run records:
  ground_contact_time,        //   ground_contact_time_YYYY-MM-DD.csv, vertical_oscillation_…, vertical_ratio_…;
  vertical_oscillation,       //   google_running_dynamics_csv.h)
  vertical_ratio,
  steps,
  distance,
  calories,
  floors,
  altitude,
  sedentary_minutes,
  lightly_active_minutes,
  moderately_active_minutes,
  very_active_minutes,
  heart_rate,
  heart_rate_csv,             // heart_rate_YYYY-MM-DD.csv (Google's readings; read for days no heart_rate-*.json is named for)
  resting_heart_rate,
  sleep,
  sleep_csv,                  // UserSleeps_YYYY-MM-DD.csv (Google's list of sleeps; its nights the JSON holds written once)
  other_health,               // health data Garmin cannot take (SpO2, HRV, temperature, …)
  count_
};
inline constexpr int kKindCount = static_cast<int>(Kind::count_);

// The convert options (options.kinds), as bits for KindInfo::used_by.
enum ConvertBit : uint8_t { kWeightBit = 1, kWorkoutsBit = 2, kDailyBit = 4, kReferenceBit = 8, kAllBits = 15 };
inline constexpr const char* kConvertOptions[] = {"weight", "workouts", "daily", "reference"};

struct KindInfo {
  Kind kind;
  const char* id;
  const char* pattern;
  const char* report;
  const char* output;
  const char* convert;
  uint8_t used_by;
  bool light;
};

const KindInfo& kind_info(Kind k);
// nullptr when `id` names no kind.
const KindInfo* kind_by_id(std::string_view id);

enum class SkipReason : uint8_t {
  none,
  unsafe_path,      // empty, ".", ".." or drive ("C:") parts, a backslash or control character, or too long
  os_metadata,      // "._name": AppleDouble twins macOS adds to zips it makes
  google_csv_copy,  // Google's per-day CSV copies of data the Fitbit JSON holds (file_kinds.cpp kGoogleCopies)
  google_csv_unread,  // Google's other per-day CSVs: data TrackerSync does not convert
  google_csv_no_json,  // a copy of kGoogleCopies in an export without the Fitbit JSON it copies
  repeated,         // a path seen before, or a second heart-rate file for a day or track for a workout (convert/file_table.h)
  unnamed,          // a heart-rate file or track whose name carries no day or logId, which is how each is found
  unmatched_track,  // a track whose logId no workout record of the export has
  unused_google_track,  // Google's positions, pace, cadence or running dynamics of days no workout lies in
  other_product,    // another Google product's folder in the same Takeout (Takeout/Fit/: Google Fit)
  not_read,         // any other file
  count_
};
inline constexpr int kSkipReasonCount = static_cast<int>(SkipReason::count_);

const char* skip_code(SkipReason r);     // "os-metadata"
const char* skip_sentence(SkipReason r);  // what it means, for a person

struct FileClass {
  bool known = false;
  Kind kind = Kind::count_;
  SkipReason skip = SkipReason::not_read;
};

// `path` is the file's path inside the export, '/'-separated (readers turn the '\\' of
// Windows-made zips into '/' first; a backslash left in a path makes it unsafe).
FileClass classify_file(std::string_view path);
// A file of no kind, skipped for `r` (classify_file's answers, and the file table's for copies
// of the same data: convert/file_table.h).
FileClass skipped(SkipReason r);

// The base name after the last '/' or '\\'.
std::string_view file_base_name(std::string_view path);

// For a TCX path, the workout logId its name ends with ("…/53025679511.tcx"); false otherwise.
bool tcx_log_id_of(std::string_view path, int64_t& out);

// The rules that need the whole export, applied to every file's classify_file answer (in
// any order, `paths[i]` classified as `classes[i]`). Google's heart-rate CSVs hold the same
// readings as Fitbit's heart_rate-*.json: a CSV is skipped as a copy where a JSON day file is
// named for one of its days (a day either side; a CSV named for the 1st holds its month).
// Older Takeouts hold both, day by day; a 2026 "Google Health" export has no heart-rate JSON,
// and its CSVs are the only heart rate it has (helper finding: named copies, a workout's heart
// rate was lost); the two given together keep the JSON's days and the newer months' CSVs.
// Google's list of sleeps (UserSleeps_YYYY-MM-DD.csv) is never a copy by its name: a list may
// hold 30 days or a year (real exports name yearly ones for the account's anniversary), and an
// older export's last sleep JSON stops at the day it was made, so no name tells which nights
// the JSON lacks; every list is read, and assembly writes a night both hold once, the JSON's
// (convert/sleep_copies.h).
void apply_export_rules(const std::vector<std::string_view>& paths, std::vector<FileClass>& classes);

// Skipped files grouped by reason, in SkipReason order, each with its count and up to
// kListedPerReason of its paths (name order), for the report.
struct SkipGroup {
  SkipReason reason;
  size_t files = 0;
  std::vector<std::string> paths;
};
inline constexpr size_t kListedPerReason = 100;

class SkipList {
 public:
  void add(SkipReason r, std::string_view path);
  // Groups with at least one file; paths sorted.
  std::vector<SkipGroup> groups() const;
  size_t total() const;

 private:
  SkipGroup by_reason_[kSkipReasonCount] = {};
};

// Whether a convert option list (empty = all) reads files of kind `k`.
bool read_for(const KindInfo& k, const std::vector<std::string>& convert_options);

// Whether `name` is one of kConvertOptions.
bool is_convert_option(std::string_view name);

// Whether the records of a report kind ("sleep") are converted by the option `option`
// ("reference"): the table's report and convert columns.
bool report_kind_converted_by(std::string_view report_kind, std::string_view option);

}  // namespace ts::fitbit
