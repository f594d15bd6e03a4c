#include "core/convert/weight_steps.h"

#include <algorithm>

#include "core/fit/profile.h"
#include "core/weight/weight_fit.h"

namespace ts::convert {

namespace {

Error bad(const std::string& what) { return fail(Status::invalid_argument, "option 'step': a weight step's " + what); }

// What a weigh-in's record can be (weight_entries.h makes none outside it): a FIT time (from mid
// 1998: smaller values are device uptime), weight, body fat and BMI within what the plan's
// weigh-ins give. Past it the FIT writer would refuse the record as an integrity error.
bool row_fits(const weight::WeighInRecord& r) {
  const bool time = r.utc_sec >= fit::kFitEpochUnix + 0x10000000LL && r.utc_sec - fit::kFitEpochUnix < 0xFFFFFFFFLL;
  const auto within = [](const std::optional<int64_t>& v, int64_t most) { return !v || (*v >= 0 && *v <= most); };
  return time && r.weight >= 0 && r.weight <= weight::kMaxWeightRaw && within(r.fat, weight::kMaxFatRaw) &&
         within(r.bmi, weight::kMaxBmiRaw);
}

// A whole number, or null (-> nullopt); false for anything else.
bool optional_int(simdjson::dom::element e, std::optional<int64_t>& out) {
  if (e.is_null()) {
    out.reset();
    return true;
  }
  int64_t v = 0;
  if (e.get_int64().get(v)) return false;
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

void write_weight_step_members(json::Writer& w, const weight::WeighInRecord* rows, size_t n, size_t first_file, size_t total_files) {
  w.key("weighIns").array();
  for (size_t i = 0; i < n; ++i) {
    const weight::WeighInRecord& r = rows[i];
    w.array().value(r.utc_sec).value(r.weight);
    if (r.fat) w.value(*r.fat);
    else w.null();
    if (r.bmi) w.value(*r.bmi);
    else w.null();
    w.end();
  }
  w.end().key("fileNumbers").array().value(first_file).value(total_files).end();
}

Error read_weight_step_members(simdjson::dom::element step, size_t per_file, WeightStepRows& out) {
  simdjson::dom::array rows, numbers;
  if (step["weighIns"].get_array().get(rows)) return bad("'weighIns' must be [[utcSec, weight, fat or null, bmi or null], …]");
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
    weight::WeighInRecord r;
    if (row.get_array().get(a) || a.size() != 4 || a.at(0).get_int64().get(r.utc_sec) || a.at(1).get_int64().get(r.weight) ||
        !optional_int(a.at(2).value_unsafe(), r.fat) || !optional_int(a.at(3).value_unsafe(), r.bmi) || !row_fits(r))
      return bad("weigh-in " + std::to_string(out.rows.size()) +
                 " must be [utcSec from 1998 on, weight in 0.01 kg up to 65534, fat in 0.01 % up to 10000 or null, BMI in 0.1 "
                 "up to 65530 or null]");
    out.rows.push_back(r);
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
