// Workouts a tracker logged that no person can have done: a 24-hour "Run" of 1.24 km, a walk
// at 40 km/h, 400 steps a minute. Importing one puts nonsense into a Garmin history (records,
// training load), so it is flagged, said why, and left out unless the person keeps it
// (options.includeImplausible; CLI --keep-implausible; the page's checkbox).
//
// Limits per FIT sport, deliberately wide — only the impossible is flagged, never the merely
// unusual (a 24-hour ultra, a slow walk with a dog):
//   average speed   over the active time, when the record has a distance and lasted a minute:
//                   run 1-30 km/h, walk 0.3-12, hike 0.3-15, bike 1-100, swim 0.1-10,
//                   any other sport at most 300
//   duration        at most 72 hours for any sport
//   cadence         at most 300 steps a minute of active time
//   heart rate      an average from 25 to 250 beats a minute
//   something       a workout a device recorded states 0 calories, with no steps, distance,
//                   heart rate, climb or swim lengths: left empty (plausibility.cpp
//                   measured_nothing)
#pragma once
#include <string>

#include "core/fitbit/exercise_reader.h"
#include "core/workout/activity_types.h"

namespace ts::workout {

// Empty when the workout is possible; otherwise why not, in words (no values of the record:
// the rule it breaks).
std::string implausible(const fitbit::Exercise& ex, const SportMapping& sport);

// What follows the why of a workout left out, in the report and the manifest: how to keep it,
// in each of the three ways, in the words each shows (the page's box, the CLI's flag, the
// API's field). Only the API's name once said it, and the page's reader had no such field
// (helper finding).
inline constexpr const char* kLeftOutImplausible =
    "left out as impossible (to keep it: tick \"Keep the … that look impossible\" on the page, or give "
    "--keep-implausible to the CLI or includeImplausible to the API)";
// And of one kept, as asked.
inline constexpr const char* kKeptImplausible = "converted, as asked: workouts that look impossible are kept";

}  // namespace ts::workout
