#include "core/convert/workout_records.h"

#include <set>
#include <string>

#include "core/fitbit/google_exercises_csv.h"

namespace ts::convert {

void write_record_ranges(json::Writer& w, const BundleView& in, const std::vector<const Workout*>& workouts) {
  for (const Workout* wk : workouts)
    if (!wk->record) return;
  w.key("records").array();
  for (const Workout* wk : workouts) w.array().value(in.files[wk->file].name).value(wk->record->offset).value(wk->record->length).end();
  w.end();
}

namespace {

Error mismatch(size_t entry, const std::string& what) {
  return fail(Status::invalid_argument,
              "option 'step' does not match its files: 'records' entry " + std::to_string(entry) + " " + what);
}

}  // namespace

Error read_workout_records(const BundleView& in, const HealthIndex& index, const std::vector<int64_t>& ids,
                           simdjson::dom::element records, std::vector<Workout>& out) {
  const Error shape =
      fail(Status::invalid_argument, "option 'step': 'records' must be [[path, offset, length], …], one per logId");
  simdjson::dom::array entries;
  if (records.get_array().get(entries) || entries.size() != ids.size()) return shape;
  if (std::set<int64_t>(ids.begin(), ids.end()).size() != ids.size())
    return fail(Status::invalid_argument, "option 'step': 'logIds' lists a workout twice");
  size_t entry = 0;
  for (simdjson::dom::element e : entries) {
    std::string_view path;
    uint64_t offset = 0, length = 0;
    simdjson::dom::array triple;
    if (e.get_array().get(triple) || triple.size() != 3 || e.at(0).get_string().get(path) ||
        e.at(1).get_uint64().get(offset) || e.at(2).get_uint64().get(length))
      return shape;
    const BundleFile* file = nullptr;
    size_t file_index = 0;
    bool google = false;  // a row of Google's list (google_workouts.h), not a JSON record
    for (const std::vector<size_t>* files : {&index.exercise, &index.google_exercises}) {
      for (size_t fi : *files)
        if (in.files[fi].name == path) {
          file = &in.files[fi];
          file_index = fi;
          google = files == &index.google_exercises;
          break;
        }
      if (file) break;
    }
    if (!file) return mismatch(entry, "names a file that is not one of the step's exercise files");
    if (offset > file->data.size() || length > file->data.size() - offset)
      return mismatch(entry, "lies past the end of " + std::string(path));
    Workout w{{}, file_index};
    fitbit::Problems dropped;  // the plan's whole-file read reported them
    if (google ? bool(fitbit::read_google_exercise_row(path, file->data, {static_cast<size_t>(offset), static_cast<size_t>(length)}, w.ex))
               : bool(fitbit::read_exercise_record(path, file->data.substr(offset, length), w.ex, dropped)))
      return mismatch(entry, "is not a workout record of " + std::string(path));
    if (w.ex.log_id != ids[entry]) return mismatch(entry, "holds the record of another logId");
    out.push_back(std::move(w));
    ++entry;
  }
  sort_by_start(out);
  return {};
}

}  // namespace ts::convert
