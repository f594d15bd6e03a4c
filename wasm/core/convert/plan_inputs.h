// What a plan is made from: the options, the sizes of files sent without their bytes, and the
// light reads (weight, profile, exercise records), done once and shared by the report, the
// step list and the plan's own part.
#pragma once
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/export_data.h"
#include "core/convert/health_index.h"
#include "core/convert/light_files.h"
#include "core/convert/options.h"
#include "core/convert/weight_plan.h"
#include "core/convert/workout_inputs.h"

namespace ts::convert {

struct PlanInputs {
  Options options;
  FileSizes sizes;
  ExportData data;          // weight JSON, weight.csv, Profile.csv
  WeightPlan weight;        // the unit decision only (no zone needed)
  HealthIndex index;        // every other file, by name
  std::vector<Workout> workouts;    // every exercise record, start order
  fitbit::Problems exercise_problems;
};

// Errors: the options (invalid_argument / format).
Error read_plan_inputs(const BundleView& in, PlanInputs& out);

// The files no reader claims (neither the weight side nor the health index).
std::vector<std::string> unclaimed_files(const ExportData& data);

// The plan's report: what ts_validate returns.
void write_plan_report(const BundleView& in, const PlanInputs& p, json::Writer& w);

}  // namespace ts::convert
