// PIECES: what a group of workouts steps reads of a heart-rate day file, sent to the server in
// the file's place. A day of all-day heart rate is 1-4 MB; a workout reads its hour of it
// (fitbit/heart_rate_window.h), so a group of workouts steps that carried its days whole sent
// (and, at the 2 MiB file cap, could not send) about twenty times what it reads.
//
// A day over the file cap is also read by the heart-rate table in slices, a step each
// (fitbit/heart_rate_slices.h): such a step's piece is its slice.
//
// Terms, defined once:
//   piece  — bytes [offset, offset + length) of a heart-rate day file, offset counted in the
//            file as given (a byte-order mark included): from the '{' of the first record the
//            group's bisection read inside a window to the '}' of the last (for a day it
//            cannot bisect, out of order, from the first record in a window to the last), or
//            the records of the one
//            slice a heart-rate step of the group reads. Written [offset, length, size], size being
//            the whole file's, which the step's "bytes" and its output budget count.
//   whole  — a file sent as it is: one that any step of the group reads but a workouts step's
//            bisection or one slice step (a daily step, a heart-rate step of a whole day), one
//            a slice step and another step both read, one not of the fast scan's shape, or a
//            day of a workout its step may place at its local time (workout_inputs.h
//            ends_after_last_change: where is known only to the step, which has the zone). (A
//            piece may be most of its day: a workout of 48 hours reads all of it. Such a day
//            over the file cap cannot go to the server; the request that carries it is refused,
//            naming it.) A day that cannot be sliced is whole for slice 0 and an empty piece
//            for the others, as they read it.
//
// ts_step_pieces — input: options = {"steps": [step, …]} (a group, as ts_step takes it; the
//   conversion options may be there too and are not read), files = the steps' files, whole.
//   Output: {"pieces": {"<path>": [offset, length, size], …}}: the group's pieces (whole files
//   are not named).
// ts_step with options "pieces" (that object, verbatim) and each named file's piece as its
//   data gives the same bytes as ts_step with the whole files: a workouts step reads a piece
//   whole and keeps its windows' readings, which are every reading of the windows, in file
//   order — what its bisection of the whole day finds, or its read of the whole day where it
//   cannot bisect. The one difference would be a day out of order only where the bisection
//   did not look, whose readings it misses and the piece holds.
//   A piece named for a file another kind of step reads (a heart-rate step reads one only as
//   its slice), or that is not a heart-rate day file, or whose data is not `length` bytes, is
//   refused.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "simdjson.h"

namespace ts::convert {

// Errors: options without "steps"; a step whose files were not sent.
Error plan_pieces(const BundleView& in, std::string& out_json);

// ts_step's side: the options' "pieces" applied to `files` (the call's files, in place): each
// named file's data becomes its records as a JSON array, held in `held`, and its given size the
// whole file's. `pieced` gets the names. Errors (invalid_argument) as above.
Error apply_pieces(simdjson::dom::element options_doc, std::vector<BundleFile>& files, std::deque<std::string>& held,
                   std::vector<std::string_view>& pieced);

}  // namespace ts::convert
