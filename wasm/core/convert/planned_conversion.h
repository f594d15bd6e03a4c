// The plan as ts_convert runs it (convert_in_steps.cpp): each step's JSON and files, and the
// weight steps' rows as the plan made them. The one call then neither prints its plan nor
// parses it back: a ten-year weight history's rows, written into the plan, parsed from it and
// parsed again from each step's options, were half of that call's CPU. Every other caller
// (the device, the server) runs the steps from the plan's JSON, and steps.json holds the two
// paths to the same bytes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/convert/weight_steps.h"

namespace ts::convert {

struct PlannedStep {
  std::optional<size_t> cut;        // a weight step with rows: PlannedConversion::cuts[*cut]
  std::string json;                 // any other step: its object, as ts_plan lists it,
  std::vector<size_t> files;        // and its files, as indices into the plan's bundle
};

struct PlannedConversion {
  std::vector<PlannedStep> steps;   // in plan order
  std::vector<WeightStepCut> cuts;  // the weight steps' runs of `rows`
  std::vector<weight::WeighInRecord> rows;
  size_t weight_files = 0;          // the weight files the rows fill
  std::string step_zone;            // the plan's "stepZone" object, or empty
  std::string part;                 // the plan's part
};

// ts_plan's steps, part and stepZone, kept apart (no report). The same errors as ts_plan.
Error plan_conversion(const BundleView& in, PlannedConversion& out);

}  // namespace ts::convert
