// EXERCISE DIGEST: what a plan reads of one exercise file, written once, when the file is
// uploaded, so that the plan does not parse the file again. A ten-year export has ~2 MB of
// exercise JSON, and parsing it was half of the plan's CPU (simdjson's two stages, in WASM
// without SIMD); its digest is a tenth of the bytes.
//
// The rule that makes it safe: a plan given a file's digest in place of its bytes is the plan
// given its bytes, byte for byte (tests/cpp/exercise_digest_test.cpp runs every case both
// ways). So a digest holds exactly what the plan reads of a file, as read_exercises and
// json::array_elements give it:
//   - each record's fields that the plan, its report and the plausibility rules read — logId,
//     activity name and type, start, duration, active duration, steps, average heart rate,
//     distance in metres, GPS, log type, last modified — and its position in the file's array;
//   - where each record lies in the file (the "records" ranges a workouts step reads,
//     workout_records.h), from the same scan the plan would make;
//   - the file's problems, in order, or why the file could not be read at all.
// Fields the plan does not read (heart-rate zones, the TCX link, …) are left out:
// the steps read the records themselves. A plan that came to read another field would differ
// with digests, and the equality test above says so.
//
// Format (binary, written and read by the core only; its first four bytes are its version — a
// digest of another, such as the JSON of version 1, is refused: a `format` error saying to
// upload the export again, which an upload made before a deploy then meets once). Little-endian;
// str = u32 length + bytes:
//   "TSD7" | u64 bytes (the file's size) | u8 unread (0/1)
//   unread 1: str why read_exercises refused the file, and nothing after it;
//   unread 0: u32 problems, each: str file, i64 index, u8 effect, i64 records, str reason;
//             u32 records, each: i64 logId, u64 position, u8 located (0/1), u64 offset,
//             u64 length (the record's bytes in the file; 0 and 0 when it has no range:
//             ExerciseRead::ranges), i64 startUtcMs, i64 durationMs, i64 activeDurationMs,
//             i64 activityTypeId, str activityName, i32 steps, i32 calories,
//             i32 averageHeartRate, f64 distanceM, f64 elevationGainM (their bits: infinity
//             and every value exactly), i32 swimLengths, u8 hasGps, str logType, i64 lastModifiedUtcMs
//             (INT64_MIN: none). Version 3 added calories and elevation, which the plan
//             compares when a logId repeats (plan_inputs.cpp). Version 4 has the same fields:
//             a file's problems now name a pool swim's poolLength in no known unit, which a
//             version 3 digest, made before, would not. Version 5 added lastModified, the
//             evidence of a start written in local time (workout_inputs.h). Version 6 has
//             the same fields: a file's count of problems past those listed is now said in
//             every reader's words (fitbit/problem.h add_unlisted), which a version 5 digest
//             would not (review finding). Version 7 added swimLengths, which the plan reads
//             to judge a workout left empty (workout/plausibility.h), and a record without
//             "duration" is now timed by its activeDuration where version 6 skipped it.
//   Nothing may follow. Binary, not JSON, because the plan parses every digest of an export
//   (165 KB for ten years) and simdjson's portable stage 1 made that a sixth of the plan's CPU
//   in V8's baseline tier; these fields are read at a bounds check each.
//
// ts_digest — input: a TSB1 bundle of exercise files (options not read). Output: a TSB1
//   bundle of their digests, one per file, by the same names and in the same order.
// ts_plan / ts_validate take a digest in place of an exercise file's bytes when the options
//   name the file in "digests": [path, …]; its size then comes from "sizes", and must be the
//   size the digest was written for.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/json_elements.h"
#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/fitbit/exercise_reader.h"
#include "simdjson.h"

namespace ts::convert {

// What the plan takes from one exercise file, from its bytes or from its digest.
struct ExerciseRead {
  bool unread = false;
  std::string why;            // when unread: read_exercises' message
  fitbit::ExerciseFile file;  // records (from a digest, its fields only) and problems
  // Where each of file.records lies in the file, one per record: none when the scan
  // (json::array_elements) did not take the text as an array or found no element at the
  // record's position — which a file simdjson read cannot cause, nor one read record by record
  // (its records are the elements the scan found before the defect).
  std::vector<std::optional<json::ByteRange>> ranges;
};

// Reads an exercise file's bytes the way the plan does.
void read_exercise_file(std::string_view path, std::string_view data, ExerciseRead& out);

// The digest of one exercise file: `data` its bytes (a byte-order mark cut: bundle.h), `bytes`
// its size as given, which the digest is written for.
std::string write_exercise_digest(std::string_view path, std::string_view data, uint64_t bytes);

// Errors (format): text that is not a digest this core writes (another version included),
// or one written for a file of another size than `bytes`.
Error read_exercise_digest(std::string_view path, std::string_view digest, uint64_t bytes, ExerciseRead& out);

// ts_digest. Errors (invalid_argument): a file that is not an exercise file by its name.
Error digest_exercise_files(const BundleView& in, std::string& out_bundle);

// The options' "digests": which of `in`'s files carry a digest. Errors (invalid_argument):
// not an array of paths, or a path that is not one of the bundle's exercise files.
// `options`: the bundle's options, parsed.
Error digested_files(const BundleView& in, const std::vector<size_t>& exercise, simdjson::dom::element options, std::vector<bool>& out);

}  // namespace ts::convert
