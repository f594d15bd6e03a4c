// SLICES of a heart-rate day file over the server's 2 MiB file cap: a day of all-day heart
// rate is 1-4 MB (a real export has 169 days over 2 MiB, up to 4.2 MB), and its heart-rate
// step (the per-day summary, convert/step_reference.cpp) read it whole, so such a day could
// not go to the server at all, and would cost more CPU than one request has. The plan cuts
// such a day into k steps ("slice": [i, k]); each summarises its slice's readings, and
// assembly adds the summaries of one local day whatever steps they came from (minimum,
// maximum, sum and count: the same numbers in any order).
//
// Terms, defined once:
//   record start — as heart_rate_window.h: the '{' of a record whose first key is "dateTime",
//                  found from any byte by the next "dateTime" key and the '{' just before it.
//   boundary m   — for 0 < m < k, the first record start found from byte m·n/k (n: the file's
//                  bytes); boundary 0 is the array's first byte after '[', boundary k its ']'.
//   slice i of k — the records from boundary i up to boundary i+1: every record in exactly
//                  one slice, whatever k.
//   sliceable    — the file is an array ('[' first and ']' last, blanks around) and every
//                  boundary 0 < m < k is a record start (its key found, a '{' just before it)
//                  that is an element of the array (a ',' or the '[' before that '{', not the
//                  ':' of an object inside a record).
//                  Every slice checks every boundary, so all k agree. A file that is not
//                  sliceable is read whole by slice 0, and not at all by the others: the same
//                  as one step reading it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ts::fitbit {

// The plan's cut (convert/plan.cpp): a day over kSliceAboveBytes (the server's file cap,
// worker-shim/shared/upload-limits.js FILE_MAX_BYTES) is ceil(bytes / kSliceBytes) slices, at
// most kMaxHeartRateSlices (a day Fitbit writes is at most ~5 MB; a 64 MiB one is not one).
inline constexpr uint64_t kSliceAboveBytes = 2 * 1024 * 1024;
inline constexpr uint64_t kSliceBytes = 1024 * 1024;
inline constexpr uint32_t kMaxHeartRateSlices = 64;

// Bytes [begin, end) of the file: from the slice's first record's '{' to its last one's '}'
// (begin == end: a slice without records).
struct SliceSpan {
  size_t begin = 0;
  size_t end = 0;
};

// Slice i of k (0 <= i < k) of `data`, a heart-rate day file as given (a byte-order mark cut).
// False when the file is not sliceable (above).
bool heart_rate_slice(std::string_view data, uint32_t i, uint32_t k, SliceSpan& out);

}  // namespace ts::fitbit
