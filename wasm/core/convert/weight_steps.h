// WEIGHT STEPS: the weigh-ins cut into bounded steps that read no file.
//
// Why. Every weight source (weight JSON, weight.csv, heights, Profile.csv) must be read together:
// the two sources are merged and judged for their unit as one. A weight step that did that read
// every weight file of the export, so its CPU grew with the history: ten years of daily
// weigh-ins with weight.csv took 10.5-11.8 ms from a cold isolate, three a day 21-33 ms, over
// the free plan's 10 ms and without bound. The plan reads those files anyway (the report, the
// unit, the UTC offsets the export shows), so the plan makes the weigh-ins (merged, in UTC,
// each once, weight_plan.h) and hands each weight step a run of them. A step writes FIT files
// from the rows it carries; its work is bounded by kWeighInsPerStep, whatever the history.
//
// Terms:
//   row          [utcSec, weight, fat | null, bmi | null]: one weigh-in as its FIT record holds
//                it (weight/weight_fit.h WeighInRecord: weight in 0.01 kg, body fat in 0.01 %,
//                BMI in 0.1, rounded as the writer rounds), so the FIT bytes are the ones a
//                step reading the files would write, and rows are whole numbers: written and
//                read exactly, without printing or parsing a double.
//   "weighIns"   a weight step's rows, in plan order (the order the FIT files hold them).
//   "fileNumbers" [first, total]: the number of the step's first FIT file (from 1) and how many
//                the whole conversion writes (the width of their names: weight-001.fit …).
//   A step holds whole files: its rows fill files of weightEntriesPerFile in turn, the last
//   perhaps short only in the last step; at most kWeighInsPerStep rows (one file's, up to
//   5,000, when weightEntriesPerFile is larger) and kWeightFilesPerStep files
//   (weightEntriesPerFile 1 would otherwise be a thousand files a step).
// Such a step has no files of its own to budget its outputs by: the plan reserves the weight
// files' room from the whole input's budget (output_budget.h), and assembly checks the sum.
// What the whole says — the unit and its evidence, the sources' counts, the weigh-ins skipped
// and the warnings — is the plan part's "weight" member (steps.h), which assembly reads where
// it read a weight step's part before.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/weight/weight_fit.h"
#include "simdjson.h"

namespace ts::convert {

inline constexpr size_t kWeighInsPerStep = 1000;
inline constexpr size_t kWeightFilesPerStep = 32;
// A row as the group estimate counts it (step_groups.h "parsed"; shared/step-groups.js
// WEIGH_IN_ROW_BYTES): about the bytes of its JSON ("[1672585200,8763,2530,286]", 26 to 37),
// which is what the step parses, on the large side.
inline constexpr uint64_t kWeighInRowBytes = 40;
// The most weight files one conversion can name (the widest name the step writes).
inline constexpr int64_t kMaxWeightFiles = 1000000;

// One weight step: rows [first_row, first_row + rows), its first file's number.
struct WeightStepCut {
  size_t first_row = 0, rows = 0, first_file = 1;
};

// `rows` weigh-ins in files of `per_file`, cut into steps (none for no rows).
std::vector<WeightStepCut> cut_weight_steps(size_t rows, size_t per_file);

// The files `rows` weigh-ins fill at `per_file` each.
inline size_t weight_files_for(size_t rows, size_t per_file) { return (rows + per_file - 1) / per_file; }

// A step's "weighIns" and "fileNumbers" members, written into the open step object.
void write_weight_step_members(json::Writer& w, const weight::WeighInRecord* rows, size_t n, size_t first_file, size_t total_files);

// A weight step's rows and file numbers, checked: invalid_argument saying which member is wrong.
struct WeightStepRows {
  std::vector<weight::WeighInRecord> rows;
  int64_t first_file = 1, total_files = 1;
};
Error read_weight_step_members(simdjson::dom::element step, size_t per_file, WeightStepRows& out);

// "weight/weight-007.fit": the n-th of `total` files, named as wide as the total needs (at
// least three digits).
std::string weight_file_name(size_t n, size_t total);

}  // namespace ts::convert
