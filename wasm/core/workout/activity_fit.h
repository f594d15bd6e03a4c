// An ActivityPlan -> one activity FIT file (file_id.type 4), in the order Garmin's own devices
// write and its SDK's "activity file" recipe asks for:
//   the preamble (fit/preamble.h: file_id, file_creator, device_info), sport, event timer
//   start, records (interleaved with the plan's pause events: a start before the record of
//   its second, a stop after), event timer stop_all, lap, session (the exercise's totals),
//   activity (exactly one, with local_timestamp).
// time_created is the workout's start, never the clock: the same workout always gives the
// same bytes, so Garmin answers a re-import with "duplicate" instead of a second activity.
//
//   local_timestamp — activity.local_timestamp (FIT local_date_time): the end time in the
//                     account's zone, which Garmin uses to place the activity on its day.
#pragma once
#include <cstdint>
#include <string>

#include "core/common/status.h"
#include "core/tz/transitions.h"
#include "core/workout/activity_plan.h"

namespace ts::workout {

// Errors only for values a FIT field cannot hold (integrity), which a plan from the readers
// never has.
Error write_activity_fit(const ActivityPlan& plan, const tz::Zone& zone, std::string& out);

// At most how many bytes write_activity_fit writes for a plan of `records` records: the fixed
// messages, and per record its data (at most 31 bytes), a definition of its own (at most 41
// bytes: the writer has 16 slots for the 1,024 field combinations a record can have) and a
// stop/start pair of timer events around it.
// Known before the plan is made, so a conversion can refuse what would not fit its budget.
inline constexpr uint64_t kActivityFitFixedBytes = 2048;
inline constexpr uint64_t kActivityFitBytesPerRecord = 128;
inline uint64_t activity_fit_bytes_bound(size_t records) {
  return kActivityFitFixedBytes + kActivityFitBytesPerRecord * static_cast<uint64_t>(records);
}

// Degrees -> FIT semicircles (2^31 per 180°), clamped inside sint32's valid range.
int32_t semicircles(double deg);

}  // namespace ts::workout
