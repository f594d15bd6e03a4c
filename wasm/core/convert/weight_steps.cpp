#include "core/convert/weight_steps.h"

#include <algorithm>
#include <cmath>

#include "core/fit/profile.h"
#include "core/weight/weight_fit.h"

namespace ts::convert {

namespace {

Error bad(const std::string& what) { return fail(Status::invalid_argument, "option 'step': a weight step's " + what); }

// What a FIT weight file can hold, as the weigh-ins are made (weight_entries.cpp): a value
// outside it never comes from the plan, and the FIT writer would refuse it as an integrity error.
bool row_fits(const weight::WeighIn& w) {
  const bool time = w.utc_sec >= fit::kFitEpochUnix + 0x10000000LL && w.utc_sec - fit::kFitEpochUnix < 0xFFFFFFFFLL;
  const bool kg = std::isfinite(w.kg) && w.kg >= 0 && w.kg <= 655.34;
  const bool fat = !w.fat_percent || (std::isfinite(*w.fat_percent) && *w.fat_percent >= 0 && *w.fat_percent <= 100);
  const bool bmi = !w.bmi || (std::isfinite(*w.bmi) && *w.bmi >= 0 && *w.bmi <= 6553);
  return time && kg && fat && bmi;
}

// A number, or null (-> nullopt); false for anything else.
bool optional_number(simdjson::dom::element e, std::optional<double>& out) {
  if (e.is_null()) {
    out.reset();
    return true;
  }
  double v = 0;
  if (e.get_double().get(v)) return false;
  out = v;
  return true;
}

}  // namespace

std::vector<WeightStepCut> cut_weight_steps(size_t rows, size_t per_file) {
  std::vector<WeightStepCut> out;
  if (rows == 0 || per_file == 0) return out;
  const size_t files_per_step = std::clamp<size_t>(kWeighInsPerStep / per_file, 1, kWeightFilesPerStep);
  const size_t rows_per_step = files_per_step * per_file;
  for (size_t first = 0, file = 1; first < rows; first += rows_per_step, file += files_per_step)
    out.push_back({first, std::min(rows_per_step, rows - first), file});
  return out;
}

void write_weight_step_members(json::Writer& w, const weight::WeighIn* rows, size_t n, size_t first_file, size_t total_files) {
  w.key("weighIns").array();
  for (size_t i = 0; i < n; ++i) {
    const weight::WeighIn& r = rows[i];
    w.array().value(r.utc_sec).exact(r.kg);
    if (r.fat_percent) w.exact(*r.fat_percent);
    else w.null();
    if (r.bmi) w.exact(*r.bmi);
    else w.null();
    w.end();
  }
  w.end().key("fileNumbers").array().value(first_file).value(total_files).end();
}

Error read_weight_step_members(simdjson::dom::element step, size_t per_file, WeightStepRows& out) {
  simdjson::dom::array rows, numbers;
  if (step["weighIns"].get_array().get(rows)) return bad("'weighIns' must be [[utcSec, kg, fatPercent or null, bmi or null], …]");
  // cut_weight_steps never gives a step more than this: whole files of at most kWeighInsPerStep
  // rows in all, or one file when a file is larger.
  const size_t most = std::max(kWeighInsPerStep, per_file);
  if (rows.size() == 0 || rows.size() > most) return bad("'weighIns' must hold 1 to " + std::to_string(most) + " weigh-ins");
  if (step["fileNumbers"].get_array().get(numbers) || numbers.size() != 2 || numbers.at(0).get_int64().get(out.first_file) ||
      numbers.at(1).get_int64().get(out.total_files) || out.first_file < 1 || out.total_files > kMaxWeightFiles ||
      out.first_file > out.total_files)
    return bad("'fileNumbers' must be [first file, files in all], 1 <= first <= all <= " + std::to_string(kMaxWeightFiles));
  const size_t files = weight_files_for(rows.size(), per_file);
  if (files > kWeightFilesPerStep || static_cast<int64_t>(files) > out.total_files - out.first_file + 1)
    return bad("'weighIns' fill more files than 'fileNumbers' leaves it (at most " + std::to_string(kWeightFilesPerStep) + ")");
  out.rows.reserve(rows.size());
  for (simdjson::dom::element row : rows) {
    simdjson::dom::array a;
    weight::WeighIn w;
    if (row.get_array().get(a) || a.size() != 4 || a.at(0).get_int64().get(w.utc_sec) || a.at(1).get_double().get(w.kg) ||
        !optional_number(a.at(2).value_unsafe(), w.fat_percent) || !optional_number(a.at(3).value_unsafe(), w.bmi) || !row_fits(w))
      return bad("weigh-in " + std::to_string(out.rows.size()) +
                 " must be [utcSec from 1998 on, kg 0-655.34, fat percent 0-100 or null, BMI 0-6553 or null]");
    out.rows.push_back(w);
  }
  return {};
}

std::string weight_file_name(size_t n, size_t total) {
  const std::string digits = std::to_string(n);
  const size_t width = total >= 10000 ? 5 : total >= 1000 ? 4 : 3;
  std::string name = "weight/weight-";
  name.append(digits.size() < width ? width - digits.size() : 0, '0').append(digits).append(".fit");
  return name;
}

}  // namespace ts::convert
