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

// The distinct `source` texts of one file, in the order met. A record holds its text's place
// here (1-based) in WeightLog::source until the whole file has scanned; only then are the
// texts named in SourceNames, so a scan that gives up leaves it untouched. Nearly every record
// names the previous record's source: one compare, and nothing stored per record (a list of
// every record's text cost a tenth of the scan in WASM).
struct FileSources {
  std::vector<std::string_view> texts;
  size_t last = 0;  // the place of the text matched last, 0 before any
  // The text's place; 0 when the file has more distinct texts than a byte holds (the scan then
  // gives up: the simdjson reader names them).
  uint8_t place(std::string_view s) {
    if (last > 0 && same_bytes(texts[last - 1], s)) return static_cast<uint8_t>(last);
    for (size_t i = 0; i < texts.size(); ++i)
      if (same_bytes(texts[i], s)) return static_cast<uint8_t>(last = i + 1);
    if (texts.size() == 254) return 0;
    texts.push_back(s);
    return static_cast<uint8_t>(last = texts.size());
  }
};

// What one record's fields add up to, and whether a field's value is usable (the same rules
// for a record read field by field and one read along a layout).
struct Fields {
  Fields(WeightLog& l, FileSources* s) : log(l), sources(s) {}
  WeightLog& log;
  FileSources* sources;  // null: `source` is not read
  bool has_weight = false, has_date = false, has_time = false;
  std::string_view date, time;

  bool take(Key k, Value kind, std::string_view str, double num) {
    switch (k) {
      case Key::weight:
        if (kind != Value::number || !(num > 0)) return false;
        has_weight = true;
        log.weight = num;
        return true;
      case Key::date:
        if (kind != Value::string) return false;
        has_date = true;
        date = str;
        return true;
      case Key::time:
        if (kind != Value::string) return false;
        has_time = true;
        time = str;
        return true;
      case Key::bmi:
        return optional_positive(kind, num, log.bmi);
      case Key::fat:
        return optional_positive(kind, num, log.fat);
      case Key::source:
        if (sources != nullptr && kind == Value::string) {
          log.source = sources->place(str);  // a repeated key: the last one counts
          return log.source != 0;
        }
        return true;
      case Key::other:
        return true;
    }
    return false;
  }
  bool done() const {
    return has_weight && has_date && has_time && parse_fitbit_date_time(date, time, FitbitShape::lenient, log.local_sec);
  }
};

// A record's LAYOUT: the exact bytes before each value (from the '{', or from the end of the
// previous value: comma, spacing, the quoted key, the colon) with that value's key, and the
// bytes after the last value up to its '}'. Fitbit writes the records of a file with the same
// keys in the same order and the same spacing (a record without "fat" stops a field early), so
// a record is read along the layout of the one before: each run of bytes compared whole, only
// the values read. Equal bytes hold the same keys, so this reads exactly what a field-by-field
// read would; from the first run that differs, the rest of the record is read field by field.
struct Layout {
  static constexpr size_t kMaxFields = 16;
  // Left uninitialised (only the first `fields` are read): a record's read fills it in place of
  // the layout it follows, without clearing or copying (std::string_view would zero itself).
  struct Run {
    const char* at;
    size_t size;
    Key key;
    std::string_view text() const { return {at, size}; }
  };
  Run before[kMaxFields];
  size_t fields = 0;  // 0: none (the first record, or one with more fields than kept)
  Run close;
};

bool read_value(Scan& s, Key k, Fields& f) {
  std::string_view str;
  Value kind;
  double num = 0;
  return value(s, k == Key::weight || k == Key::bmi || k == Key::fat, kind, str, num) && f.take(k, kind, str, num);
}

// One field read from its separator on: spacing, the quoted key, the colon, the value. `from`
// is where its separator began; it ends as the end of the value.
bool read_field(Scan& s, Fields& f, Layout& next, size_t& n, const char*& from) {
  std::string_view key;
  s.ws();
  if (!s.string(key)) return false;
  s.ws();
  if (!s.take(':')) return false;
  s.ws();
  const Key k = key_of(key);
  if (n < Layout::kMaxFields) next.before[n] = {from, static_cast<size_t>(s.pos() - from), k};
  ++n;
  if (!read_value(s, k, f)) return false;
  from = s.pos();
  return true;
}

// One record, every field usable, fields read in order (a repeated key: the last one counts,
// as in the simdjson reader). `layout`: the previous record's; `next` gets this one's.
// `source` values are kept in order (the last of a repeated key is the record's) and named only
// once the whole file scanned, so a scan that gives up leaves `sources` untouched.
bool record(Scan& s, Fields& f, const Layout& layout, Layout& next) {
  const char* from = s.pos();
  size_t n = 0;
  bool closed = false;
  for (; n < layout.fields && s.literal(layout.before[n].text()); ++n) {
    next.before[n] = layout.before[n];
    if (!read_value(s, layout.before[n].key, f)) return false;
    from = s.pos();
  }
  if (n > 0 && n == layout.fields && s.literal(layout.close.text())) closed = true;
  if (!closed && n == 0) {
    if (!s.take('{')) return false;
    s.ws();
    if (s.take('}')) closed = true;
    else if (!read_field(s, f, next, n, from)) return false;
  }
  while (!closed) {
    s.ws();
    if (s.take('}')) break;
    if (!s.take(',') || !read_field(s, f, next, n, from)) return false;
  }
  next.fields = n <= Layout::kMaxFields ? n : 0;
  next.close = {from, static_cast<size_t>(s.pos() - from), Key::other};
  return f.done();
}

}  // namespace

bool scan_weight_json(std::string_view data, uint32_t file_no, std::vector<WeightLog>& out, SourceNames* sources) {
  const size_t first = out.size();
  FileSources file_sources;
  Layout layouts[2];  // the last record's and the one being read, in turn
  size_t last = 0;
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
      Fields fields(log, sources ? &file_sources : nullptr);
      if (!record(s, fields, layouts[last], layouts[last ^ 1])) {
        ok = false;
        break;
      }
      last ^= 1;
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
    // Named in the order the simdjson reader meets them (it names every text as it goes; a text
    // met again names nothing new), then each record's place turned into its name's index.
    uint8_t ids[256] = {0};
    for (size_t i = 0; i < file_sources.texts.size(); ++i) ids[i + 1] = sources->intern(file_sources.texts[i]);
    for (size_t r = first; r < out.size(); ++r) out[r].source = ids[out[r].source];
  }
  return true;
}

}  // namespace ts::fitbit
