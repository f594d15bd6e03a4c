#include "core/fitbit/file_kinds.h"

#include <algorithm>
#include <set>

#include "core/common/digits.h"
#include "core/common/same_bytes.h"
#include "core/fitbit/export_paths.h"
#include "core/fitbit/export_time.h"

namespace ts::fitbit {

namespace {

constexpr uint8_t kW = kWeightBit, kWo = kWorkoutsBit, kD = kDailyBit, kR = kReferenceBit;

// In Kind order (checked by kind_info's tests: kTable[i].kind == i).
constexpr KindInfo kTable[] = {
    // The weigh-ins are read for every option: where both sources hold one, they show the UTC
    // offset in effect, which places days and workouts too (tz/learned_zone.h).
    {Kind::weight, "weight", "weight-YYYY-MM-DD.json", "weight", "weight/", "weight", kAllBits, true},
    // 2026 Takeouts ("Google Health") also write it by month, weight_2026-05-01.csv.
    {Kind::weight_csv, "weight_csv", "weight.csv or weight_YYYY-MM-DD.csv", "weight", "weight/", "weight", kAllBits, true},
    {Kind::height, "height", "height-YYYY-MM-DD.json", "", "", "weight", kW, true},
    {Kind::height_csv, "height_csv", "height.csv or height_YYYY-MM-DD.csv", "", "", "weight", kW, true},
    // The body fat of weigh-ins, by their instant: what a weigh-in only weight.csv holds keeps
    // (the JSON logs carry theirs). Named health data Garmin cannot take before (helper finding),
    // while weight_scale.percent_fat holds it.
    {Kind::body_fat_csv, "body_fat_csv", "body_fat.csv or body_fat_YYYY-MM-DD.csv", "", "", "weight", kW, true},
    {Kind::profile, "profile", "Profile.csv or User-Profile.json", "", "", "", kAllBits, true},
    {Kind::exercise, "exercise", "exercise-N.json", "workouts", "activities/", "workouts", kWo, true},
    // Most of its rows are exercise-*.json's workouts; a row that overlaps none of them is a
    // workout only this file holds (18 of 315 in one real export) and is converted from it.
    {Kind::google_exercises, "google_exercises", "UserExercises_*.csv", "workouts", "activities/", "workouts", kWo, true},
    {Kind::tcx, "tcx", "<Fitbit id>.tcx", "workouts", "activities/", "workouts", kWo, false},
    // Google Takeout carries no <logId>.tcx: a workout's positions are in these day files
    // (real exports: 85 of them for 46 workouts that say hasGps). Read by the workout steps
    // whose time they cover, for a workout without a track of its own.
    {Kind::gps_location, "gps_location", "gps_location_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    // What a track's <Cadence> held, for the workouts whose track comes from the files above.
    {Kind::cadence, "cadence", "cadence_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    // A workout's pace second by second (steps and distance), which the JSON does not hold:
    // the records of a workout without positions (real exports: 120 of 241 such workouts).
    {Kind::live_pace, "live_pace", "live_pace_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    // A run's running dynamics, each stride, which the JSON does not hold: the records of the
    // workouts whose records come from the files above take them (real exports: 33 days of each).
    {Kind::stride_length, "stride_length", "stride_length_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    {Kind::ground_contact_time, "ground_contact_time", "ground_contact_time_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    {Kind::vertical_oscillation, "vertical_oscillation", "vertical_oscillation_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    {Kind::vertical_ratio, "vertical_ratio", "vertical_ratio_YYYY-MM-DD.csv", "", "", "workouts", kWo, false},
    {Kind::steps, "steps", "steps-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::distance, "distance", "distance-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::calories, "calories", "calories-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::floors, "floors", "floors-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::altitude, "altitude", "altitude-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::sedentary_minutes, "sedentary_minutes", "sedentary_minutes-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::lightly_active_minutes, "lightly_active_minutes", "lightly_active_minutes-YYYY-MM-DD.json", "daily", "csv/",
     "daily", kD, false},
    {Kind::moderately_active_minutes, "moderately_active_minutes", "moderately_active_minutes-YYYY-MM-DD.json", "daily",
     "csv/", "daily", kD, false},
    {Kind::very_active_minutes, "very_active_minutes", "very_active_minutes-YYYY-MM-DD.json", "daily", "csv/", "daily", kD, false},
    {Kind::heart_rate, "heart_rate", "heart_rate-YYYY-MM-DD.json", "heart_rate", "reference/", "reference",
     static_cast<uint8_t>(kR | kWo), false},
    // Google's readings, a day or (2026 "Google Health") a month a file: read where the export
    // has no heart_rate-*.json of their days (apply_export_rules), for the same two uses.
    {Kind::heart_rate_csv, "heart_rate_csv", "heart_rate_YYYY-MM-DD.csv", "heart_rate", "reference/", "reference",
     static_cast<uint8_t>(kR | kWo), false},
    {Kind::resting_heart_rate, "resting_heart_rate", "resting_heart_rate-YYYY-MM-DD.json", "resting_heart_rate",
     "reference/", "reference", kR, true},
    {Kind::sleep, "sleep", "sleep-YYYY-MM-DD.json", "sleep", "reference/", "reference", kR, false},
    // Google's list of sleeps: always read, a night the sleep-*.json also holds written once
    // (reference/google_sleeps_csv.h, convert/sleep_copies.h).
    {Kind::sleep_csv, "sleep_csv", "UserSleeps_YYYY-MM-DD.csv", "sleep", "reference/", "reference", kR, false},
    {Kind::other_health, "other_health", "a CSV or JSON named for SpO2, HRV, temperature, stress, …", "other_health_data",
     "reference/other/", "reference", kR, false},
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == kKindCount, "one table row per kind");

// "<prefix><digits and dashes>.json", the first after the prefix a digit: monthly, daily and
// numbered files of the JSON export (weight-2023-01-01.json, exercise-100.json).
constexpr struct {
  std::string_view prefix;
  Kind kind;
} kDatedJson[] = {
    {"weight-", Kind::weight},
    {"height-", Kind::height},
    {"exercise-", Kind::exercise},
    {"steps-", Kind::steps},
    {"distance-", Kind::distance},
    {"calories-", Kind::calories},
    {"floors-", Kind::floors},
    {"altitude-", Kind::altitude},
    {"sedentary_minutes-", Kind::sedentary_minutes},
    {"lightly_active_minutes-", Kind::lightly_active_minutes},
    {"moderately_active_minutes-", Kind::moderately_active_minutes},
    {"very_active_minutes-", Kind::very_active_minutes},
    {"heart_rate-", Kind::heart_rate},
    {"resting_heart_rate-", Kind::resting_heart_rate},
    {"sleep-", Kind::sleep},
};

// Google's per-day CSVs (name_YYYY-MM-DD.csv, the name lower-cased) that copy what a JSON kind
// above holds, per minute or per reading: the readers take the JSON. Every other such CSV
// (speed, body_temperature, afib_ppg_windows, …) holds data no kind reads, and
// is named as such, not as a copy.
constexpr std::string_view kGoogleCopies[] = {
    "steps", "distance", "calories", "altitude", "floors", "active_minutes", "usersleepstages",
};

// Words in a file's own name that mark health data Garmin's import cannot take.
constexpr std::string_view kOtherHealthWords[] = {
    "spo2",
    "oxygen saturation",
    "oxygen_saturation",
    "estimated_oxygen_variation",
    "heart rate variability",
    "heart_rate_variability",
    "respiratory rate",
    "respiratory_rate",
    "sleep score",
    "sleep_score",
    "stress",
    "temperature",
    "time_in_heart_rate_zones",
    "heart_rate_zones",
    "vo2_max",
    "swim_lengths",
    "readiness",
    // Health history real Takeout exports hold that no reader converts (helper finding: named
    // "not a Fitbit export file TrackerSync reads", and not kept): kept as they are.
    "active zone minutes",
    "menstrual",
    "heart rate notifications",
    // Their 2026 "Google Health" names (helper finding: the legacy folder's files were kept
    // and these named unread, or "not read"): kept as they are too.
    "active_zone_minutes",
    "daily_resting_heart_rate",
    // Google's spelling of VO2 max ("demographic_vo2max_2026-05-01.csv"), beside Fitbit's
    // vo2_max (helper finding: named unread while the other was kept).
    "vo2max",
};

constexpr size_t kMaxPathLength = 512;

// Every file of an export is classified a few times per plan (~2,000 files for ten years):
// these tests avoid memcmp, strlen and allocations, which are calls in WASM (same_bytes.h).
bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && same_bytes(s.substr(0, p.size()), p); }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && same_bytes(s.substr(s.size() - p.size()), p);
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool dated_json(std::string_view name, std::string_view prefix) {
  if (!starts_with(name, prefix) || !ends_with(name, ".json")) return false;
  const std::string_view mid = name.substr(prefix.size(), name.size() - prefix.size() - 5);
  if (mid.empty() || !is_digit(mid[0])) return false;
  return std::all_of(mid.begin(), mid.end(), [](char c) { return is_digit(c) || c == '-'; });
}

// "<letters and underscores>_YYYY-MM-DD.csv": Google's per-day CSV copies (heart_rate_2024-10-27.csv).
bool google_daily_csv(std::string_view name) {
  if (!ends_with(name, ".csv") || name.size() < 4 + 11 + 1) return false;
  const std::string_view date = name.substr(name.size() - 4 - 10, 10);
  const std::string_view stem = name.substr(0, name.size() - 4 - 11);
  if (name[name.size() - 4 - 11] != '_' || stem.empty()) return false;
  for (size_t i = 0; i < 10; ++i)
    if ((i == 4 || i == 7) ? date[i] != '-' : !is_digit(date[i])) return false;
  return std::all_of(stem.begin(), stem.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// "<stem>.csv", or the same by period as 2026 Takeouts write it ("<stem>_YYYY-MM-DD.csv"):
// a weight_2026-05-01.csv classified by its date alone was "unread", and an export of it
// alone held "no Fitbit export" (helper finding on the 2026 shape).
bool google_csv_named(std::string_view name, std::string_view stem) {
  if (name.size() == stem.size() + 4) return starts_with(name, stem) && ends_with(name, ".csv");
  return name.size() == stem.size() + 15 && starts_with(name, stem) && google_daily_csv(name);
}

// A path that could escape or confuse where a file is written: empty, ".", ".." or drive
// ("C:") parts, a backslash (the CLI and the page read Windows-made zips' backslashes as '/'
// before classifying), a control character, or absurd length.
bool unsafe(std::string_view path) {
  if (path.empty() || path.size() > kMaxPathLength) return true;
  size_t seg = 0;  // where the current part begins
  for (size_t i = 0; i <= path.size(); ++i) {
    const unsigned char c = i < path.size() ? static_cast<unsigned char>(path[i]) : '/';  // the end ends the last part
    if (c == '\\' || c < 0x20 || c == 0x7f) return true;
    if (c != '/') continue;
    const size_t n = i - seg;
    if (n == 0 || (n == 1 && path[seg] == '.') || (n == 2 && path[seg] == '.' && path[seg + 1] == '.')) return true;
    const char d = path[seg];
    if (n == 2 && path[seg + 1] == ':' && ((d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z'))) return true;
    seg = i + 1;
  }
  return false;
}

FileClass known(Kind k) {
  FileClass c;
  c.known = true;
  c.kind = k;
  c.skip = SkipReason::none;
  return c;
}

}  // namespace

FileClass skipped(SkipReason r) {
  FileClass c;
  c.skip = r;
  return c;
}

const KindInfo& kind_info(Kind k) { return kTable[static_cast<int>(k)]; }

const KindInfo* kind_by_id(std::string_view id) {
  for (const KindInfo& k : kTable)
    if (id == k.id) return &k;
  return nullptr;
}

const char* skip_code(SkipReason r) {
  switch (r) {
    case SkipReason::none: return "none";
    case SkipReason::unsafe_path: return "unsafe-path";
    case SkipReason::os_metadata: return "os-metadata";
    case SkipReason::google_csv_copy: return "google-csv-copy";
    case SkipReason::google_csv_unread: return "google-csv-unread";
    case SkipReason::google_csv_no_json: return "google-csv-no-json";
    case SkipReason::repeated: return "repeated";
    case SkipReason::unnamed: return "unnamed";
    case SkipReason::unmatched_track: return "unmatched-track";
    case SkipReason::unused_google_track: return "unused-google-track";
    case SkipReason::other_product: return "other-product";
    case SkipReason::not_read: return "not-read";
    case SkipReason::count_: break;
  }
  return "not-read";
}

const char* skip_sentence(SkipReason r) {
  switch (r) {
    case SkipReason::none: return "";
    case SkipReason::unsafe_path:
      return "the path has an empty, '.', '..' or drive part, a backslash or a control character, or is over 512 "
             "characters; never read";
    case SkipReason::os_metadata: return "a copy macOS adds to zips it makes (._name); never data";
    case SkipReason::google_csv_copy:
      return "Google's per-day CSV of data the Fitbit JSON files (Global Export Data) also hold; TrackerSync converts "
             "that data from the JSON files only: what only the CSV holds is left out — minutes missing from the JSON "
             "(a gap of some minutes or hours, often on a day the zone changed), a day only the CSV holds (Health "
             "Connect's, from before a Fitbit account, or one after an older export's JSON stops, the day that export "
             "was made, but within the 30 days its last file is named for) — and so are sleep stages";
    case SkipReason::google_csv_unread:
      return "Google's per-day CSV of data TrackerSync does not convert: a workout's speed (its records take it from "
             "positions or pace), or health data Garmin Connect cannot import "
             "(AFib checks, heart-rate zones, sleep scores, …)";
    case SkipReason::google_csv_no_json:
      return "Google's per-day CSV of per-minute activity or sleep stages of days no Fitbit JSON file of the export "
             "holds (Global Export Data): TrackerSync converts that data from the JSON files only, so these days are "
             "not converted; add the Global Export Data folder of an export that holds them to convert them";
    case SkipReason::repeated:
      return "the export has this path twice, or a second heart-rate, position, cadence, pace or running-dynamics file for the "
             "same day or "
             "track for the same workout; the largest copy was read (the first by name of those as large)";
    case SkipReason::unnamed:
      return "heart-rate files are found by the day in their name (heart_rate-YYYY-MM-DD.json, heart_rate_YYYY-MM-DD.csv) "
             "and tracks by their "
             "workout's Fitbit id (53025679511.tcx: the number its exercise record gives as logId); this name has neither";
    case SkipReason::unmatched_track:
      // Or the record is there and was skipped (helper finding: a run without "duration" was
      // skipped, and this said its track had no record).
      return "no workout read from the export's exercise files has this track's id (the number in its name): its record is not in them "
             "(add the exercise files of the same export), or it could not be read (the problems say why)";
    case SkipReason::unused_google_track:
      // Not only "add the exercise files": a real export gave every one, and the day's positions
      // were a walk Fitbit kept as no exercise (helper finding).
      return "Google's positions, pace, cadence or running dynamics of days no workout in the export lies in (a "
             "workout takes them from the files of its own days): recorded outside any workout the exercise files "
             "(exercise-*.json, UserExercises_*.csv) hold, as a walk Fitbit did not keep as an exercise, or of a "
             "workout whose record is in exercise files not given";
    case SkipReason::other_product:
      return "another Google product's data in the same Takeout (its Fit folder is Google Fit's, not Fitbit's); "
             "TrackerSync converts Fitbit's, under Takeout/Fitbit";
    // Not "not a Fitbit export file": real exports' goals, badges and settings files are
    // Fitbit's, and that read as if they were not (helper finding on the page).
    case SkipReason::not_read:
      return "a file of no kind TrackerSync converts (Fitbit's goals, badges, settings and the like, or another product's "
             "file)";
    case SkipReason::count_: break;
  }
  return "";
}

std::string_view file_base_name(std::string_view path) {
  for (size_t i = path.size(); i > 0; --i)
    if (path[i - 1] == '/' || path[i - 1] == '\\') return path.substr(i);
  return path;
}

bool tcx_log_id_of(std::string_view path, int64_t& out) {
  const std::string name = lower(file_base_name(path));
  if (!ends_with(name, ".tcx")) return false;
  const std::string_view stem = std::string_view(name).substr(0, name.size() - 4);
  size_t digits = 0;
  while (digits < stem.size() && is_digit(stem[stem.size() - 1 - digits])) ++digits;
  if (digits == 0 || digits > 18) return false;
  size_t pos = stem.size() - digits;
  return text::read_digits(stem, pos, digits, digits, out);
}

// Whether the path lies in Google Fit's folder of a Takeout ("…/Takeout/Fit/…"): a Takeout of
// every Google product holds it beside Fitbit's, and its oxygen-saturation JSON and its .tcx
// activities were taken for Fitbit's (helper finding: copied as Fitbit's other health data, a
// track told to "add the exercise files of the same export"). Only right under a folder named
// Takeout…, so a folder of the person's own called "fit" above an export is not one.
namespace {
bool in_google_fit(std::string_view path) {
  std::string_view previous;
  for (size_t from = 0; from < path.size();) {
    const size_t slash = path.find('/', from);
    if (slash == std::string_view::npos) break;  // the base name is not a folder
    const std::string_view part = path.substr(from, slash - from);
    if (same_ignoring_ascii_case(part, "fit") && previous.size() >= 7 && same_ignoring_ascii_case(previous.substr(0, 7), "takeout"))
      return true;
    previous = part;
    from = slash + 1;
  }
  return false;
}
}  // namespace

FileClass classify_file(std::string_view path) {
  if (unsafe(path)) return skipped(SkipReason::unsafe_path);
  if (in_google_fit(path)) return skipped(SkipReason::other_product);
  // The base name in lower case, on the stack (unsafe() bounds its length).
  const std::string_view base = file_base_name(path);
  char lowered[kMaxPathLength];
  for (size_t i = 0; i < base.size(); ++i) {
    const char c = base[i];
    lowered[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view name(lowered, base.size());
  if (starts_with(name, "._")) return skipped(SkipReason::os_metadata);
  // The older export (user-site-export/ beside user-profile/) keeps the account in JSON: its
  // zone was lost, and every local time read in the machine's (helper finding).
  if (same_bytes(name, "profile.csv") || same_bytes(name, "user-profile.json")) return known(Kind::profile);
  if (google_csv_named(name, "weight")) return known(Kind::weight_csv);
  if (google_csv_named(name, "height")) return known(Kind::height_csv);
  if (google_csv_named(name, "body_fat")) return known(Kind::body_fat_csv);
  const bool json = ends_with(name, ".json");
  if (json)
    for (const auto& d : kDatedJson)
      if (dated_json(name, d.prefix)) return known(d.kind);
  if (ends_with(name, ".tcx")) return known(Kind::tcx);
  if (json || ends_with(name, ".csv"))
    for (std::string_view w : kOtherHealthWords)
      if (name.find(w) != std::string_view::npos) return known(Kind::other_health);
  // Real exports: most rows of Google's list of workouts are exercise-*.json's, but not all,
  // so it is read (convert/google_workouts.h), not named a copy.
  if (starts_with(name, "userexercises_") && ends_with(name, ".csv")) return known(Kind::google_exercises);
  // Not a copy: the JSON has no positions (Takeout has no tracks), so these are read.
  if (starts_with(name, "gps_location_") && google_daily_csv(name)) return known(Kind::gps_location);
  if (starts_with(name, "cadence_") && google_daily_csv(name)) return known(Kind::cadence);
  if (starts_with(name, "live_pace_") && google_daily_csv(name)) return known(Kind::live_pace);
  // Read unless the export has Fitbit's JSON of the same readings (apply_export_rules).
  if (starts_with(name, "heart_rate_") && name.size() == 25 && google_daily_csv(name)) return known(Kind::heart_rate_csv);
  if (same_bytes(name, "heart_rate.csv")) return skipped(SkipReason::unnamed);  // its days are found by the date in its name
  if (starts_with(name, "usersleeps_") && google_daily_csv(name)) return known(Kind::sleep_csv);
  if (starts_with(name, "stride_length_") && google_daily_csv(name)) return known(Kind::stride_length);
  if (starts_with(name, "ground_contact_time_") && google_daily_csv(name)) return known(Kind::ground_contact_time);
  if (starts_with(name, "vertical_oscillation_") && google_daily_csv(name)) return known(Kind::vertical_oscillation);
  if (starts_with(name, "vertical_ratio_") && google_daily_csv(name)) return known(Kind::vertical_ratio);
  if (google_daily_csv(name)) {
    const std::string_view stem = name.substr(0, name.size() - 4 - 11);
    for (std::string_view copy : kGoogleCopies)
      if (same_bytes(stem, copy)) return skipped(SkipReason::google_csv_copy);
    return skipped(SkipReason::google_csv_unread);
  }
  return skipped(SkipReason::not_read);
}

namespace {
// Whether `days` holds a day in [first, last].
bool any_day_in(const std::set<int64_t>& days, int64_t first, int64_t last) {
  const auto near = days.lower_bound(first);
  return near != days.end() && *near <= last;
}

// Whether the export holds Fitbit JSON of the days the Google copy at `path` copies
// (kGoogleCopies: "steps_2024-10-27.csv" copies steps-*.json; active minutes copy the four
// activity-level files; sleep stages the sleep files). `named_days`: per kind, the days its JSON
// files are named for; a per-minute or sleep file holds about 30 days from that day (a month
// named for the 1st), and a Google copy is named for its first day too (a day, or a month).
bool copied_json_given(std::string_view path, const std::set<int64_t> (&named_days)[kKindCount]) {
  int64_t day = 0;
  if (!csv_day_in_name(path, day)) return true;
  const auto near = [&](Kind k) { return any_day_in(named_days[static_cast<int>(k)], day - 30, day + 30); };
  const std::string_view base = file_base_name(path);
  const auto stem_is = [&](std::string_view stem) {
    return base.size() == stem.size() + 15 && same_ignoring_ascii_case(base.substr(0, stem.size()), stem);
  };
  if (stem_is("steps")) return near(Kind::steps);
  if (stem_is("distance")) return near(Kind::distance);
  if (stem_is("calories")) return near(Kind::calories);
  if (stem_is("altitude")) return near(Kind::altitude);
  // Floors come from altitude-*.json too (one floor is 10 ft of climb: daily/minute_series.h),
  // the only floors file older exports have: its CSV was named data "not converted" while the
  // daily CSV's Floors held it (helper finding on a real export, 35 floors_*.csv).
  if (stem_is("floors")) return near(Kind::floors) || near(Kind::altitude);
  if (stem_is("active_minutes"))
    return near(Kind::sedentary_minutes) || near(Kind::lightly_active_minutes) || near(Kind::moderately_active_minutes) ||
           near(Kind::very_active_minutes);
  if (stem_is("usersleepstages")) return near(Kind::sleep);
  return true;  // a copy by a rule of its own (heart rate): set below, after this
}

}  // namespace

void apply_export_rules(const std::vector<std::string_view>& paths, std::vector<FileClass>& classes) {
  // The days Fitbit's heart-rate JSON files are named for ("heart_rate-2024-10-27.json").
  std::set<int64_t> json_days;
  std::set<int64_t> named_days[kKindCount];  // per kind, the days its files are named for
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!classes[i].known) continue;
    if (int64_t day = 0; day_in_name(paths[i], day)) named_days[static_cast<int>(classes[i].kind)].insert(day);
    int64_t day;
    if (classes[i].kind == Kind::heart_rate && day_in_name(paths[i], day)) json_days.insert(day);
  }
  for (size_t i = 0; i < classes.size(); ++i) {
    FileClass& c = classes[i];
    if (!c.known) {
      // A copy of JSON the export does not have for its days (helper findings: steps_…csv alone,
      // or of October beside August's JSON, were named copies of data "the Fitbit JSON files
      // also hold"): said as it is.
      if (c.skip == SkipReason::google_csv_copy && !copied_json_given(paths[i], named_days)) c = skipped(SkipReason::google_csv_no_json);
      continue;
    }
    if (c.kind != Kind::heart_rate_csv || json_days.empty()) continue;
    int64_t first;  // heart_rate_YYYY-MM-DD.csv
    if (!csv_day_in_name(paths[i], first)) continue;
    const int64_t last = last_day_named(first);
    // A copy when a JSON file is named for every day of it. One the JSON holds only part of (an
    // older Takeout's days end inside a month, or the day after its last) is read, its rows of
    // the JSON's days left out by its step (convert/step_reference.cpp "jsonDays"): a month was
    // a copy whole, and then any day within a day of a JSON day, and the days past the JSON's
    // were lost (helper findings).
    bool all = true;
    for (int64_t d = first; d <= last && all; ++d) all = json_days.count(d) > 0;
    if (all) c = skipped(SkipReason::google_csv_copy);
  }
}

void SkipList::add(SkipReason r, std::string_view path) {
  SkipGroup& g = by_reason_[static_cast<int>(r)];
  g.reason = r;
  ++g.files;
  g.paths.emplace_back(path);
}

std::vector<SkipGroup> SkipList::groups() const {
  std::vector<SkipGroup> out;
  for (int i = 0; i < kSkipReasonCount; ++i) {
    const SkipGroup& g = by_reason_[i];
    if (g.files == 0) continue;
    SkipGroup c;
    c.reason = static_cast<SkipReason>(i);
    c.files = g.files;
    c.paths = g.paths;
    std::sort(c.paths.begin(), c.paths.end());
    if (c.paths.size() > kListedPerReason) c.paths.resize(kListedPerReason);
    out.push_back(std::move(c));
  }
  return out;
}

size_t SkipList::total() const {
  size_t n = 0;
  for (const SkipGroup& g : by_reason_) n += g.files;
  return n;
}

bool is_convert_option(std::string_view name) {
  for (const char* o : kConvertOptions)
    if (name == o) return true;
  return false;
}

bool report_kind_converted_by(std::string_view report_kind, std::string_view option) {
  for (const KindInfo& k : kTable)
    if (report_kind == k.report && option == k.convert) return true;
  return false;
}

bool read_for(const KindInfo& k, const std::vector<std::string>& convert_options) {
  if (convert_options.empty()) return true;
  for (const std::string& o : convert_options)
    for (int bit = 0; bit < 4; ++bit)
      if (o == kConvertOptions[bit] && (k.used_by & (1u << bit))) return true;
  return false;
}

}  // namespace ts::fitbit
