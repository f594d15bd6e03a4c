#include "core/workout/activity_fit.h"

#include <algorithm>
#include <cmath>

#include "core/fit/preamble.h"
#include "core/fit/writer.h"

namespace ts::workout {

namespace {

namespace f = fit;
namespace v = fit::value;
namespace field = fit::field;

Error write_event(f::Writer& w, int64_t t, uint8_t event, uint8_t type) {
  namespace ev = field::event;
  return w.write(f::Mesg(f::mesg::event)
                     .set_time(f::kTimestampField, t)
                     .set_raw(ev::event, event)
                     .set_raw(ev::event_type, type)
                     .set_raw(ev::event_group, 0));
}

// The running-dynamics fields of a record, a lap and a session (their averages), in
// fitbit::RunningDynamic order; a value is already in the field's raw unit.
using DynamicsFields = uint8_t[fitbit::kRunningDynamicCount];
constexpr DynamicsFields kRecordDynamics = {field::record::step_length, field::record::stance_time,
                                            field::record::vertical_oscillation, field::record::vertical_ratio};
constexpr DynamicsFields kLapDynamics = {field::lap::avg_step_length, field::lap::avg_stance_time,
                                         field::lap::avg_vertical_oscillation, field::lap::avg_vertical_ratio};
constexpr DynamicsFields kSessionDynamics = {field::session::avg_step_length, field::session::avg_stance_time,
                                             field::session::avg_vertical_oscillation, field::session::avg_vertical_ratio};

void set_dynamics(f::Mesg& m, const fitbit::RunningDynamics& d, const DynamicsFields& fields) {
  for (size_t i = 0; i < fitbit::kRunningDynamicCount; ++i)
    if (d.raw[i] != fitbit::kNoDynamic) m.set_raw(fields[i], d.raw[i]);
}

Error write_record(f::Writer& w, const PlannedRecord& r, bool dynamics) {
  namespace rec = field::record;
  f::Mesg m(f::mesg::record);
  m.set_time(f::kTimestampField, r.utc_sec);
  if (!std::isnan(r.lat_deg) && !std::isnan(r.lon_deg)) {
    m.set_raw(rec::position_lat, semicircles(r.lat_deg));
    m.set_raw(rec::position_long, semicircles(r.lon_deg));
  }
  if (!std::isnan(r.altitude_m) && r.altitude_m > -500 && r.altitude_m < 12000) m.set(rec::altitude, r.altitude_m);
  if (r.heart_rate > 0 && r.heart_rate < 255) m.set_raw(rec::heart_rate, r.heart_rate);
  if (r.cadence >= 0 && r.cadence < 255) m.set_raw(rec::cadence, r.cadence);
  if (!std::isnan(r.distance_m) && r.distance_m >= 0 && r.distance_m < 4e7) m.set(rec::distance, r.distance_m);
  if (!std::isnan(r.speed_mps) && r.speed_mps >= 0 && r.speed_mps < 65) m.set(rec::speed, r.speed_mps);
  if (dynamics) set_dynamics(m, r.dynamics, kRecordDynamics);
  return w.write(m);
}

// The totals lap and session share; the heart-rate and ascent fields have other numbers in each.
struct TotalsFields {
  uint8_t elapsed, timer, distance, cycles, calories, avg_heart_rate, max_heart_rate, ascent;
};
namespace lf = field::lap;
namespace sf = field::session;
constexpr TotalsFields kLapTotals{lf::total_elapsed_time, lf::total_timer_time, lf::total_distance, lf::total_cycles,
                                  lf::total_calories,     lf::avg_heart_rate,   lf::max_heart_rate, lf::total_ascent};
constexpr TotalsFields kSessionTotals{sf::total_elapsed_time, sf::total_timer_time, sf::total_distance, sf::total_cycles,
                                      sf::total_calories,     sf::avg_heart_rate,   sf::max_heart_rate, sf::total_ascent};

// total_cycles of a run or a walk is strides (the profile's total_strides): one stride is a
// step of each foot, as a record's cadence counts them, and Garmin's own watches record it so;
// whoever reads it doubles it for steps (helper finding: Fitbit's steps written as they are
// would show twice over). An odd count's half step is rounded up. Other sports' cycles are
// not steps, and Fitbit's steps are written as they are.
int64_t cycles_of(int64_t steps, uint8_t sport) {
  const bool strides = sport == v::sport_running || sport == v::sport_walking;
  return strides ? (steps + 1) / 2 : steps;
}

void set_totals(f::Mesg& m, const ActivityTotals& t, const TotalsFields& n, uint8_t sport) {
  m.set(n.elapsed, t.elapsed_s).set(n.timer, t.timer_s);
  if (t.distance_m >= 0 && t.distance_m < 4e7) m.set(n.distance, t.distance_m);
  if (t.steps >= 0) m.set_raw(n.cycles, cycles_of(t.steps, sport));
  if (t.calories >= 0 && t.calories < 65535) m.set_raw(n.calories, t.calories);
  if (t.avg_heart_rate > 0 && t.avg_heart_rate < 255) m.set_raw(n.avg_heart_rate, t.avg_heart_rate);
  if (t.max_heart_rate > 0 && t.max_heart_rate < 255) m.set_raw(n.max_heart_rate, t.max_heart_rate);
  if (t.ascent_m >= 0 && t.ascent_m < 65535) m.set_raw(n.ascent, std::lround(t.ascent_m));
}

// A pool swim's lengths, on its lap and its session, and its pool on the session (the only
// message with the field). Only for lap swimming: a pool is no part of another sport. Fitbit
// counts no rest lengths, so every length is an active one. There are no per-length messages:
// only the totals are known.
void set_pool(f::Mesg& m, const ActivityTotals& t, uint8_t sub_sport, uint8_t num_lengths, uint8_t num_active_lengths,
              bool session) {
  if (sub_sport != v::sub_sport_lap_swimming) return;
  if (t.lengths > 0 && t.lengths < 65535) m.set_raw(num_lengths, t.lengths).set_raw(num_active_lengths, t.lengths);
  if (session && t.pool_length_m > 0 && t.pool_length_m < 655) {
    m.set(sf::pool_length, t.pool_length_m).set_raw(sf::pool_length_unit, t.pool_in_yards ? v::display_measure_statute : v::display_measure_metric);
  }
}

const PlannedRecord* first_position(const ActivityPlan& p) {
  for (const PlannedRecord& r : p.records)
    if (!std::isnan(r.lat_deg)) return &r;
  return nullptr;
}

}  // namespace

int32_t semicircles(double deg) {
  // std::round's value (half away from zero) with instructions WASM has (trunc, abs): in WASM
  // round is a call into musl, two per record. x minus its whole part is exact below 2^52.
  const double x = deg * (2147483648.0 / 180.0);
  double s = std::trunc(x);
  if (std::fabs(x - s) >= 0.5) s += x < 0 ? -1.0 : 1.0;
  return static_cast<int32_t>(std::clamp(s, -2147483647.0, 2147483646.0));
}

Error write_activity_fit(const ActivityPlan& plan, const tz::Zone& zone, std::string& out) {
  if (plan.records.empty()) return fail(Status::invalid_argument, "an activity needs at least one record");
  const ActivityTotals& t = plan.totals;
  f::Writer w;
  if (Error e = f::write_preamble(w, v::file_activity, t.start_sec)) return e;
  if (Error e = w.write(f::Mesg(f::mesg::sport)
                            .set_raw(field::sport::sport, plan.sport.sport)
                            .set_raw(field::sport::sub_sport, plan.sport.sub_sport)))
    return e;

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
    if (Error e = write_record(w, r, plan.has_dynamics)) return e;
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
      .set_raw(f::kMessageIndexField, 0)
      .set_raw(lf::event, v::event_lap)
      .set_raw(lf::event_type, v::event_type_stop)
      .set_time(lf::start_time, t.start_sec)
      .set_raw(lf::lap_trigger, v::lap_trigger_session_end)
      .set_raw(lf::sport, plan.sport.sport)
      .set_raw(lf::sub_sport, plan.sport.sub_sport);
  if (pos) lap.set_raw(lf::start_position_lat, semicircles(pos->lat_deg)).set_raw(lf::start_position_long, semicircles(pos->lon_deg));
  set_totals(lap, t, kLapTotals, plan.sport.sport);
  set_pool(lap, t, plan.sport.sub_sport, lf::num_lengths, lf::num_active_lengths, false);
  set_dynamics(lap, t.avg_dynamics, kLapDynamics);
  if (Error e = w.write(lap)) return e;

  f::Mesg session(f::mesg::session);
  session.set_time(f::kTimestampField, t.end_sec)
      .set_raw(f::kMessageIndexField, 0)
      .set_raw(sf::event, v::event_session)
      .set_raw(sf::event_type, v::event_type_stop)
      .set_time(sf::start_time, t.start_sec)
      .set_raw(sf::sport, plan.sport.sport)
      .set_raw(sf::sub_sport, plan.sport.sub_sport)
      .set_raw(sf::first_lap_index, 0)
      .set_raw(sf::num_laps, 1)
      .set_raw(sf::trigger, v::session_trigger_activity_end);
  if (pos) session.set_raw(sf::start_position_lat, semicircles(pos->lat_deg)).set_raw(sf::start_position_long, semicircles(pos->lon_deg));
  set_totals(session, t, kSessionTotals, plan.sport.sport);
  set_pool(session, t, plan.sport.sub_sport, sf::num_lengths, sf::num_active_lengths, true);
  set_dynamics(session, t.avg_dynamics, kSessionDynamics);
  if (Error e = w.write(session)) return e;

  namespace af = field::activity;
  const int64_t local_end = t.end_sec + zone.offset_at(t.end_sec);
  if (Error e = w.write(f::Mesg(f::mesg::activity)
                            .set_time(f::kTimestampField, t.end_sec)
                            .set(af::total_timer_time, t.timer_s)
                            .set_raw(af::num_sessions, 1)
                            .set_raw(af::type, v::activity_manual)
                            .set_raw(af::event, v::event_activity)
                            .set_raw(af::event_type, v::event_type_stop)
                            .set_time(af::local_timestamp, local_end)))
    return e;
  out = w.finish();
  return {};
}

}  // namespace ts::workout
