// A workouts step's "records" (steps.h): where each of its workouts lies in the exercise file
// it came from, [path, byte offset, byte length], one per entry of its "logIds". The plan
// finds them (it reads every exercise file anyway); the step then parses those bytes only, a
// few hundred per workout, instead of its whole exercise file (~100 records, 120+ KB: half a
// workout step's CPU, measured), after checking them against the file it was sent.
#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "core/common/json_elements.h"
#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/health_index.h"
#include "core/convert/workout_inputs.h"
#include "simdjson.h"

namespace ts::convert {

// The plan's side. Each exercise file is scanned once (common/json_elements.h), however many
// steps its workouts go to.
class RecordRanges {
 public:
  explicit RecordRanges(const BundleView& in) : in_(in) {}

  // Writes the member "records": [[path, offset, length], …] for `workouts` (a step's, in the
  // order of its "logIds"). Writes nothing when one of them is not found in its file's scan —
  // which a file simdjson read cannot cause — and the step then reads its whole exercise
  // files, as a step planned before records did.
  void write(json::Writer& w, const std::vector<const Workout*>& workouts);

 private:
  const std::vector<json::ByteRange>& elements(size_t file);

  const BundleView& in_;
  std::map<size_t, std::vector<json::ByteRange>> elements_;  // exercise file -> its array's elements
};

// The step's side: its workouts from their records' bytes — `ids` (its "logIds") and
// `records` (its "records") — in start order, each with the exercise file it came from (an
// index into `in`). Each range must lie inside one of the step's exercise files and hold the
// record of the logId it is listed for.
// Errors (invalid_argument): "records" not one [path, offset, length] per logId, a logId
// listed twice, or a range that does not match the step's files (named, with the entry).
Error read_workout_records(const BundleView& in, const HealthIndex& index, const std::vector<int64_t>& ids,
                           simdjson::dom::element records, std::vector<Workout>& out);

}  // namespace ts::convert
