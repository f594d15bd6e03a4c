#include "core/convert/exercise_digest.h"

#include <cstring>

#include "core/common/byte_fields.h"
#include "core/fitbit/export_kinds.h"
#include "simdjson.h"

namespace ts::convert {

namespace {

// The digest's first bytes: its format and version. A digest of another (the JSON of version
// 1, written before) is refused, with "upload the export again" (not_a_digest).
constexpr std::string_view kMagic = "TSD7";

Error not_a_digest(std::string_view path) {
  return fail(Status::format, "the exercise digest of " + std::string(path) +
                                  " is not one this service wrote (uploads are kept for 1 hour); upload the export again");
}


}  // namespace

void read_exercise_file(std::string_view path, std::string_view data, ExerciseRead& out) {
  out = ExerciseRead{};
  if (Error e = fitbit::read_exercises(path, data, false, out.file)) {
    out.unread = true;
    out.why = e.message;
    out.file = {};
    return;
  }
  // On a file read record by record (its array broken after them), the elements before the
  // defect: those are the records read_exercises read.
  std::vector<json::ByteRange> elements;
  json::array_elements(data, elements);
  for (const fitbit::Exercise& ex : out.file.records)
    out.ranges.push_back(ex.position < elements.size() ? std::optional(elements[ex.position]) : std::nullopt);
}

std::string write_exercise_digest(std::string_view path, std::string_view data, uint64_t bytes) {
  ExerciseRead r;
  read_exercise_file(path, data, r);
  std::string out(kMagic);
  ByteOut w{out};
  w.u64(bytes);
  w.u8(r.unread ? 1 : 0);
  if (r.unread) {
    w.str(r.why);
    return out;
  }
  w.u32(static_cast<uint32_t>(r.file.problems.size()));
  for (const fitbit::Problem& p : r.file.problems) {
    w.str(p.file);
    w.i64(p.index);
    w.u8(static_cast<uint8_t>(p.effect));
    w.i64(p.records);
    w.str(p.reason);
  }
  w.u32(static_cast<uint32_t>(r.file.records.size()));
  for (size_t i = 0; i < r.file.records.size(); ++i) {
    const fitbit::Exercise& ex = r.file.records[i];
    w.i64(ex.log_id);
    w.u64(ex.position);
    w.u8(r.ranges[i] ? 1 : 0);
    w.u64(r.ranges[i] ? r.ranges[i]->offset : 0);
    w.u64(r.ranges[i] ? r.ranges[i]->length : 0);
    w.i64(ex.start_utc_ms);
    w.i64(ex.duration_ms);
    w.i64(ex.active_duration_ms);
    w.i64(ex.activity_type_id);
    w.str(ex.activity_name);
    w.i32(ex.steps);
    w.i32(ex.calories);
    w.i32(ex.average_heart_rate);
    w.f64(ex.distance_m);
    w.f64(ex.elevation_gain_m);
    w.i32(ex.swim_lengths);
    w.u8(ex.has_gps ? 1 : 0);
    w.str(ex.log_type);
    w.i64(ex.last_modified_utc_ms);
  }
  return out;
}

Error read_exercise_digest(std::string_view path, std::string_view digest, uint64_t bytes, ExerciseRead& out) {
  out = ExerciseRead{};
  if (digest.substr(0, kMagic.size()) != kMagic) return not_a_digest(path);
  ByteIn r{digest, kMagic.size()};
  const uint64_t size = r.u64();
  const uint8_t unread = r.u8();
  if (!r.good || unread > 1) return not_a_digest(path);
  if (size != bytes)
    return fail(Status::format, "the exercise digest of " + std::string(path) + " was written for a file of " +
                                    std::to_string(size) + " bytes, and the options give " + std::to_string(bytes));
  if (unread) {
    out.why = r.str();
    if (!r.done()) return not_a_digest(path);
    out.unread = true;
    return {};
  }
  // Counts are checked against what is left before anything is reserved: a problem takes at
  // least 25 bytes (two empty strings), a record 110 (two empty strings).
  const uint32_t problems = r.u32();
  if (!r.good || problems > (digest.size() - r.at) / 25) return not_a_digest(path);
  out.file.problems.reserve(problems);
  for (uint32_t i = 0; i < problems; ++i) {
    fitbit::Problem p;
    p.file = r.str();
    p.index = r.i64();
    const uint8_t effect = r.u8();
    p.records = r.i64();
    p.reason = r.str();
    if (!r.good || effect > static_cast<uint8_t>(fitbit::Effect::not_converted)) return not_a_digest(path);
    p.effect = static_cast<fitbit::Effect>(effect);
    out.file.problems.push_back(std::move(p));
  }
  const uint32_t records = r.u32();
  if (!r.good || records > (digest.size() - r.at) / 110) return not_a_digest(path);
  out.file.records.reserve(records);
  out.ranges.reserve(records);
  for (uint32_t i = 0; i < records; ++i) {
    fitbit::Exercise ex;
    ex.log_id = r.i64();
    ex.position = static_cast<size_t>(r.u64());
    const uint8_t located = r.u8();
    const uint64_t offset = r.u64(), length = r.u64();
    ex.start_utc_ms = r.i64();
    ex.duration_ms = r.i64();
    ex.active_duration_ms = r.i64();
    ex.activity_type_id = r.i64();
    ex.activity_name = r.str();
    ex.steps = r.i32();
    ex.calories = r.i32();
    ex.average_heart_rate = r.i32();
    ex.distance_m = r.f64();
    ex.elevation_gain_m = r.f64();
    ex.swim_lengths = r.i32();
    const uint8_t gps = r.u8();
    ex.log_type = r.str();
    ex.last_modified_utc_ms = r.i64();
    // A range lies inside the file it was written for; a step checks it again against the
    // bytes it is sent (workout_records.h).
    if (!r.good || located > 1 || gps > 1 || offset > bytes || length > bytes - offset || (!located && (offset || length)))
      return not_a_digest(path);
    ex.has_gps = gps == 1;
    out.ranges.push_back(located ? std::optional(json::ByteRange{static_cast<size_t>(offset), static_cast<size_t>(length)})
                                 : std::nullopt);
    out.file.records.push_back(std::move(ex));
  }
  if (!r.done()) return not_a_digest(path);
  return {};
}

Error digest_exercise_files(const BundleView& in, std::string& out) {
  BundleWriter w;
  for (const BundleFile& f : in.files) {
    if (fitbit::classify_health_file(f.name) != fitbit::HealthFileKind::exercise)
      return fail(Status::invalid_argument, "ts_digest takes exercise files only (exercise-*.json); " +
                                                std::string(f.name.substr(0, 200)) + " is not one");
    w.add(f.name, write_exercise_digest(f.name, f.data, f.given_size()));
  }
  out = w.finish();
  return {};
}

Error digested_files(const BundleView& in, const std::vector<size_t>& exercise, simdjson::dom::element options, std::vector<bool>& out) {
  out.assign(in.files.size(), false);
  simdjson::dom::element list;
  if (options["digests"].get(list) || list.is_null()) return {};
  const Error shape = fail(Status::invalid_argument, "option 'digests' must be an array of the bundle's exercise files' paths");
  simdjson::dom::array paths;
  if (list.get_array().get(paths)) return shape;
  std::map<std::string_view, bool> named;
  for (simdjson::dom::element e : paths) {
    std::string_view p;
    if (e.get_string().get(p)) return shape;
    named[p] = false;
  }
  for (size_t fi : exercise) {
    auto it = named.find(in.files[fi].name);
    if (it == named.end()) continue;
    out[fi] = true;
    it->second = true;
  }
  for (const auto& [path, found] : named)
    if (!found)
      return fail(Status::invalid_argument,
                  "option 'digests' names " + std::string(path.substr(0, 200)) + ", which is not one of the bundle's exercise files");
  return {};
}

}  // namespace ts::convert
