// JSON fragments that the manifest, the validation report and the preview share, so the
// same fact is always written the same way.
#pragma once
#include <string>
#include <vector>

#include "core/common/json_writer.h"
#include "core/convert/export_data.h"
#include "core/convert/options.h"
#include "core/convert/weight_plan.h"
#include "core/fitbit/file_kinds.h"
#include "core/fitbit/problem.h"
#include "core/weight/unit_detect.h"
#include "core/weight/weight_entries.h"

namespace ts::convert {

// {"value":"lb","decidedBy":"bmi","conflict":false,
//  "evidence":[{"source":"bmi","kg":0,"lb":12,"of":12,"verdict":"lb","height":"Profile.csv"}]}
void write_unit(json::Writer& w, const weight::UnitDecision& d);

// [{"source":path,"index":n,"reason":…}, …]: what the readers could not use or did not convert.
void write_skipped(json::Writer& w, const fitbit::Problems& problems);

// [{"code":"not-read","reason":…,"files":n,"paths":[…]}, …]: every file of no kind, by reason
// (paths in name order, at most fitbit::kListedPerReason each).
void write_skipped_files(json::Writer& w, const fitbit::SkipList& skipped);

// {"json":logs,"csv":rows,"matched":n,"jsonOnly":n,"csvOnly":n,"duplicates":n}: where the
// weigh-ins come from (weight/weigh_in_merge.h).
void write_weigh_in_sources(json::Writer& w, const WeightPlan& plan);

// {"periods":[{"from":"…Z","to":"…Z","offset":"-05:00","weighIns":n,"agrees":true|false|null}],
//  "comparedWith":zone name|null,"explicit":bool}: the UTC offsets the export itself shows.
void write_zone_evidence(json::Writer& w, const WeightPlan& plan, const Options& options);

// ["…", …]
void write_strings(json::Writer& w, const std::vector<std::string>& items);

// Warnings a conversion of weight carries (duplicates, DST readings, overrides, conflicts).
void weight_warnings(const weight::UnitDecision& unit, const weight::WeighIns& w, std::vector<std::string>& out);

// Warnings about the zone: the export's own offsets disagree with the zone chosen or named;
// or, when the export has none (no weigh-in in both weight.csv and the logs, no Google list of
// workouts) and `utc_records` (records stamped in UTC are placed in local days and times:
// workouts, per-minute data), that the zone named for them could not be checked.
void zone_warnings(const WeightPlan& plan, const Options& options, const std::string& profile_zone, const std::string& profile_file, bool utc_records,
                   std::vector<std::string>& out);
// The warning for workouts whose start was written in local time (workout_inputs.h
// place_written_clock_workouts), when there are any.
void written_clock_warning(size_t placed, const WeightPlan& plan, const Options& options, std::vector<std::string>& out);

}  // namespace ts::convert
