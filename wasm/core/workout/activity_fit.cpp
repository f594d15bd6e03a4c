#include "core/workout/activity_fit.h"

#include <algorithm>
#include <cmath>

#include "core/fit/writer.h"

namespace ts::workout {

namespace {

namespace f = fit;
namespace v = fit::value;

constexpr uint16_t kProduct = 1;            // our own product id under `development`
constexpr uint16_t kSoftwareVersion = 100;  // 1.00

Error write_event(f::Writer& w, int64_t t, uint8_t event, uint8_t type) {
  return w.write(f::Mesg(f::mesg::event).set_time(f::kTimestampField, t).set_raw(0, event).set_raw(1, type).set_raw(4, 0));
}

Error write_record(f::Writer& w, const PlannedRecord& r) {
  f::Mesg m(f::mesg::record);
  m.set_time(f::kTimestampField, r.utc_sec);
  if (!std::isnan(r.lat_deg) && !std::isnan(r.lon_deg)) {
    m.set_raw(0, semicircles(r.lat_deg));
    m.set_raw(1, semicircles(r.lon_deg));
  }
  if (!std::isnan(r.altitude_m) && r.altitude_m > -500 && r.altitude_m < 12000) m.set(2, r.altitude_m);
  if (r.heart_rate > 0 && r.heart_rate < 255) m.set_raw(3, r.heart_rate);
  if (r.cadence >= 0 && r.cadence < 255) m.set_raw(4, r.cadence);
  if (!std::isnan(r.distance_m) && r.distance_m >= 0 && r.distance_m < 4e7) m.set(5, r.distance_m);
  if (!std::isnan(r.speed_mps) && r.speed_mps >= 0 && r.speed_mps < 65) m.set(6, r.speed_mps);
  return w.write(m);
}

// Totals shared by lap and session; field numbers differ only for the heart rate fields.
void set_totals(f::Mesg& m, const ActivityTotals& t, uint8_t avg_hr_field, uint8_t max_hr_field, uint8_t ascent_field) {
  m.set(7, t.elapsed_s).set(8, t.timer_s);
  if (t.distance_m >= 0 && t.distance_m < 4e7) m.set(9, t.distance_m);
  if (t.steps >= 0) m.set_raw(10, t.steps);
  if (t.calories >= 0 && t.calories < 65535) m.set_raw(11, t.calories);
  if (t.avg_heart_rate > 0 && t.avg_heart_rate < 255) m.set_raw(avg_hr_field, t.avg_heart_rate);
  if (t.max_heart_rate > 0 && t.max_heart_rate < 255) m.set_raw(max_hr_field, t.max_heart_rate);
  if (t.ascent_m >= 0 && t.ascent_m < 65535) m.set_raw(ascent_field, std::lround(t.ascent_m));
}

const PlannedRecord* first_position(const ActivityPlan& p) {
  for (const PlannedRecord& r : p.records)
    if (!std::isnan(r.lat_deg)) return &r;
  return nullptr;
}

}  // namespace

int32_t semicircles(double deg) {
  const double s = std::round(deg * (2147483648.0 / 180.0));
  return static_cast<int32_t>(std::clamp(s, -2147483647.0, 2147483646.0));
}

Error write_activity_fit(const ActivityPlan& plan, const tz::Zone& zone, std::string& out) {
  if (plan.records.empty()) return fail(Status::invalid_argument, "an activity needs at least one record");
  const ActivityTotals& t = plan.totals;
  f::Writer w;
  if (Error e = w.write(f::Mesg(f::mesg::file_id)
                            .set_raw(0, v::file_activity)
                            .set_raw(1, v::manufacturer_development)
                            .set_raw(2, kProduct)
                            .set_raw(3, 1)
                            .set_time(4, t.start_sec)))
    return e;
  if (Error e = w.write(f::Mesg(f::mesg::file_creator).set_raw(0, kSoftwareVersion))) return e;
  if (Error e = w.write(f::Mesg(f::mesg::device_info)
                            .set_time(f::kTimestampField, t.start_sec)
                            .set_raw(0, 0)  // device_index 0: the creator
                            .set_raw(2, v::manufacturer_development)
                            .set_raw(4, kProduct)
                            .set(5, kSoftwareVersion / 100.0)))
    return e;
  if (Error e = w.write(f::Mesg(f::mesg::sport).set_raw(0, plan.sport.sport).set_raw(1, plan.sport.sub_sport))) return e;

  // Records and timer events merged by time: a start goes before the record of its second,
  // a stop after it. The plan's first event is the start, its last the final stop.
  size_t ev = 0;
  const auto& events = plan.events;
  for (const PlannedRecord& r : plan.records) {
    while (ev < events.size() && (events[ev].utc_sec < r.utc_sec || (events[ev].utc_sec == r.utc_sec && events[ev].start))) {
      const bool last = ev + 1 == events.size();
      if (Error e = write_event(w, events[ev].utc_sec, v::event_timer,
                                events[ev].start ? v::event_type_start : (last ? v::event_type_stop_all : v::event_type_stop)))
        return e;
      ++ev;
    }
    if (Error e = write_record(w, r)) return e;
  }
  for (; ev < events.size(); ++ev) {
    const bool last = ev + 1 == events.size();
    if (Error e = write_event(w, events[ev].utc_sec, v::event_timer,
                              events[ev].start ? v::event_type_start : (last ? v::event_type_stop_all : v::event_type_stop)))
      return e;
  }

  const PlannedRecord* pos = first_position(plan);
  f::Mesg lap(f::mesg::lap);
  lap.set_time(f::kTimestampField, t.end_sec)
      .set_raw(254, 0)
      .set_raw(0, v::event_lap)
      .set_raw(1, v::event_type_stop)
      .set_time(2, t.start_sec)
      .set_raw(24, v::lap_trigger_session_end)
      .set_raw(25, plan.sport.sport)
      .set_raw(39, plan.sport.sub_sport);
  if (pos) lap.set_raw(3, semicircles(pos->lat_deg)).set_raw(4, semicircles(pos->lon_deg));
  set_totals(lap, t, 15, 16, 21);
  if (Error e = w.write(lap)) return e;

  f::Mesg session(f::mesg::session);
  session.set_time(f::kTimestampField, t.end_sec)
      .set_raw(254, 0)
      .set_raw(0, v::event_session)
      .set_raw(1, v::event_type_stop)
      .set_time(2, t.start_sec)
      .set_raw(5, plan.sport.sport)
      .set_raw(6, plan.sport.sub_sport)
      .set_raw(25, 0)
      .set_raw(26, 1)
      .set_raw(28, v::session_trigger_activity_end);
  if (pos) session.set_raw(3, semicircles(pos->lat_deg)).set_raw(4, semicircles(pos->lon_deg));
  set_totals(session, t, 16, 17, 22);
  if (Error e = w.write(session)) return e;

  const int64_t local_end = t.end_sec + zone.offset_at(t.end_sec);
  if (Error e = w.write(f::Mesg(f::mesg::activity)
                            .set_time(f::kTimestampField, t.end_sec)
                            .set(0, t.timer_s)
                            .set_raw(1, 1)
                            .set_raw(2, v::activity_manual)
                            .set_raw(3, v::event_activity)
                            .set_raw(4, v::event_type_stop)
                            .set_time(5, local_end)))
    return e;
  out = w.finish();
  return {};
}

}  // namespace ts::workout
