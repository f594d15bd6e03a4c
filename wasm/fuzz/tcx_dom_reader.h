// The TCX reader as it was before it read tokens (pugixml's tree, parse_minimal, walked by
// name), kept as the reference the tokenizing reader (core/fitbit/tcx_reader.cpp) is held to:
// on any bytes both must refuse or both read, and read the same points, laps, sport and Id.
// The tcx fuzz target and tests/cpp/tcx_reader_agreement_test.cpp compare the two. Not part
// of the core: only tests and fuzzers include it.
#pragma once
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/blank_text.h"
#include "core/fitbit/export_time.h"
#include "core/fitbit/tcx_reader.h"
#include "core/fitbit/text_number.h"
#include "pugixml.hpp"

namespace ts::fuzz::tcx_dom {

using namespace ts::fitbit;

// pugixml leaves names and values NUL-terminated where they are. They are measured, searched
// and compared here with plain loops rather than strlen, memchr and memcmp: in WASM each of
// those is a call, several per element, and a one-hour track has ~40,000 elements (a fifth of
// reading a track went to the three calls).
inline size_t length_of(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

inline bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// "ns3:TPX" -> "TPX" (after the first colon).
inline std::string_view local_name(const pugi::xml_node& n) {
  const char* s = n.name();
  size_t i = 0, colon = 0;
  bool prefixed = false;
  for (; s[i] != '\0'; ++i)
    if (s[i] == ':' && !prefixed) {
      prefixed = true;
      colon = i;
    }
  return prefixed ? std::string_view(s + colon + 1, i - colon - 1) : std::string_view(s, i);
}

inline pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && same(local_name(c), name)) return c;
  return {};
}

inline std::string_view trimmed(const char* s) {
  std::string_view v(s, length_of(s));
  while (!v.empty() && (v.front() == ' ' || v.front() == '\n' || v.front() == '\r' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\n' || v.back() == '\r' || v.back() == '\t'))
    v.remove_suffix(1);
  return v;
}

// The element's text as a finite number; false when absent or not a number. parse_decimal's
// fast path matters here: a one-hour track at 1 s holds ~25,000 numbers, and strtod in WASM
// cost more than the whole rest of the conversion.
inline bool number(const pugi::xml_node& n, double& out) {
  return n && parse_decimal(trimmed(n.child_value()), out);
}

inline bool time_of(const pugi::xml_node& n, int64_t& out_ms) {
  return n && parse_iso_datetime_ms(trimmed(n.child_value()), out_ms);
}

// One pass over a trackpoint's children (looking each field up by name would rescan them).
inline void read_point(const pugi::xml_node& tp, bool segment_start, TcxActivity& out) {
  Trackpoint p;
  bool timed = false;
  double v, lat = NAN, lon = NAN;
  for (pugi::xml_node c = tp.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c);
    if (same(name, "Time")) {
      timed = time_of(c, p.time_ms);
    } else if (same(name, "Position")) {
      for (pugi::xml_node d = c.first_child(); d; d = d.next_sibling()) {
        const std::string_view dn = local_name(d);
        if (same(dn, "LatitudeDegrees")) number(d, lat);
        else if (same(dn, "LongitudeDegrees")) number(d, lon);
      }
    } else if (same(name, "AltitudeMeters")) {
      if (number(c, v) && v > -500 && v < 9000) p.altitude_m = v;
    } else if (same(name, "DistanceMeters")) {
      if (number(c, v) && v >= 0) p.distance_m = v;
    } else if (same(name, "HeartRateBpm")) {
      if (number(child(c, "Value"), v) && v > 0 && v < 255) p.heart_rate = static_cast<int16_t>(std::lround(v));
    } else if (same(name, "Cadence")) {
      if (number(c, v) && v >= 0 && v < 255) p.cadence = static_cast<int16_t>(std::lround(v));
    } else if (same(name, "Extensions")) {
      if (pugi::xml_node tpx = child(c, "TPX")) {
        if (number(child(tpx, "Speed"), v) && v >= 0 && v < 200) p.speed_mps = v;
        if (p.cadence < 0 && number(child(tpx, "RunCadence"), v) && v >= 0 && v < 255)
          p.cadence = static_cast<int16_t>(std::lround(v));
      }
    }
  }
  if (!timed) {
    ++out.dropped_no_time;
    return;
  }
  p.segment_start = segment_start;
  if (!std::isnan(lat) && !std::isnan(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
    p.lat_deg = lat;
    p.lon_deg = lon;
  }
  out.points.push_back(p);
}

inline Error read_tcx_dom(std::string_view path, std::string_view text, TcxActivity& out, Problems& problems) {
  std::string copy(text);
  char* data = copy.data();
  const size_t size = copy.size();
  if (blank_text(std::string_view(data, size))) {
    out.empty = true;
    return {};
  }
  pugi::xml_document doc;
  // Minimal parsing, but with references expanded and CDATA sections kept as text: a value
  // written `&#x5A;` or `<![CDATA[95]]>` is what any XML reader reads (the tokenizing reader
  // was made to agree: helper finding, such a track read without times or heart rate). In
  // place: names and values stay where they are in `data` (terminated there), so the document
  // is not copied.
  const pugi::xml_parse_result r =
      doc.load_buffer_inplace(data, size, pugi::parse_minimal | pugi::parse_escapes | pugi::parse_cdata, pugi::encoding_utf8);
  if (!r) return ts::fail(Status::format, "not well-formed XML");
  pugi::xml_node root;
  for (pugi::xml_node c = doc.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element) root = c;
  if (!root || !same(local_name(root), "TrainingCenterDatabase"))
    return ts::fail(Status::format, "not a TCX document (no TrainingCenterDatabase)");
  // The activities in document order: each <Activity> of <Activities>, and inside each
  // <MultiSportSession> each <FirstSport>/<NextSport>'s <Transition> (a lap between two sports,
  // read as an activity of one lap) and <Activity>. The first <Activity>'s sport and Id name
  // the workout.
  std::vector<pugi::xml_node> spans;
  for (pugi::xml_node a = child(root, "Activities").first_child(); a; a = a.next_sibling()) {
    if (a.type() != pugi::node_element) continue;
    if (same(local_name(a), "Activity")) spans.push_back(a);
    if (!same(local_name(a), "MultiSportSession")) continue;
    for (pugi::xml_node sport = a.first_child(); sport; sport = sport.next_sibling()) {
      if (sport.type() != pugi::node_element || !(same(local_name(sport), "FirstSport") || same(local_name(sport), "NextSport"))) continue;
      for (pugi::xml_node c = sport.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && (same(local_name(c), "Activity") || same(local_name(c), "Transition"))) spans.push_back(c);
    }
  }
  for (pugi::xml_node a : spans) {
    if (!same(local_name(a), "Activity")) continue;
    out.sport = a.attribute("Sport").value();
    time_of(child(a, "Id"), out.id_ms);
    break;
  }
  // Every activity is read (a file merged or edited by another tool may hold several, one
  // after the other), every <Lap> of each, and every <Track> of each lap. A pause opens a new
  // <Track> in the same lap (how Garmin's devices and TCX writers record one); the first track
  // of the next lap is a pause only when time passed between them (the gap rule,
  // activity_plan.cpp): a lap is an auto-split. The first track of a second activity is a
  // segment of its own (another recording).
  bool any_point = false;
  std::vector<size_t> activity_starts;  // where each activity's points begin in out.points
  for (pugi::xml_node activity : spans) {
    const bool next_activity = any_point;
    bool activity_has_point = false;
    activity_starts.push_back(out.points.size());
    const bool transition = same(local_name(activity), "Transition");
    for (pugi::xml_node lap = transition ? activity : activity.first_child(); lap; lap = transition ? pugi::xml_node() : lap.next_sibling()) {
      if (lap.type() != pugi::node_element || !(transition || same(local_name(lap), "Lap"))) continue;
      TcxLap l;
      int64_t start;
      if (parse_iso_datetime_ms(trimmed(lap.attribute("StartTime").value()), start)) l.start_ms = start;
      double v;
      if (number(child(lap, "TotalTimeSeconds"), v) && v >= 0) l.total_time_s = v;
      if (number(child(lap, "DistanceMeters"), v) && v >= 0) l.distance_m = v;
      if (number(child(lap, "Calories"), v) && v >= 0 && v < 1e6) l.calories = static_cast<int32_t>(v);
      out.laps.push_back(l);
      bool lap_has_point = false;
      for (pugi::xml_node track = lap.first_child(); track; track = track.next_sibling()) {
        if (track.type() != pugi::node_element || !same(local_name(track), "Track")) continue;
        // A new track in a lap that already has points is a pause; so is the first track of
        // a second activity (another recording, not a lap of the first).
        bool segment_start = lap_has_point || (next_activity && !activity_has_point);
        for (pugi::xml_node tp = track.first_child(); tp; tp = tp.next_sibling()) {
          if (tp.type() != pugi::node_element || !same(local_name(tp), "Trackpoint")) continue;
          const size_t before = out.points.size();
          read_point(tp, segment_start, out);
          if (out.points.size() > before) {
            segment_start = false;
            lap_has_point = activity_has_point = any_point = true;
          }
        }
      }
    }
  }
  finish_track(path, activity_starts, out, problems);
  return {};
}

}  // namespace ts::fuzz::tcx_dom
