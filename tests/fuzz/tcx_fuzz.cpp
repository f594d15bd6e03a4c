// libFuzzer target: any bytes as an Activities/<logId>.tcx file, then planned against a
// fixed one-hour workout (clipping, pauses, boundaries). Run with ./scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/fitbit/tcx_reader.h"
#include "core/workout/activity_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ts::fitbit::TcxActivity track;
  if (ts::fitbit::read_tcx(std::string_view(reinterpret_cast<const char*>(data), size), track)) return 0;
  ts::fitbit::Exercise ex;
  ex.log_id = 1;
  ex.start_utc_ms = track.points.empty() ? 1677924000000 : track.points.front().time_ms;
  ex.duration_ms = 3600 * 1000;
  ts::workout::ActivityPlan plan;
  (void)ts::workout::plan_activity(ex, &track, {}, plan);
  return 0;
}
