#include "core/convert/exercise_digest.h"

#include <cmath>
#include <limits>

#include "core/common/json_writer.h"
#include "core/fitbit/export_kinds.h"
#include "simdjson.h"

namespace ts::convert {

namespace {

constexpr int64_t kVersion = 1;

Error not_a_digest(std::string_view path) {
  return fail(Status::format, "the exercise digest of " + std::string(path) +
                                  " is not one this service wrote (uploads are kept for 1 hour); upload the export again");
}

// One digest entry's fields, read in order (exercise_digest.h). The first wrong field makes
// every later read fail, and done() says whether all were right and nothing is left over.
struct Fields {
  simdjson::dom::array::iterator it, end;
  bool ok = true;

  simdjson::dom::element next() {
    if (!ok || it == end) {
      ok = false;
      return {};
    }
    simdjson::dom::element e = *it;
    ++it;
    return e;
  }
  bool done() const { return ok && it == end; }
  // Takes the next field when it is null.
  bool null() {
    if (!ok || it == end || !(*it).is_null()) return false;
    ++it;
    return true;
  }
  int64_t integer() {
    int64_t v = 0;
    simdjson::dom::element e = next();
    if (ok && e.get_int64().get(v)) ok = false;
    return v;
  }
  uint64_t count() {
    uint64_t v = 0;
    simdjson::dom::element e = next();
    if (ok && e.get_uint64().get(v)) ok = false;
    return v;
  }
  std::string text() {
    std::string_view v;
    simdjson::dom::element e = next();
    if (ok && e.get_string().get(v)) ok = false;
    return std::string(v);
  }
  int32_t int32() {
    const int64_t v = integer();
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) ok = false;
    return static_cast<int32_t>(v);
  }
  // A number, or "inf" (a distance too large for a double once in metres).
  double real() {
    simdjson::dom::element e = next();
    if (!ok) return 0;
    std::string_view s;
    if (!e.get_string().get(s)) {
      if (s != "inf") ok = false;
      return std::numeric_limits<double>::infinity();
    }
    int64_t i = 0;
    if (!e.get_int64().get(i)) return static_cast<double>(i);
    double d = 0;
    if (e.get_double().get(d)) ok = false;
    return d;
  }
};

}  // namespace

void read_exercise_file(std::string_view path, std::string_view data, ExerciseRead& out) {
  out = ExerciseRead{};
  if (Error e = fitbit::read_exercises(path, data, false, out.file)) {
    out.unread = true;
    out.why = e.message;
    out.file = {};
    return;
  }
  std::vector<json::ByteRange> elements;
  if (!json::array_elements(data, elements)) elements.clear();
  for (const fitbit::Exercise& ex : out.file.records)
    out.ranges.push_back(ex.position < elements.size() ? std::optional(elements[ex.position]) : std::nullopt);
}

std::string write_exercise_digest(std::string_view path, std::string_view data, uint64_t bytes) {
  ExerciseRead r;
  read_exercise_file(path, data, r);
  std::string out;
  json::Writer w(out);
  w.object().member("digest", kVersion).member("bytes", bytes).key("unread");
  if (r.unread) w.value(r.why);
  else w.null();
  w.key("problems").array();
  for (const fitbit::Problem& p : r.file.problems)
    w.array().value(p.file).value(p.index).value(static_cast<int64_t>(p.effect)).value(p.records).value(p.reason).end();
  w.end().key("records").array();
  for (size_t i = 0; i < r.file.records.size(); ++i) {
    const fitbit::Exercise& ex = r.file.records[i];
    w.array().value(ex.log_id).value(static_cast<uint64_t>(ex.position));
    if (r.ranges[i]) w.value(static_cast<uint64_t>(r.ranges[i]->offset)).value(static_cast<uint64_t>(r.ranges[i]->length));
    else w.null().null();
    w.value(ex.start_utc_ms)
        .value(ex.duration_ms)
        .value(ex.active_duration_ms)
        .value(ex.activity_type_id)
        .value(ex.activity_name)
        .value(ex.steps)
        .value(ex.average_heart_rate);
    if (std::isinf(ex.distance_m)) w.value("inf");
    else w.exact(ex.distance_m);
    w.value(ex.has_gps ? 1 : 0).value(ex.log_type).end();
  }
  w.end().end();
  return out;
}

Error read_exercise_digest(std::string_view path, std::string_view digest, uint64_t bytes, ExerciseRead& out) {
  out = ExerciseRead{};
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object o;
  if (parser.parse(digest.data(), digest.size(), true).get(doc) || doc.get_object().get(o)) return not_a_digest(path);
  int64_t version = 0;
  uint64_t size = 0;
  simdjson::dom::element unread;
  simdjson::dom::array problems, records;
  if (o["digest"].get_int64().get(version) || version != kVersion || o["bytes"].get_uint64().get(size) ||
      o["unread"].get(unread) || o["problems"].get_array().get(problems) || o["records"].get_array().get(records))
    return not_a_digest(path);
  if (size != bytes)
    return fail(Status::format, "the exercise digest of " + std::string(path) + " was written for a file of " +
                                    std::to_string(size) + " bytes, and the options give " + std::to_string(bytes));
  if (!unread.is_null()) {
    std::string_view why;
    if (unread.get_string().get(why) || records.size() != 0 || problems.size() != 0) return not_a_digest(path);
    out.unread = true;
    out.why = std::string(why);
    return {};
  }
  for (simdjson::dom::element e : problems) {
    simdjson::dom::array a;
    if (e.get_array().get(a)) return not_a_digest(path);
    Fields r{a.begin(), a.end()};
    fitbit::Problem p;
    p.file = r.text();
    p.index = r.integer();
    const int64_t effect = r.integer();
    p.records = r.integer();
    p.reason = r.text();
    if (!r.done() || effect < 0 || effect > static_cast<int64_t>(fitbit::Effect::not_converted)) return not_a_digest(path);
    p.effect = static_cast<fitbit::Effect>(effect);
    out.file.problems.push_back(std::move(p));
  }
  for (simdjson::dom::element e : records) {
    simdjson::dom::array a;
    if (e.get_array().get(a)) return not_a_digest(path);
    Fields r{a.begin(), a.end()};
    fitbit::Exercise ex;
    ex.log_id = r.integer();
    ex.position = static_cast<size_t>(r.count());
    const bool located = !r.null();
    uint64_t offset = 0, length = 0;
    if (located) {
      offset = r.count();
      length = r.count();
    } else if (!r.null()) {
      return not_a_digest(path);
    }
    ex.start_utc_ms = r.integer();
    ex.duration_ms = r.integer();
    ex.active_duration_ms = r.integer();
    ex.activity_type_id = r.integer();
    ex.activity_name = r.text();
    ex.steps = r.int32();
    ex.average_heart_rate = r.int32();
    ex.distance_m = r.real();
    const int64_t gps = r.integer();
    ex.log_type = r.text();
    // A range lies inside the file it was written for; a step checks it again against the
    // bytes it is sent (workout_records.h).
    if (!r.done() || (gps != 0 && gps != 1) || offset > bytes || length > bytes - offset) return not_a_digest(path);
    ex.has_gps = gps == 1;
    out.ranges.push_back(located ? std::optional(json::ByteRange{static_cast<size_t>(offset), static_cast<size_t>(length)})
                                 : std::nullopt);
    out.file.records.push_back(std::move(ex));
  }
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
