#include "core/fitbit/weight_json_scan.h"

#include <cmath>
#include <cstring>

#include "core/fitbit/export_time.h"
#include "core/fitbit/json_scan.h"
#include "core/fitbit/text_number.h"

namespace ts::fitbit {

namespace {

using Scan = JsonScan;

enum class Value { string, number, null, other };

// Any value of the accepted shape; numbers are read as doubles only when `read_number` (the
// fields the reader keeps): a logId's 13 digits need no conversion, only the check of shape
// number_value makes (s.number, at most 17 characters: such a text always converts). In WASM
// the conversions were a sixth of a weight conversion's CPU.
bool value(Scan& s, bool read_number, Value& kind, std::string_view& str, double& num) {
  switch (s.next()) {
    case '"':
      kind = Value::string;
      return s.string(str);
    case 'n':
      kind = Value::null;
      return s.literal("null");
    case 't':
      kind = Value::other;
      return s.literal("true");
    case 'f':
      kind = Value::other;
      return s.literal("false");
    default:
      kind = Value::number;
      if (read_number) return number_value(s, num);
      return s.number(str) && str.size() <= 17;
  }
}

// bmi and fat: a number > 0 is kept; 0 (not measured) and null leave the field as it was, as
// in the simdjson reader. Anything else is a problem that reader reports.
bool optional_positive(Value kind, double num, std::optional<double>& out) {
  if (kind == Value::null) return true;
  if (kind != Value::number || num < 0) return false;
  if (num > 0) out = num;
  return true;
}

// The fields the reader keeps, told apart once per field.
enum class Key { weight, date, time, bmi, fat, source, other };
Key key_of(std::string_view key) {
  if (same_bytes(key, "weight")) return Key::weight;
  if (same_bytes(key, "date")) return Key::date;
  if (same_bytes(key, "time")) return Key::time;
  if (same_bytes(key, "bmi")) return Key::bmi;
  if (same_bytes(key, "fat")) return Key::fat;
  if (same_bytes(key, "source")) return Key::source;
  return Key::other;
}

// One record, every field usable, fields read in order (a repeated key: the last one counts,
// as in the simdjson reader).
// `source` values are kept in order (the last of a repeated key is the record's) and named only
// once the whole file scanned, so a scan that gives up leaves `sources` untouched.
bool record(Scan& s, WeightLog& log, std::vector<std::string_view>* source_texts, int& source_at) {
  if (!s.take('{')) return false;
  bool has_weight = false;
  std::string_view date, time;
  bool has_date = false, has_time = false;
  s.ws();
  if (!s.take('}')) {
    for (;;) {
      std::string_view key, str;
      Value kind;
      double num = 0;
      s.ws();
      if (!s.string(key)) return false;
      s.ws();
      if (!s.take(':')) return false;
      s.ws();
      const Key k = key_of(key);
      if (!value(s, k == Key::weight || k == Key::bmi || k == Key::fat, kind, str, num)) return false;
      switch (k) {
        case Key::weight:
          if (kind != Value::number || !(num > 0)) return false;
          has_weight = true;
          log.weight = num;
          break;
        case Key::date:
          if (kind != Value::string) return false;
          has_date = true;
          date = str;
          break;
        case Key::time:
          if (kind != Value::string) return false;
          has_time = true;
          time = str;
          break;
        case Key::bmi:
          if (!optional_positive(kind, num, log.bmi)) return false;
          break;
        case Key::fat:
          if (!optional_positive(kind, num, log.fat)) return false;
          break;
        case Key::source:
          if (source_texts != nullptr && kind == Value::string) {
            source_texts->push_back(str);
            source_at = static_cast<int>(source_texts->size());  // 1-based; 0 = none
          }
          break;
        case Key::other:
          break;
      }
      s.ws();
      if (s.take('}')) break;
      if (!s.take(',')) return false;
    }
  }
  return has_weight && has_date && has_time && parse_fitbit_date_time(date, time, FitbitShape::lenient, log.local_sec);
}

}  // namespace

bool scan_weight_json(std::string_view data, uint32_t file_no, std::vector<WeightLog>& out, SourceNames* sources) {
  const size_t first = out.size();
  std::vector<std::string_view> source_texts;
  std::vector<int> source_of;  // per record: 1-based index into source_texts, 0 = none
  Scan s(data);
  s.ws();
  bool ok = s.take('[');
  s.ws();
  if (ok && !s.take(']')) {
    for (uint32_t index = 0;; ++index) {
      s.ws();
      WeightLog& log = out.emplace_back();
      log.file = file_no;
      log.index = index;
      int source_at = 0;
      if (!record(s, log, sources ? &source_texts : nullptr, source_at)) {
        ok = false;
        break;
      }
      source_of.push_back(source_at);
      s.ws();
      if (s.take(']')) break;
      if (!s.take(',')) {
        ok = false;
        break;
      }
    }
  }
  s.ws();
  if (!ok || !s.at_end()) {
    out.resize(first);
    return false;
  }
  if (sources != nullptr) {
    // Named in the order the simdjson reader meets them: every source text, record by record.
    std::vector<uint8_t> ids(source_texts.size());
    for (size_t i = 0; i < source_texts.size(); ++i) ids[i] = sources->intern(source_texts[i]);
    for (size_t r = 0; r < source_of.size(); ++r)
      if (source_of[r] > 0) out[first + r].source = ids[static_cast<size_t>(source_of[r] - 1)];
  }
  return true;
}

}  // namespace ts::fitbit
