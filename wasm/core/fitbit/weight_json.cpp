#include "core/fitbit/weight_json.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/common/json_elements.h"
#include "core/common/same_bytes.h"
#include "core/fitbit/array_tail_problem.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_encoding.h"
#include "core/fitbit/weight_json_scan.h"

namespace ts::fitbit {

namespace {

namespace od = simdjson::ondemand;

// An optional positive number: null and 0 are "not measured" (nullopt). False when the value
// is not a number (the caller reports it and leaves the field out).
bool optional_positive(od::value v, std::optional<double>& out) {
  double d = 0;
  if (v.get_double().get(d)) {  // not a number: fine only when it is null
    bool null = false;
    return !v.is_null().get(null) && null;
  }
  if (!std::isfinite(d) || d < 0) return false;
  if (d > 0) out = d;
  return true;
}

// A string value's raw bytes without unescaping (dates and times have no escapes; one that
// does fails the date parse and is reported like any malformed date). The raw token runs from
// the opening quote to the next token, so trailing whitespace and the closing quote are cut.
bool raw_string(od::value v, std::string_view& out) {
  std::string_view tok;
  tok = v.raw_json_token();
  if (tok.empty() || tok.front() != '"') return false;
  while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\n' || tok.back() == '\r' || tok.back() == '\t'))
    tok.remove_suffix(1);
  if (tok.size() < 2 || tok.back() != '"') return false;
  out = tok.substr(1, tok.size() - 2);
  return true;
}

enum class Step { ok, skip, stop };

// Reads one record's fields in a single forward pass (On-Demand: values are parsed only for
// the five keys we use; everything else is skipped without building a DOM).
Step read_record(od::value rec, WeightLog& log, int64_t index, FileProblems& listed, SourceNames* sources) {
  od::object obj;
  if (rec.get_object().get(obj)) {
    listed.skip(index, "record is not a JSON object");
    return Step::skip;  // a type error is recoverable: the array moves on to the next element
  }
  bool has_weight = false, bad_weight = false, bad_bmi = false, bad_fat = false;
  std::string_view date, time;
  bool has_date = false, has_time = false;
  for (auto field_result : obj) {
    od::field field;
    if (std::move(field_result).get(field)) return Step::stop;
    // Keys compared raw (no unescaping copy): our five keys contain no escapes.
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key.unsafe_is_equal("weight")) {
      double w = 0;
      has_weight = true;
      bad_weight = v.get_double().get(w) || !std::isfinite(w) || w <= 0;
      log.weight = w;
    } else if (key.unsafe_is_equal("date")) {
      has_date = raw_string(v, date);
    } else if (key.unsafe_is_equal("time")) {
      has_time = raw_string(v, time);
    } else if (key.unsafe_is_equal("bmi")) {
      bad_bmi = !optional_positive(v, log.bmi);
    } else if (key.unsafe_is_equal("fat")) {
      bad_fat = !optional_positive(v, log.fat);
    } else if (sources != nullptr && key.unsafe_is_equal("source")) {
      std::string_view name;
      if (raw_string(v, name)) log.source = sources->intern(name);
    }
  }
  if (!has_weight || bad_weight) {
    listed.skip(index, "field 'weight' is missing or not a positive number");
    return Step::skip;
  }
  if (!has_date || !has_time) {
    listed.skip(index, "field 'date' or 'time' is missing");
    return Step::skip;
  }
  if (!parse_fitbit_date_time(date, time, FitbitShape::lenient, log.local_sec)) {
    listed.skip(index, "field 'date' or 'time' is not MM/DD/YY HH:MM:SS");
    return Step::skip;
  }
  if (bad_bmi) listed.drop(index, "field 'bmi' is not a number; left out");
  if (bad_fat) listed.drop(index, "field 'fat' is not a number; left out");
  return Step::ok;
}
}  // namespace

uint8_t SourceNames::intern(std::string_view name) {
  // Kept to 64 bytes, and compared as kept: a longer name compared whole never matched its
  // own kept copy, and took a new place each time it was met.
  name = name.substr(0, 64);
  if (name.empty()) return 0;
  for (size_t i = 1; i < names_.size(); ++i)
    if (same_bytes(names_[i], name)) return static_cast<uint8_t>(i);
  // More distinct sources than a byte holds never occur in a real export; the rest count as one.
  if (names_.size() == 255) return 254;
  names_.emplace_back(name);
  return static_cast<uint8_t>(names_.size() - 1);
}

void read_weight_json(od::parser& parser, std::string_view path, uint32_t file_no, std::string_view data,
                      bool padded, std::vector<WeightLog>& out, Problems& problems, SourceNames* sources) {
  if (scan_weight_json(data, file_no, out, sources)) return;  // the usual shape, every record usable
  read_weight_json_simdjson(parser, path, file_no, data, padded, out, problems, sources);
}

namespace {

// How reading the records of one array ended.
enum class Ended {
  whole,    // every element visited, nothing after the array
  refused,  // not an array (`type`: a well-formed value of another type), nothing appended
  broken,   // a syntax error, or text after the array: what was appended may not be trusted
};

// The records of the array in `view` appended to `out`, each numbered from `base` on, and their
// problems to `listed`.
Ended read_array(od::parser& parser, simdjson::padded_string_view view, uint32_t file_no, int64_t base,
                 std::vector<WeightLog>& out, FileProblems& listed, SourceNames* sources, bool& type) {
  od::document doc;
  od::array records;
  type = false;
  if (parser.iterate(view).get(doc)) return Ended::refused;
  if (const auto err = doc.get_array().get(records)) {
    type = err == simdjson::INCORRECT_TYPE;
    return Ended::refused;
  }
  int64_t index = base - 1;
  for (auto rec_result : records) {
    ++index;
    od::value rec;
    Step step = std::move(rec_result).get(rec) ? Step::stop : Step::ok;
    WeightLog& log = out.emplace_back();  // built in place; removed again when skipped
    log.file = file_no;
    log.index = static_cast<uint32_t>(index);
    if (step == Step::ok) step = read_record(rec, log, index, listed, sources);
    if (step != Step::ok) out.pop_back();
    if (step == Step::stop) return Ended::broken;  // On-Demand finds syntax errors as it goes
  }
  const char* trailing = nullptr;
  if (!doc.current_location().get(trailing)) return Ended::broken;  // in bounds after the array: more content follows
  return Ended::whole;
}

// A file On-Demand refuses, read element by element where its array still has its shape
// (json::array_elements: strings and nesting), as the exercise reader reads its own. One defect
// cost the rest of the month (helper finding: a comma inside one record). Each element is read
// on its own as a one-element array, so a record is kept only when it reads alone; the defect
// is named where it is.
void read_by_elements(od::parser& parser, std::string_view path, uint32_t file_no, std::string_view data,
                      std::vector<WeightLog>& out, Problems& problems, FileProblems& listed, SourceNames* sources) {
  std::vector<json::ByteRange> elements;
  const bool whole = json::array_elements(data, elements);  // on false, the elements before the defect
  if (elements.empty()) {
    problems.push_back(file_unread(path, "not valid JSON"));
    return;
  }
  std::string one;
  for (size_t i = 0; i < elements.size(); ++i) {
    const std::string_view slice = data.substr(elements[i].offset, elements[i].length);
    one.assign("[").append(slice).append("]");
    const simdjson::padded_string copy(one.data(), one.size());
    const size_t first = out.size(), first_problem = problems.size();
    const FileProblems::Counts counted = listed.counts();
    bool type = false;
    if (read_array(parser, copy, file_no, static_cast<int64_t>(i), out, listed, sources, type) != Ended::whole) {
      // Bytes of another encoding were read as '?' before this (read_weight_json_simdjson), so
      // what is left is the record's own syntax.
      out.resize(first);
      problems.resize(first_problem);
      listed.restore(counted);
      listed.skip(static_cast<int64_t>(i), "not valid JSON; skipped");
    }
  }
  if (whole) return;
  const std::string_view rest = data.substr(elements.back().offset + elements.back().length);
  problems.push_back(array_tail_problem(path, rest, record_skipped(path, static_cast<int64_t>(elements.size()), kCutShortReason)));
}

}  // namespace

void read_weight_json_simdjson(od::parser& parser, std::string_view path, uint32_t file_no, std::string_view data,
                               bool padded, std::vector<WeightLog>& out, Problems& problems, SourceNames* sources) {
  // A file of another encoding as a whole (UTF-16) is named so. One whose ASCII holds a byte
  // of another code page (a source "Ari\xe4" saved by another program) is read with each such
  // byte as '?': a weigh-in's numbers, date and time are ASCII, and one accented name cost the
  // month (helper finding: 13 weigh-ins).
  if (const std::string_view why = foreign_encoding(data, /*utf16_only=*/true); !why.empty()) {
    problems.push_back(file_unread(path, std::string(why)));
    return;
  }
  std::string cleaned;
  if (!simdjson::validate_utf8(data.data(), data.size())) {
    replace_foreign_bytes(data, cleaned);
    data = cleaned;
    padded = false;
    problems.push_back(value_dropped(path, -1, "holds bytes that are not UTF-8 text (it was saved in another encoding): each was read as '?', "
                                               "and its records as usual; use the file as it came in the export to keep its names as written"));
  }
  simdjson::padded_string copy;
  simdjson::padded_string_view view(data.data(), data.size(), data.size() + simdjson::SIMDJSON_PADDING);
  if (!padded) {
    copy = simdjson::padded_string(data.data(), data.size());
    view = simdjson::padded_string_view(copy);
  }
  const size_t first = out.size(), first_problem = problems.size();
  // ~100-150 bytes per pretty-printed record; grow geometrically (files arrive one by one).
  const size_t want = first + data.size() / 96;
  if (want > out.capacity()) out.reserve(std::max(want, 2 * out.capacity()));
  FileProblems listed(problems, path);
  bool type = false;
  const Ended ended = read_array(parser, view, file_no, 0, out, listed, sources, type);
  if (ended == Ended::whole) return;
  if (type) {  // a well-formed value of another type
    problems.push_back(file_unread(path, "not a JSON array of weight records"));
    return;
  }
  out.resize(first);
  problems.resize(first_problem);
  listed.restore({});
  read_by_elements(parser, path, file_no, data, out, problems, listed, sources);
}

}  // namespace ts::fitbit
