#include "core/workout/activity_plan.h"

#include <algorithm>
#include <cmath>


namespace ts::workout {

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int64_t ceil_div(int64_t a, int64_t b) { return -floor_div(-a, b); }

PlannedRecord from_point(const fitbit::Trackpoint& p) {
  PlannedRecord r;
  r.utc_sec = floor_div(p.time_ms, 1000);
  r.lat_deg = p.lat_deg;
  r.lon_deg = p.lon_deg;
  r.altitude_m = p.altitude_m;
  r.distance_m = p.distance_m;
  r.speed_mps = p.speed_mps;
  r.heart_rate = p.heart_rate;
  r.cadence = p.cadence;
  r.dynamics = p.dynamics;
  return r;
}

// Two points in the same whole second: keep the first (FIT records have 1 s resolution).
void push_unique_second(std::vector<PlannedRecord>& out, const PlannedRecord& r) {
  if (!out.empty() && out.back().utc_sec == r.utc_sec) return;
  out.push_back(r);
}

ActivityTotals totals_of(const fitbit::Exercise& ex) {
  ActivityTotals t;
  t.start_sec = floor_div(ex.start_utc_ms, 1000);
  t.end_sec = last_record_sec(ex);
  t.elapsed_s = static_cast<double>(ex.duration_ms) / 1000.0;
  t.timer_s = static_cast<double>(std::min(ex.timer_ms(), ex.duration_ms)) / 1000.0;
  t.distance_m = ex.distance_m;
  t.calories = ex.calories;
  t.steps = ex.steps;
  t.avg_heart_rate = ex.average_heart_rate;
  t.ascent_m = ex.elevation_gain_m;
  t.pool_length_m = ex.pool_length_m;
  t.pool_in_yards = ex.pool_in_yards;
  t.lengths = ex.swim_lengths;
  return t;
}

// The track's points inside the workout's window, one per second; `segment_starts` gets the
// seconds of points that open a segment (a new <Track> in a lap, a second <Activity>: tcx_reader.cpp).
std::vector<PlannedRecord> track_samples(const fitbit::TcxActivity& track, const ActivityTotals& t,
                                         std::vector<int64_t>& segment_starts, int32_t& clipped) {
  std::vector<PlannedRecord> samples;
  samples.reserve(track.points.size());
  for (const fitbit::Trackpoint& p : track.points) {
    const PlannedRecord r = from_point(p);
    if (r.utc_sec < t.start_sec || r.utc_sec > t.end_sec) {
      ++clipped;
      continue;
    }
    if (p.segment_start) segment_starts.push_back(r.utc_sec);
    push_unique_second(samples, r);
  }
  return samples;
}

// Heart rate from the day files, merged into the samples by second (for a track without its own).
void merge_heart_rate(const std::vector<HeartRateSample>& hr, const ActivityTotals& t, std::vector<PlannedRecord>& samples) {
  std::vector<PlannedRecord> merged;
  size_t i = 0;
  for (const HeartRateSample& h : hr) {
    if (h.utc_sec < t.start_sec || h.utc_sec > t.end_sec) continue;
    while (i < samples.size() && samples[i].utc_sec < h.utc_sec) merged.push_back(samples[i++]);
    if (i < samples.size() && samples[i].utc_sec == h.utc_sec) {
      PlannedRecord r = samples[i++];
      r.heart_rate = h.bpm;
      merged.push_back(r);
    } else {
      PlannedRecord r;
      r.utc_sec = h.utc_sec;
      r.heart_rate = h.bpm;
      push_unique_second(merged, r);
    }
  }
  while (i < samples.size()) merged.push_back(samples[i++]);
  samples.swap(merged);
}

// Thins an overlong series so a plan stays bounded.
void thin(std::vector<PlannedRecord>& samples) {
  if (samples.size() <= kMaxRecords) return;
  const size_t step = (samples.size() + kMaxRecords - 1) / kMaxRecords;
  std::vector<PlannedRecord> kept;
  for (size_t i = 0; i < samples.size(); i += step) kept.push_back(samples[i]);
  samples.swap(kept);
}

// The records: the samples between a first record at the start and a last at the end, with a
// distance that never decreases (FIT readers integrate it).
void place_records(const std::vector<PlannedRecord>& samples, const ActivityTotals& t, std::vector<PlannedRecord>& records) {
  if (samples.empty() || samples.front().utc_sec != t.start_sec) {
    PlannedRecord r;
    r.utc_sec = t.start_sec;
    if (t.distance_m >= 0 || (!samples.empty() && !std::isnan(samples.front().distance_m))) r.distance_m = 0;
    records.push_back(r);
  }
  records.insert(records.end(), samples.begin(), samples.end());
  if (records.back().utc_sec != t.end_sec) {
    PlannedRecord r;
    r.utc_sec = t.end_sec;
    double last_dist = NAN;
    for (const PlannedRecord& s : records)
      if (!std::isnan(s.distance_m)) last_dist = s.distance_m;
    if (t.distance_m >= 0) r.distance_m = std::max<double>(t.distance_m, std::isnan(last_dist) ? 0 : last_dist);
    else if (!std::isnan(last_dist)) r.distance_m = last_dist;
    records.push_back(r);
  }
  double running = 0;
  for (PlannedRecord& r : records) {
    if (std::isnan(r.distance_m)) continue;
    if (r.distance_m < running) r.distance_m = running;
    running = r.distance_m;
  }
}

// Timer events: start, a stop/start pair around every pause of the track (a new segment, or
// a gap over kPauseGapSec between its points), stop at the end. `track` is the track's own
// seconds: heart rate from the day files is no recording of the workout's, and a gap in it
// (a sensor losing contact, a reading every two minutes in a swim) is no pause — read as one,
// a 30-minute swim's events said its timer ran 0 s against the session's 1,800 (helper finding).
void place_timer_events(const std::vector<int64_t>& track, const std::vector<int64_t>& segment_starts,
                        const ActivityTotals& t, std::vector<TimerEvent>& events) {
  events.push_back({t.start_sec, true});
  for (size_t i = 1; i < track.size(); ++i) {
    const bool new_track = std::binary_search(segment_starts.begin(), segment_starts.end(), track[i]);
    if (new_track || track[i] - track[i - 1] > kPauseGapSec) {
      events.push_back({track[i - 1], false});
      events.push_back({track[i], true});
    }
  }
  events.push_back({t.end_sec, false});
}

// Heart rate totals: the exercise's average when it has one; the maximum from the records and
// the exercise's `peak` (Exercise::peak_heart_rate).
// Running dynamics: each measure's mean over the records that have it (as a watch's session).
// A distance the exercise lacks is the records' last (laps_distance may have set one before).
void complete_totals(const std::vector<PlannedRecord>& records, bool dynamics, int32_t peak, ActivityTotals& t) {
  int32_t max_hr = -1;
  int64_t sum = 0, n = 0;
  for (const PlannedRecord& r : records)
    if (r.heart_rate > 0) {
      max_hr = std::max<int32_t>(max_hr, r.heart_rate);
      sum += r.heart_rate;
      ++n;
    }
  // A maximum below the exercise's own average is no maximum of the workout: the records'
  // readings are not all of its readings (a day file's few over a workout another app
  // recorded, or sparse ones). Left out rather than written beside an average above it (helper
  // finding on a real export: 3 of 779 sessions, such as average 146, maximum 120); the
  // records keep their readings.
  // The tracker's own peak (Google's list), held to the same rule: the records' readings are
  // samples of the same tracker's, so the larger of the two (helper finding: a row's peak of
  // 178 was not written, its average of 151 was; review finding: a day file's 165 was written
  // over the tracker's 178).
  t.max_heart_rate = t.avg_heart_rate > 0 && max_hr < t.avg_heart_rate ? -1 : max_hr;
  if (peak > 0 && peak >= t.avg_heart_rate) t.max_heart_rate = std::max(t.max_heart_rate, peak);
  if (t.avg_heart_rate < 0 && n > 0) t.avg_heart_rate = static_cast<int32_t>(std::lround(static_cast<double>(sum) / n));
  for (size_t m = 0; dynamics && m < fitbit::kRunningDynamicCount; ++m) {
    int64_t total = 0, count = 0;
    for (const PlannedRecord& r : records)
      if (r.dynamics.raw[m] != fitbit::kNoDynamic) {
        total += r.dynamics.raw[m];
        ++count;
      }
    if (count > 0) t.avg_dynamics.raw[m] = static_cast<uint16_t>((total + count / 2) / count);
  }
  if (t.distance_m < 0) {
    for (auto it = records.rbegin(); it != records.rend(); ++it)
      if (!std::isnan(it->distance_m)) {
        t.distance_m = it->distance_m;
        break;
      }
  }
}

// The distances of the track's laps that lie inside the workout's window, together (each lap's
// DistanceMeters is its own): a distance for a workout whose exercise has none, when it says
// more than the points (a lap written as a summary alone, without points: helper finding). A
// lap without a start or a time, or reaching outside the window, is not counted (its points
// are clipped too: review finding). 0 without any.
double laps_distance(const fitbit::TcxActivity* track, const ActivityTotals& t) {
  double m = 0;
  if (track == nullptr) return 0;
  for (const fitbit::TcxLap& l : track->laps) {
    if (l.distance_m <= 0 || l.start_ms < 0 || l.total_time_s < 0) continue;
    const double from = static_cast<double>(l.start_ms) / 1000.0, to = from + l.total_time_s;
    if (from >= static_cast<double>(t.start_sec) && to <= static_cast<double>(t.end_sec) + 1) m += l.distance_m;
  }
  return m;
}

}  // namespace

int64_t last_record_sec(const fitbit::Exercise& ex) {
  return std::max(floor_div(ex.start_utc_ms, 1000) + 1, ceil_div(ex.start_utc_ms + ex.duration_ms, 1000));
}

Error plan_activity(const fitbit::Exercise& ex, const fitbit::TcxActivity* track,
                    const std::vector<HeartRateSample>& hr, ActivityPlan& out) {
  if (ex.duration_ms <= 0) return fail(Status::format, "workout has no duration");
  out = ActivityPlan{};
  out.log_id = ex.log_id;
  out.name = ex.activity_name;
  out.sport = map_activity(ex.activity_type_id, ex.activity_name);
  out.auto_detected = ex.auto_detected();
  out.totals = totals_of(ex);

  std::vector<int64_t> segment_starts;
  std::vector<PlannedRecord> samples;
  if (track != nullptr) samples = track_samples(*track, out.totals, segment_starts, out.clipped_points);
  std::vector<int64_t> track_secs(samples.size());
  for (size_t i = 0; i < samples.size(); ++i) track_secs[i] = samples[i].utc_sec;
  const bool track_hr = std::any_of(samples.begin(), samples.end(), [](const PlannedRecord& r) { return r.heart_rate > 0; });
  if (!track_hr && !hr.empty()) merge_heart_rate(hr, out.totals, samples);
  thin(samples);
  out.summary_only = samples.empty();
  out.has_gps = std::any_of(samples.begin(), samples.end(), [](const PlannedRecord& r) { return !std::isnan(r.lat_deg); });

  if (out.totals.distance_m < 0) {
    // Before the records are placed, so that the end record says the distance the session does.
    double points_m = 0;
    for (const PlannedRecord& r : samples)
      if (!std::isnan(r.distance_m)) points_m = std::max(points_m, r.distance_m);
    const double laps_m = laps_distance(track, out.totals);
    if (laps_m > points_m) out.totals.distance_m = laps_m;
  }
  place_records(samples, out.totals, out.records);
  if (out.totals.distance_m >= 0 && out.totals.distance_m > out.records.back().distance_m && ex.distance_m < 0)
    out.records.back().distance_m = out.totals.distance_m;
  place_timer_events(track_secs, segment_starts, out.totals, out.events);
  out.has_dynamics = track != nullptr && track->has_dynamics;
  complete_totals(out.records, out.has_dynamics, ex.peak_heart_rate, out.totals);
  return {};
}

size_t records_bound(const fitbit::Exercise& ex, size_t track_points, size_t hr_samples) {
  const ActivityTotals t = totals_of(ex);
  const uint64_t seconds = static_cast<uint64_t>(std::max<int64_t>(0, t.end_sec - t.start_sec)) + 1;
  const uint64_t samples = std::min<uint64_t>({seconds, static_cast<uint64_t>(track_points) + hr_samples, kMaxRecords});
  return static_cast<size_t>(samples + 2);
}

}  // namespace ts::workout
