#include "core/fitbit/tcx_reader.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

#include "core/common/blank_text.h"
#include "core/common/same_bytes.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/text_number.h"
#include "core/fitbit/tcx_point_layout.h"
#include "core/fitbit/xml_tokens.h"

namespace ts::fitbit {

namespace {

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && xml_space(v.front())) v.remove_prefix(1);
  while (!v.empty() && xml_space(v.back())) v.remove_suffix(1);
  return v;
}

// The element's text as a finite number; false when it has none or it is not a number.
// parse_decimal's fast path matters here: a one-hour track at 1 s holds ~25,000 numbers, and
// strtod in WASM cost more than the whole rest of the conversion.
bool number(std::string_view text, double& out) {
  const std::string_view t = trimmed(text);
  return parse_plain_decimal(t, out) || parse_decimal(t, out);
}

// v rounded half away from zero, for 0 <= v < 255: std::lround's value without its call (in
// WASM, a call into musl per heart rate and cadence). v minus its whole part is exact there.
int16_t round_small(double v) {
  const int whole = static_cast<int>(v);
  return static_cast<int16_t>(v - whole >= 0.5 ? whole + 1 : whole);
}

// Consecutive trackpoints' times mostly differ in their seconds alone ("…T07:00:10.000Z", then
// "…:11.000Z"). A time equal to the last one read but for its two second digits (00-59 in
// both) is that time moved by the seconds between: the milliseconds parse_iso_datetime_ms
// gives, without reading the date, the clock and the zone again (a twentieth of a track's
// CPU in WASM).
struct TimeCache {
  std::string_view text;  // the last time read, trimmed
  int64_t ms = 0;

  bool read(std::string_view s, int64_t& out) {
    constexpr size_t kSec = 17;  // "YYYY-MM-DDTHH:MM:" then the seconds
    auto seconds = [](std::string_view t, int& v) {
      const unsigned a = static_cast<unsigned char>(t[kSec]) - '0', b = static_cast<unsigned char>(t[kSec + 1]) - '0';
      v = static_cast<int>(a * 10 + b);
      return a <= 5 && b <= 9;
    };
    int now, before;
    if (s.size() == text.size() && s.size() >= kSec + 2 && s[kSec - 1] == ':' && seconds(s, now) && seconds(text, before) &&
        same_bytes(s.substr(0, kSec), text.substr(0, kSec)) && same_bytes(s.substr(kSec + 2), text.substr(kSec + 2))) {
      out = ms + static_cast<int64_t>(now - before) * 1000;
      return true;
    }
    if (!parse_iso_datetime_ms(s, out)) return false;
    text = s;
    ms = out;
    return true;
  }
};

// A value's text as read: its references expanded (xml_tokens.h expand_references), unless
// it is a CDATA section's (`literal`). A number or a time parses from the bytes as they are
// first: one written with a reference holds a '&', which neither parse takes, so only a value
// that fails is looked at again — a track without references pays nothing for them.
struct ValueText {
  std::string_view raw;
  bool literal = false;
  std::string& scratch;

  bool number(double& out) const { return fitbit::number(raw, out) || number_expanded(out); }
  bool time(int64_t& out, TimeCache* times = nullptr) const {
    return (times ? times->read(trimmed(raw), out) : parse_iso_datetime_ms(trimmed(raw), out)) || time_expanded(out);
  }

  // The second look, out of line, so the reads above stay as small as before references were
  // read (bench-workout against the core before them: 0.97-1.01 this way, 0.97-0.98 inline).
  [[gnu::noinline]] bool number_expanded(double& out) const {
    std::string_view x;
    return expanded(x) && fitbit::number(x, out);
  }
  [[gnu::noinline]] bool time_expanded(int64_t& out) const {
    std::string_view x;
    return expanded(x) && parse_iso_datetime_ms(trimmed(x), out);  // not cached: `x` is the scratch's
  }
  // The expanded text into `out`; false when there is nothing to expand.
  bool expanded(std::string_view& out) const {
    if (literal || !has_reference(raw)) return false;
    expand_references(raw, scratch);
    out = scratch;
    return true;
  }
};

// One trackpoint as its value elements are evaluated, each at its end tag in document order
// (a later element of the same name wins; HeartRateBpm's first Value, Extensions' first TPX
// and that one's first Speed and RunCadence are the ones evaluated).
struct PointDraft {
  Trackpoint p;
  bool timed = false;
  double lat = NAN, lon = NAN;

  void evaluate(PointField field, const ValueText& text, TimeCache& times) {
    double v;
    switch (field) {
      case PointField::time: timed = text.time(p.time_ms, &times); break;
      case PointField::latitude: text.number(lat); break;
      case PointField::longitude: text.number(lon); break;
      case PointField::altitude:
        if (text.number(v) && v > -500 && v < 9000) p.altitude_m = v;
        break;
      case PointField::distance:
        if (text.number(v) && v >= 0) p.distance_m = v;
        break;
      case PointField::heart_rate:
        if (text.number(v) && v > 0 && v < 255) p.heart_rate = round_small(v);
        break;
      case PointField::cadence:
        if (text.number(v) && v >= 0 && v < 255) p.cadence = round_small(v);
        break;
      case PointField::speed:
        if (text.number(v) && v >= 0 && v < 200) p.speed_mps = v;
        break;
      case PointField::run_cadence:
        if (p.cadence < 0 && text.number(v) && v >= 0 && v < 255) p.cadence = round_small(v);
        break;
    }
  }

  // Into the activity: false (and counted) without a readable time.
  bool finish(bool segment_start, TcxActivity& out) {
    if (!timed) {
      ++out.dropped_no_time;
      return false;
    }
    p.segment_start = segment_start;
    if (!std::isnan(lat) && !std::isnan(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
      p.lat_deg = lat;
      p.lon_deg = lon;
    }
    out.points.push_back(p);
    return true;
  }
};

}  // namespace

bool TcxActivity::has_gps() const {
  for (const Trackpoint& p : points)
    if (p.has_position()) return true;
  return false;
}

bool TcxActivity::has_heart_rate() const {
  for (const Trackpoint& p : points)
    if (p.heart_rate > 0) return true;
  return false;
}

namespace {

// A trackpoint's DistanceMeters counts from its own <Activity>'s start (the TCX schema), so a
// second activity's usually starts again at 0 and the plan's running clamp held the workout's
// distance flat through it. In time order, an activity that begins after every earlier one has
// ended, and whose first distance is below what they reached, has that reach added to its
// points, so the distance runs on through both. One written running on already (a merging tool
// may do either) is kept as written; so is one that overlaps an earlier activity in time (two
// devices recording the same run: adding would count it twice). `starts`: where each
// activity's points begin in `points`, in document order (review finding: the order of the
// document is not the order of time).
void carry_distances(const std::vector<size_t>& starts, std::vector<Trackpoint>& points) {
  struct Span {
    size_t begin, end;
    int64_t first_ms, last_ms;
  };
  std::vector<Span> spans;
  for (size_t a = 0; a < starts.size(); ++a) {
    const size_t begin = starts[a], end = a + 1 < starts.size() ? starts[a + 1] : points.size();
    if (begin == end) continue;
    Span sp{begin, end, points[begin].time_ms, points[begin].time_ms};
    for (size_t i = begin; i < end; ++i) {
      sp.first_ms = std::min(sp.first_ms, points[i].time_ms);
      sp.last_ms = std::max(sp.last_ms, points[i].time_ms);
    }
    spans.push_back(sp);
  }
  if (spans.size() < 2) return;
  std::stable_sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.first_ms < y.first_ms; });
  double reached = NAN;  // the largest distance of the earlier activities, as kept
  int64_t ended_ms = INT64_MIN;  // the last point's time of the earlier activities
  for (const Span& sp : spans) {
    double first = NAN;  // the distance of its earliest point that has one
    int64_t first_at = INT64_MAX;
    for (size_t i = sp.begin; i < sp.end; ++i)
      if (!std::isnan(points[i].distance_m) && points[i].time_ms < first_at) {
        first_at = points[i].time_ms;
        first = points[i].distance_m;
      }
    const double carry = sp.first_ms > ended_ms && !std::isnan(reached) && !std::isnan(first) && first < reached ? reached : 0;
    for (size_t i = sp.begin; i < sp.end; ++i) {
      double& d = points[i].distance_m;
      if (std::isnan(d)) continue;
      d += carry;
      reached = std::isnan(reached) ? d : std::max(reached, d);
    }
    ended_ms = std::max(ended_ms, sp.last_ms);
  }
}

}  // namespace

namespace {

// What an open element is to the reader, from its parent's role and its local name.
enum class Role : uint8_t {
  other,  // read for well-formedness only
  root, activities, activity, activity_id, lap, lap_time, lap_distance, lap_calories, track,
  point, position, heart_rate, extensions, tpx,
  multisport, sport,  // <MultiSportSession>, its <FirstSport> and <NextSport>: each holds an <Activity>
  transition,         // a <NextSport>'s <Transition>: a lap between two sports, read as an activity of its own
  value,  // a trackpoint value element (Frame::field says which)
};

struct Frame {
  Role role = Role::other;
  PointField field = PointField::time;
  std::string_view text;  // its first text run that is not only whitespace, or CDATA section
  bool has_text = false;
  bool literal = false;  // `text` is a CDATA section's
  int capture = -1;
  // "the first child of that name" (child() in the reader this one replaced).
  bool seen_a = false, seen_b = false, seen_c = false;
};

// The role of a child named `name` of `parent`; the first-of-its-name children are marked in
// the parent.
Frame child_frame(Frame& parent, std::string_view name, bool first_activity) {
  Frame f;
  auto first = [](bool& seen) {
    if (seen) return false;
    seen = true;
    return true;
  };
  auto value = [&f](PointField field) {
    f.role = Role::value;
    f.field = field;
  };
  switch (parent.role) {
    case Role::root:
      if (same_bytes(name, "Activities") && first(parent.seen_a)) f.role = Role::activities;
      break;
    case Role::activities:
      if (same_bytes(name, "Activity")) f.role = Role::activity;
      else if (same_bytes(name, "MultiSportSession")) f.role = Role::multisport;
      break;
    case Role::multisport:
      if (same_bytes(name, "FirstSport") || same_bytes(name, "NextSport")) f.role = Role::sport;
      break;
    case Role::sport:
      if (same_bytes(name, "Activity")) f.role = Role::activity;
      else if (same_bytes(name, "Transition")) f.role = Role::transition;
      break;
    case Role::activity:
      if (same_bytes(name, "Lap")) f.role = Role::lap;
      else if (same_bytes(name, "Id") && first_activity && first(parent.seen_a)) f.role = Role::activity_id;
      break;
    case Role::lap:
    case Role::transition:
      if (same_bytes(name, "Track")) f.role = Role::track;
      else if (same_bytes(name, "TotalTimeSeconds") && first(parent.seen_a)) f.role = Role::lap_time;
      else if (same_bytes(name, "DistanceMeters") && first(parent.seen_b)) f.role = Role::lap_distance;
      else if (same_bytes(name, "Calories") && first(parent.seen_c)) f.role = Role::lap_calories;
      break;
    case Role::track:
      if (same_bytes(name, "Trackpoint")) f.role = Role::point;
      break;
    case Role::point:
      if (same_bytes(name, "Time")) value(PointField::time);
      else if (same_bytes(name, "Position")) f.role = Role::position;
      else if (same_bytes(name, "AltitudeMeters")) value(PointField::altitude);
      else if (same_bytes(name, "DistanceMeters")) value(PointField::distance);
      else if (same_bytes(name, "HeartRateBpm")) f.role = Role::heart_rate;
      else if (same_bytes(name, "Cadence")) value(PointField::cadence);
      else if (same_bytes(name, "Extensions")) f.role = Role::extensions;
      break;
    case Role::position:
      if (same_bytes(name, "LatitudeDegrees")) value(PointField::latitude);
      else if (same_bytes(name, "LongitudeDegrees")) value(PointField::longitude);
      break;
    case Role::heart_rate:
      if (same_bytes(name, "Value") && first(parent.seen_a)) value(PointField::heart_rate);
      break;
    case Role::extensions:
      if (same_bytes(name, "TPX") && first(parent.seen_a)) f.role = Role::tpx;
      break;
    case Role::tpx:
      if (same_bytes(name, "Speed") && first(parent.seen_a)) value(PointField::speed);
      else if (same_bytes(name, "RunCadence") && first(parent.seen_b)) value(PointField::run_cadence);
      break;
    default:
      break;
  }
  return f;
}

}  // namespace

void finish_track(std::string_view path, const std::vector<size_t>& activity_starts, TcxActivity& out, Problems& problems) {
  carry_distances(activity_starts, out.points);
  // Order by time; the first of equal times wins.
  auto by_time = [](const Trackpoint& a, const Trackpoint& b) { return a.time_ms < b.time_ms; };
  if (!std::is_sorted(out.points.begin(), out.points.end(), by_time)) {
    out.reordered = true;
    std::stable_sort(out.points.begin(), out.points.end(), by_time);
  }
  auto same_time = [](const Trackpoint& a, const Trackpoint& b) { return a.time_ms == b.time_ms; };
  const auto last = std::unique(out.points.begin(), out.points.end(), same_time);
  out.dropped_duplicate = static_cast<int32_t>(out.points.end() - last);
  out.points.erase(last, out.points.end());
  add_skipped_count(problems, path, out.dropped_no_time, "trackpoints without a readable time dropped");
  add_skipped_count(problems, path, out.dropped_duplicate, "trackpoints repeating a time dropped");
}

Error read_tcx(std::string_view path, std::string_view data, TcxActivity& out, Problems& problems) {
  if (blank_text(data)) {
    out.empty = true;
    return {};
  }
  XmlTokens tokens(data);
  std::vector<Frame> open;
  open.reserve(16);
  // The reader's state for the top-level element being read: the last one is the document's
  // root (pugixml's reading of several, which the reader before this one used).
  TcxActivity act;
  bool root_is_tcx = false;
  int activities = 0;          // <Activity> elements read so far
  bool any_point = false;      // in any activity
  bool activity_has_point = false, lap_has_point = false, next_activity = false;
  bool segment_start = false;  // the next point of this track starts a segment
  std::vector<size_t> activity_starts;  // where each activity's points begin in act.points
  PointDraft draft;
  PointLayout layout;
  TimeCache times;
  std::vector<PointValue> values;
  std::string scratch;  // a value's text with its references expanded (ValueText)
  auto attribute_text = [&](const XmlToken& t, std::string_view name) {
    expand_references(attribute(t.attrs, name), scratch);
    return std::string_view(scratch);
  };
  auto add_point = [&](PointDraft& d) {
    if (d.finish(segment_start, act)) {
      segment_start = false;
      lap_has_point = activity_has_point = any_point = true;
    }
  };
  for (;;) {
    // A trackpoint laid out as the last one read: read along it (tcx_point_layout.h).
    if (!open.empty() && open.back().role == Role::track && tokens.at_tag()) {
      size_t end;
      if (layout.match(tokens, tokens.pos(), values, end)) {
        PointDraft d;
        for (const PointValue& v : values) d.evaluate(v.field, ValueText{v.text, false, scratch}, times);
        add_point(d);
        tokens.skip_to(end);
        continue;
      }
    }
    const XmlToken t = tokens.next();
    if (t.kind == XmlToken::error) return fail(Status::format, "not well-formed XML");
    if (t.kind == XmlToken::done) break;
    if (t.kind == XmlToken::run) {
      Frame& f = open.back();
      if (f.role == Role::value || f.role == Role::activity_id || f.role == Role::lap_time || f.role == Role::lap_distance ||
          f.role == Role::lap_calories) {
        // A CDATA section is the element's text even when only whitespace (pugixml keeps it
        // as a node where it drops a whitespace-only run).
        if (t.cdata) layout.forget();
        if (!f.has_text && (t.cdata || !blank_text(t.text))) {
          f.has_text = true;
          f.text = t.text;
          f.literal = t.cdata;
          if (f.role == Role::value) f.capture = layout.capture(t.begin, t.begin + t.text.size());
        }
      } else if (t.cdata) {
        layout.forget();
      } else if (!blank_text(t.text)) {
        // Text the reader does not read (a power meter's <Watts>): not compared when the next
        // trackpoint is laid along this one.
        layout.skip(t.begin, t.begin + t.text.size());
      }
      continue;
    }
    if (t.kind == XmlToken::start) {
      const std::string_view name = local_name(t.name);
      if (open.empty()) {
        // A top-level element: the root so far.
        act = TcxActivity{};
        root_is_tcx = same_bytes(name, "TrainingCenterDatabase");
        activities = 0;
        any_point = false;
        activity_starts.clear();
        Frame f;
        f.role = root_is_tcx ? Role::root : Role::other;
        open.push_back(f);
        continue;
      }
      Frame f = child_frame(open.back(), name, /*first_activity=*/activities == 1);
      switch (f.role) {
        case Role::activity:
          if (activities == 0) act.sport = std::string(attribute_text(t, "Sport"));
          ++activities;
          next_activity = any_point;
          activity_has_point = false;
          activity_starts.push_back(act.points.size());
          break;
        case Role::transition:
          // Its points are another recording, as a second activity's are (their distances
          // may count from the transition's start): a span of its own for carry_distances.
          next_activity = any_point;
          activity_has_point = false;
          activity_starts.push_back(act.points.size());
          [[fallthrough]];
        case Role::lap: {
          TcxLap l;
          int64_t start;
          if (parse_iso_datetime_ms(trimmed(attribute_text(t, "StartTime")), start)) l.start_ms = start;
          act.laps.push_back(l);
          lap_has_point = false;
          break;
        }
        case Role::track:
          // A new track in a lap that already has points is a pause; so is the first track of
          // a second activity (another recording, not a lap of the first).
          segment_start = lap_has_point || (next_activity && !activity_has_point);
          break;
        case Role::point:
          draft = PointDraft{};
          layout.start(t.begin);
          break;
        default:
          break;
      }
      open.push_back(f);
      continue;
    }
    // An end tag: the element is evaluated.
    const Frame f = open.back();
    open.pop_back();
    double v;
    const ValueText text{f.text, f.literal, scratch};
    switch (f.role) {
      case Role::value:
        draft.evaluate(f.field, text, times);
        layout.evaluated(f.field, f.has_text ? f.capture : -1);
        break;
      case Role::point:
        layout.finish(tokens.bytes(), tokens.pos());
        add_point(draft);
        break;
      case Role::activity_id:
        text.time(act.id_ms);
        break;
      case Role::lap_time:
        if (text.number(v) && v >= 0) act.laps.back().total_time_s = v;
        break;
      case Role::lap_distance:
        if (text.number(v) && v >= 0) act.laps.back().distance_m = v;
        break;
      case Role::lap_calories:
        if (text.number(v) && v >= 0 && v < 1e6) act.laps.back().calories = static_cast<int32_t>(v);
        break;
      default:
        break;
    }
  }
  if (!root_is_tcx) return fail(Status::format, "not a TCX document (no TrainingCenterDatabase)");
  out.sport = std::move(act.sport);
  out.id_ms = act.id_ms;
  out.laps = std::move(act.laps);
  out.points = std::move(act.points);
  out.dropped_no_time = act.dropped_no_time;
  finish_track(path, activity_starts, out, problems);
  return {};
}

}  // namespace ts::fitbit
