// The report's word, before converting, on a daily metric whose files miss periods that the
// export's other daily files cover. Fitbit cuts every per-minute metric (steps, distance,
// calories, the four activity levels) into 30-day files beginning on the same days, so a
// period one metric has a file for and another has not is that other's file missing: a
// Takeout part not given, a file lost on the way. Its days are written with 0 in that column
// (daily_outputs.h: no reading is written as 0, and said in the zip; a day of no activity at
// all is left out: a real account archive's 41 periods without steps were 697 days written with
// Steps 0 and the rest left out); this says so while the
// person can still add the part (helper finding: 838 of 947 days written with Steps 0, said only
// in the zip's manifest). From the names alone: the plan does not read these heavy files.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/convert/bundle.h"

namespace ts::convert {

// Warnings for the per-minute metrics among `daily_files` (indices into in.files): one for each
// set of metrics that lacks the same periods ("Steps, Distance"), naming how many, the first
// and the last. Floors and climbed altitude are left out: Fitbit writes them only for minutes
// with a climb, so a period without one is a month of no stairs, not a file missing.
void daily_gap_warnings(const BundleView& in, const std::vector<size_t>& daily_files, std::vector<std::string>& warnings);

}  // namespace ts::convert
