// The readings of a heart-rate day file (heart_rate_reader.h) inside a few windows of time,
// found by bisection instead of a read of the whole file: what a workout takes from a day
// (convert/workout_inputs.h). A day of all-day heart rate is 1-4 MB; a workout's hour of it is
// a tenth or less, and reading whole days made a workout step's CPU follow the person's days
// rather than the workout (a real export's walks over two 3.6 MB days: 6.8 ms a step in
// WASM, 2.2 ms read this way).
//
// Terms, defined once:
//   record start — the '{' of a record whose first key is "dateTime", as Fitbit writes them;
//                  found from any byte by the next "dateTime" key and the '{' just before it.
//   in order     — each record's second at least the one before it. Fitbit writes its day
//                  files in time order; bisection relies on it, and checks it wherever it
//                  looks: the last record against the first, every probe against those and
//                  the probe below it, every record it reads, and the one after the last
//                  record it reads of a window. Real exports have such
//                  files (5 of 1,690 days: two streams 12 hours apart, interleaved); each is
//                  seen there and read whole. Records out of place only between the places
//                  it looks would go unseen.
//
// It reads only records of the fast scan's shape (heart_rate_scan.h), each as that scan and
// read_heart_rate read it (the same dateTime rules, 0 < bpm < 255, rounded). It gives up —
// returns false, hands on nothing — on anything else: a record or probe out of that shape, a
// dateTime it cannot read at a probe, records out of order where it looks, an array that does
// not begin the file. The caller then reads the whole file (read_heart_rate), as before.
// Where it reads, it gives what a read of the whole file gives inside the windows
// (tests/cpp/heart_rate_window_test.cpp; the minute fuzz target on every input in order).
// What it does not read, it does not judge: a record out of the scan's shape between the
// windows (the whole-file read then takes the file through simdjson) is not seen. A file cut
// off is: its last record is read.
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace ts::fitbit {

struct WindowReading {
  int64_t sec;
  int32_t bpm;
};

// The bytes of `data` the records it read inside the windows lie in: [begin, end), from the
// first such record's '{' to the last one's '}' (records read only on the way to a window, or
// to find one wholly before or after the file's records, are left out). The records between
// windows inside it were not read (bisection stepped over them); a PIECE of the file
// (convert/step_pieces.h) is this span, and reading it gives the same readings in the windows
// as reading the whole file.
struct ReadSpan {
  size_t begin = 0;
  size_t end = 0;  // == begin: no record read
};

// The readings whose second lies in one of `windows` ([first, last], UTC seconds, in any order,
// overlapping or not), in file order, each once. False (and `out` as it was) when the file is
// not one it can bisect, as above. `span`, when given, is set to the bytes its records lie in.
bool read_heart_rate_windows(std::string_view data, std::vector<std::pair<int64_t, int64_t>> windows,
                             std::vector<WindowReading>& out, ReadSpan* span = nullptr);

// For a file read_heart_rate_windows cannot bisect (out of order, say): the span from the first
// record whose second lies in a window to the last, found by reading every record (the fast
// scan's shape; false, and `span` as it was, for a file of another shape). Every reading a read
// of the whole file finds in the windows lies in it, whatever the order.
bool heart_rate_windows_span(std::string_view data, const std::vector<std::pair<int64_t, int64_t>>& windows, ReadSpan& span);

}  // namespace ts::fitbit
