#include "core/fitbit/exercise_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/common/json_elements.h"
#include "core/common/json_members.h"
#include "core/common/same_bytes.h"
#include "core/fitbit/array_tail_problem.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_encoding.h"
#include "simdjson.h"

namespace ts::fitbit {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// A JSON number of any representation (exports mix 122 and 122.0), or a numeric string.
bool number(element e, double& out) {
  int64_t i;
  uint64_t u;
  double d;
  if (!e.get_int64().get(i)) out = static_cast<double>(i);
  else if (!e.get_uint64().get(u)) out = static_cast<double>(u);
  else if (!e.get_double().get(d)) out = d;
  else return false;
  return std::isfinite(out);
}

// Integers carried as JSON numbers: exact up to 2^53, the most a double (and JS) holds.
bool whole(element e, int64_t& out) {
  // An integer as written, exactly: as a double, 2^53 + 1 rounded to 2^53 (helper finding: a
  // logId one past 2^53 was converted under 2^53's id, or dropped as that record's repeat).
  constexpr int64_t kMax = int64_t{1} << 53;
  int64_t i;
  if (!e.get_int64().get(i)) {
    if (i < 0 || i > kMax) return false;
    out = i;
    return true;
  }
  uint64_t u;
  if (!e.get_uint64().get(u)) return false;  // past int64, so past 2^53
  double v;
  if (!number(e, v) || v < 0 || v > static_cast<double>(kMax)) return false;
  out = static_cast<int64_t>(v);
  return true;
}

// Small counts (heart-rate bounds, minutes): a value outside 0..1e6 is nonsense and ignored;
// casting it to int would be undefined behaviour (the exercise fuzzer found a max of 1.4e83).
bool small_count(element e, int32_t& out) {
  double v;
  if (!number(e, v) || v < 0 || v > 1e6) return false;
  out = static_cast<int32_t>(v);
  return true;
}

bool field(object o, std::string_view key, element& out) {
  return !o[key].get(out) && !out.is_null();
}

// The record's own members (common/json_members.h: found in one pass over its keys, as o[key]
// answers: the first of a repeated key counts).
enum class Member : uint8_t {
  logId, startTime, duration, activeDuration, activityTypeId, activityName, calories, steps, averageHeartRate,
  elevationGain, speed, pace, distance, distanceUnit, hasGps, logType, tcxLink, source, heartRateZones, activityLevel,
  poolLength, poolLengthUnit, swimLengths, lastModified,
};
constexpr std::string_view kMemberNames[] = {
    "logId", "startTime", "duration", "activeDuration", "activityTypeId", "activityName", "calories", "steps",
    "averageHeartRate", "elevationGain", "speed", "pace", "distance", "distanceUnit", "hasGps", "logType", "tcxLink",
    "source", "heartRateZones", "activityLevel", "poolLength", "poolLengthUnit", "swimLengths", "lastModified",
};
using Members = json::Members<sizeof(kMemberNames) / sizeof(kMemberNames[0])>;

// As field(): a member that is absent or null is not there.
bool field(const Members& o, Member m, element& out) { return !o[m].get(out) && !out.is_null(); }

std::string_view name_of(Member m) { return kMemberNames[static_cast<size_t>(m)]; }

std::string missing(std::string_view key, std::string_view what) {
  return "field '" + std::string(key) + "' " + std::string(what) + "; record skipped";
}

// The reader's state for one record: its file, how problems name it ("record 3") and where
// they go.
// Problems past the first kListedPerFile of a file are counted, not listed (problem.h): a file
// of 100,000 broken records (`[{},{},…]`, 512 KB) listed each — millions of bytes of plan,
// report and digest, past the core's memory — where a person needs the first few and the count.
// Not a FileProblems: a record read alone (a step's) lists every problem.
using Unlisted = FileProblems::Counts;

struct Reading {
  std::string_view path;
  int64_t index;  // the record's in its file's array; -1: a record read alone ("the record")
  Problems& problems;
  Unlisted* unlisted = nullptr;  // where problems past kListedPerFile are counted; none: all listed

  // Named only when a problem is listed: a file of 100,000 records has no name to build.
  std::string record() const { return index < 0 ? std::string("the record") : "record " + std::to_string(index); }
  bool listed() { return !unlisted || problems.size() < kListedPerFile; }
  void dropped(std::string reason) {
    if (listed()) problems.push_back(value_dropped(path, -1, record() + ": " + std::move(reason)));
    else ++unlisted->dropped;
  }
  void skipped(std::string reason) {
    if (listed()) problems.push_back(record_skipped(path, -1, record() + ": " + std::move(reason)));
    else ++unlisted->skipped;
  }
  // A field's problem, its words built only when it is listed: a file of 700,000 "{}" records
  // built and dropped a message for each, 85 ms of a 2 MiB file's validate (attack finding).
  void skipped_field(std::string_view key, std::string_view what) {
    if (listed()) skipped(missing(key, what));
    else ++unlisted->skipped;
  }
  void not_object() {
    if (listed()) problems.push_back(record_skipped(path, -1, record() + " is not an object; skipped"));
    else ++unlisted->skipped;
  }
};

// Reads an optional non-negative number into an int field; reports a wrong type.
void opt_int(const Members& o, Member key, int32_t& out, Reading& report) {
  element e;
  if (!field(o, key, e)) return;
  double v;
  if (!number(e, v) || v < 0 || v > 2e9) {
    report.dropped("field '" + std::string(name_of(key)) + "' is not a non-negative number; ignored");
    return;
  }
  out = static_cast<int32_t>(std::lround(v));
}

void opt_double(const Members& o, Member key, double& out, Reading& report) {
  element e;
  if (!field(o, key, e)) return;
  double v;
  if (!number(e, v) || v < 0) {
    report.dropped("field '" + std::string(name_of(key)) + "' is not a non-negative number; ignored");
    return;
  }
  out = v;
}

// A pool swim's pool and lengths (exercise_reader.h). Its length in metres whatever unit it is
// in, as FIT's pool_length is; a unit other than metres or yards drops the pool, said.
void read_pool(const Members& o, Exercise& ex, Reading& report) {
  double length = -1;
  opt_double(o, Member::poolLength, length, report);
  element e;
  std::string_view unit;
  double per = 0;
  if (length > 0) {
    // A pool is in metres or yards; a distance's other units (miles, feet) are no pool's.
    if (field(o, Member::poolLengthUnit, e) && !e.get_string().get(unit) && metres_per_unit(unit, per) &&
        (per == 1.0 || per == kMetresPerYard)) {
      ex.pool_length_m = length * per;
      ex.pool_in_yards = per == kMetresPerYard;
    }
    if (ex.pool_length_m < 0) report.dropped("field 'poolLength' has no known unit (poolLengthUnit); pool length ignored");
  }
  opt_int(o, Member::swimLengths, ex.swim_lengths, report);
}

void opt_string(object o, std::string_view key, std::string& out) {
  element e;
  std::string_view s;
  if (field(o, key, e) && !e.get_string().get(s)) out = std::string(s);
}

void opt_string(const Members& o, Member key, std::string& out) {
  element e;
  std::string_view s;
  if (field(o, key, e) && !e.get_string().get(s)) out = std::string(s);
}

// Calls f(member) for each element of o[key] that is an object; a missing key, a value that
// is not an array and elements that are not objects are passed over (a record keeps what can
// be read of it).
template <typename F>
void each_object(const Members& o, Member key, F&& f) {
  element e;
  simdjson::dom::array items;
  if (!field(o, key, e) || e.get_array().get(items)) return;
  for (element item : items) {
    object member;
    if (!item.get_object().get(member)) f(member);
  }
}

// One element of the array into `ex`: false when it cannot be a workout (skipped, and
// reported). Shared by the whole-file and the one-record readers, so a record reads the same
// whichever read it.
bool read_record(element item, Reading& report, Exercise& ex) {
  object record;
  if (item.get_object().get(record)) {
    report.not_object();
    return false;
  }
  const Members o(record, kMemberNames);
  element e;
  std::string_view s;
  if (!field(o, Member::logId, e)) {
    report.skipped_field("logId", "is missing");
    return false;
  }
  if (!whole(e, ex.log_id)) {
    // A number past 2^53 is not refused for being odd: the plan hands logIds to JavaScript
    // (the page, the Worker) as JSON numbers, which would round it to another workout's id.
    double v;
    report.skipped_field("logId", number(e, v) ? "is not a whole number from 0 to 2^53 (9007199254740992), the largest the browser reads exactly"
                                                 : "is not a number");
    return false;
  }
  int64_t start_sec;
  if (!field(o, Member::startTime, e) || e.get_string().get(s) || !parse_export_datetime(s, start_sec)) {
    report.skipped_field("startTime", "is missing or not MM/DD/YY HH:MM:SS");
    return false;
  }
  ex.start_utc_ms = start_sec * 1000;
  const std::string_view start_text = s;
  // When the record was last changed (UTC): the evidence of a start written in local time
  // (convert/workout_inputs.h place_written_clock_workouts). Absent or unreadable: no evidence.
  int64_t modified_sec;
  if (field(o, Member::lastModified, e) && !e.get_string().get(s) && parse_export_datetime(s, modified_sec))
    ex.last_modified_utc_ms = modified_sec * 1000;
  // Fitbit writes "duration" on every record. One without it (an export edited, or written by
  // another tool) is timed by its activeDuration, said so: skipped, a 12 km run with a track of
  // its own was lost, and its track named as having no record (helper finding).
  const bool written = field(o, Member::duration, e);
  const bool timed = written || field(o, Member::activeDuration, e);  // `e`: the member that times it
  if (!timed || !whole(e, ex.duration_ms) || ex.duration_ms > kMaxDurationMs) {
    // Named by what a person can find it by — its name, id and start — and its length when it
    // has one (helper finding: "record 95: field 'duration' is missing or not between 0 and 7
    // days" was a Strava run logged as 9.9 days). Built only when listed.
    if (report.listed()) {
      std::string what = timed ? "is not a number of milliseconds" : "is missing, and so is activeDuration";
      double ms;
      if (timed && number(e, ms) && std::isfinite(ms) && std::fabs(ms) < 1e18) {
        char text[64];
        if (ms < 0) std::snprintf(text, sizeof text, "is %.0f ms, below 0", ms);
        else if (ms > static_cast<double>(kMaxDurationMs)) std::snprintf(text, sizeof text, "is %.0f ms (%.1f days), over 7 days", ms, ms / 86400000.0);
        else std::snprintf(text, sizeof text, "is %.3f ms, not a whole number", ms);
        what = text;
      }
      element n;
      std::string_view name;
      const bool named = field(o, Member::activityName, n) && !n.get_string().get(name) && !name.empty();
      // At most 60 bytes of it, cut where a UTF-8 character begins (never inside one).
      size_t cut = std::min<size_t>(name.size(), 60);
      while (cut < name.size() && cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      report.skipped_field("duration", what + ": " + (named ? std::string(name.substr(0, cut)) : std::string("a workout")) +
                                           " (Fitbit id " + std::to_string(ex.log_id) + ") starting " + std::string(start_text) + " UTC");
    } else {
      report.skipped_field("duration", "");
    }
    return false;
  }
  if (!written) report.dropped("field 'duration' is missing: its activeDuration is taken as its elapsed time");
  if (field(o, Member::activeDuration, e)) {
    if (!whole(e, ex.active_duration_ms) || ex.active_duration_ms > kMaxDurationMs) {
      ex.active_duration_ms = -1;
      report.dropped("field 'activeDuration' ignored");
    }
  }
  if (field(o, Member::activityTypeId, e)) whole(e, ex.activity_type_id);
  opt_string(o, Member::activityName, ex.activity_name);
  opt_int(o, Member::calories, ex.calories, report);
  opt_int(o, Member::steps, ex.steps, report);
  opt_int(o, Member::averageHeartRate, ex.average_heart_rate, report);
  opt_double(o, Member::elevationGain, ex.elevation_gain_m, report);
  opt_double(o, Member::speed, ex.speed, report);
  opt_double(o, Member::pace, ex.pace, report);
  opt_double(o, Member::distance, ex.distance, report);
  opt_string(o, Member::distanceUnit, ex.distance_unit);
  if (ex.distance >= 0) {
    double per;
    if (metres_per_unit(ex.distance_unit, per)) {
      ex.distance_m = ex.distance * per;
    } else {
      report.dropped("distance has no known unit; distance ignored");
    }
  }
  read_pool(o, ex, report);
  bool gps = false;
  if (field(o, Member::hasGps, e) && !e.get_bool().get(gps)) ex.has_gps = gps;
  opt_string(o, Member::logType, ex.log_type);
  opt_string(o, Member::tcxLink, ex.tcx_link);
  object src;
  if (field(o, Member::source, e) && !e.get_object().get(src)) {
    opt_string(src, "type", ex.source_type);
    opt_string(src, "name", ex.source_name);
  }
  each_object(o, Member::heartRateZones, [&](object zo) {
    HeartRateZone hz;
    opt_string(zo, "name", hz.name);
    element ze;
    if (field(zo, "min", ze)) small_count(ze, hz.min_bpm);
    if (field(zo, "max", ze)) small_count(ze, hz.max_bpm);
    if (field(zo, "minutes", ze)) small_count(ze, hz.minutes);
    ex.heart_rate_zones.push_back(std::move(hz));
  });
  each_object(o, Member::activityLevel, [&](object lo) {
    ActivityLevelMinutes al;
    opt_string(lo, "name", al.name);
    element le;
    if (field(lo, "minutes", le)) small_count(le, al.minutes);
    ex.activity_levels.push_back(std::move(al));
  });
  return true;
}

// A file simdjson refuses as a whole, read element by element where its array still has its
// shape (json::array_elements: strings and nesting). One defect cost every workout of the file:
// a comma after the last record, a file cut short, one byte of another encoding in one
// activityName (helper finding: 55 workouts lost for one comma). Each element is parsed on its
// own, so a record is kept only when simdjson takes it; the defect is named where it is, as
// the weight reader names its own ("not valid JSON from this record on").
Error read_record_by_record(std::string_view path, std::string_view data, ExerciseFile& file) {
  std::vector<json::ByteRange> elements;
  const bool whole = json::array_elements(data, elements);  // on false, the elements before the defect
  if (elements.empty()) return fail(Status::format, "not valid JSON");
  simdjson::dom::parser parser;
  Unlisted unlisted;
  for (size_t index = 0; index < elements.size(); ++index) {
    const std::string_view slice = data.substr(elements[index].offset, elements[index].length);
    Reading report{path, static_cast<int64_t>(index), file.problems, &unlisted};
    const simdjson::padded_string copy(slice.data(), slice.size());
    element item;
    if (parser.parse(copy).get(item)) {
      const std::string_view why = foreign_encoding(slice);
      report.skipped(why.empty() ? std::string("not valid JSON; skipped") : "it " + std::string(why));
      continue;
    }
    Exercise ex;
    ex.position = index;
    if (read_record(item, report, ex)) file.records.push_back(std::move(ex));
  }
  if (!whole) {
    const size_t after = elements.back().offset + elements.back().length;
    file.problems.push_back(array_tail_problem(path, data.substr(after), record_skipped(path, -1, "record " + std::to_string(elements.size()) + ": " + kCutShortReason)));
  }
  add_unlisted(file.problems, path, unlisted.skipped, unlisted.dropped);
  return {};
}

}  // namespace

bool metres_per_unit(std::string_view unit, double& out) {
  if (unit.size() > 1 && (unit.back() == 's' || unit.back() == 'S')) unit.remove_suffix(1);
  if (same_ignoring_ascii_case(unit, "kilometer") || same_ignoring_ascii_case(unit, "km")) out = 1000.0;
  else if (same_ignoring_ascii_case(unit, "mile") || same_ignoring_ascii_case(unit, "mi")) out = 1609.344;
  else if (same_ignoring_ascii_case(unit, "meter") || same_ignoring_ascii_case(unit, "metre") || same_ignoring_ascii_case(unit, "m")) out = 1.0;
  else if (same_ignoring_ascii_case(unit, "yard") || same_ignoring_ascii_case(unit, "yd")) out = kMetresPerYard;
  else if (same_ignoring_ascii_case(unit, "foot") || same_ignoring_ascii_case(unit, "feet") || same_ignoring_ascii_case(unit, "ft")) out = 0.3048;
  else return false;
  return true;
}

Error read_exercises(std::string_view path, std::string_view data, bool padded, ExerciseFile& file) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(data.data(), data.size(), !padded).get(doc)) {
    // A file of another encoding as a whole (UTF-16) is named so; any other, read record by record.
    const std::string_view why = foreign_encoding(data, true);
    if (!why.empty()) return fail(Status::format, std::string(why));
    return read_record_by_record(path, data, file);
  }
  simdjson::dom::array arr;
  if (doc.get_array().get(arr)) return fail(Status::format, "expected a JSON array of exercise records");
  size_t index = 0;
  Unlisted unlisted;
  for (element item : arr) {
    Reading report{path, static_cast<int64_t>(index), file.problems, &unlisted};
    Exercise ex;
    ex.position = index++;
    if (read_record(item, report, ex)) file.records.push_back(std::move(ex));
  }
  add_unlisted(file.problems, path, unlisted.skipped, unlisted.dropped);
  return {};
}

Error read_exercise_record(std::string_view path, std::string_view slice, Exercise& out, Problems& problems) {
  // A copy with simdjson's padding: in its file the slice is followed by the next record, and
  // at the file's end perhaps by nothing readable.
  const simdjson::padded_string copy(slice.data(), slice.size());
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(copy).get(doc)) return fail(Status::format, "not valid JSON");
  if (!doc.is_object()) return fail(Status::format, "not a JSON object");
  Problems own;
  Reading report{path, -1, own};
  if (!read_record(doc, report, out)) return fail(Status::format, own.back().reason);
  problems.insert(problems.end(), own.begin(), own.end());
  return {};
}

}  // namespace ts::fitbit
