// The weight steps: FIT weight files from a run of the weigh-ins the plan made (weight_steps.h:
// the plan merges every weight source and judges the unit once, so a step reads no file and
// its work is bounded by its rows). A step without rows, from a plan made before they were
// carried, does the whole weight side itself: every weight source together (weight JSON,
// weight.csv, heights, Profile.csv), merged and judged for their unit as one — weight.csv
// gives a matched weigh-in its instant and mass, the JSON its fat, BMI and source; each side's
// weigh-ins the other lacks are kept; a matched one is written once (weight/weigh_in_merge.h).
#include <algorithm>

#include "core/common/civil_time.h"
#include "core/convert/export_data.h"
#include "core/convert/output_budget.h"
#include "core/convert/part_json.h"
#include "core/convert/report_json.h"
#include "core/convert/step_input.h"
#include "core/convert/weight_plan.h"
#include "core/convert/weight_steps.h"
#include "core/weight/weight_fit.h"

namespace ts::convert {

Error weight_rows_step(const weight::WeighInRecord* rows, size_t n, size_t per_file, size_t first_file, size_t total_files,
                       BundleWriter& out) {
  HealthOutputs o;
  for (size_t begin = 0, count = 0; begin < n; begin += count) {
    count = std::min(per_file, n - begin);
    ProducedFile f;
    f.path = weight_file_name(first_file + begin / per_file, total_files);
    f.kind = "weight";
    f.records = count;
    f.first = civil::iso_utc(rows[begin].utc_sec);
    f.last = civil::iso_utc(rows[begin + count - 1].utc_sec);
    if (Error e = weight::write_weight_fit(rows + begin, count, f.bytes)) return e;
    o.files.push_back(std::move(f));
  }
  // What the whole says (unit, counts, skipped weigh-ins, warnings) is the plan part's.
  std::string part;
  json::Writer w(part);
  open_part(w, "weight", o);
  w.end();
  add_step_outputs(out, part, o.files);
  return {};
}

Error weight_step(StepInput& s, BundleWriter& out) {
  simdjson::dom::element member;
  if (!s.step["weighIns"].get(member)) {
    // A step the plan wrote with its weigh-ins (weight_steps.h): it reads no file.
    WeightStepRows mine;
    const size_t per = s.options->weight_per_file;
    if (Error e = read_weight_step_members(s.step, per, mine)) return e;
    if (!s.files.files.empty()) return fail(Status::invalid_argument, "option 'step': a weight step with 'weighIns' reads no file");
    return weight_rows_step(mine.rows.data(), mine.rows.size(), per, static_cast<size_t>(mine.first_file),
                            static_cast<size_t>(mine.total_files), out);
  }
  // A step without rows — a plan made before weight steps carried them, or one made without
  // the zone its weight logs need (whose step then refuses, as weigh_ins_of says) — reads every
  // weight file and writes the whole weight side here.
  ExportData data;
  read_export(s.files, data);
  HealthOutputs o;
  o.skipped = data.problems;
  WeightPlan plan;
  if (Error e = plan_weight(data, *s.options, plan, o.skipped)) return e;
  // What this step may write, from its own files (output_budget.h); assembly checks the whole.
  OutputBudget budget = OutputBudget::for_bundle(s.files);
  const auto& entries = plan.weighins.entries;
  const size_t per = s.options->weight_per_file;
  const size_t count = weight_files_for(entries.size(), per);
  for (size_t i = 0; i < count; ++i) {
    ProducedFile f;
    f.path = weight_file_name(i + 1, count);
    f.kind = "weight";
    const size_t begin = i * per, n = std::min(per, entries.size() - begin);
    f.records = n;
    f.first = civil::iso_utc(entries[begin].utc_sec);
    f.last = civil::iso_utc(entries[begin + n - 1].utc_sec);
    if (Error e = weight::write_weight_fit(entries.data() + begin, n, f.bytes)) return e;
    if (Error e = budget.reserve(1, f.bytes.size() + kManifestEntryBytes, "the weight files",
                                 "leave out weight (convert without the \"weight\" kind)"))
      return e;
    o.files.push_back(std::move(f));
  }
  if (plan.source.empty()) o.warnings.push_back("the export has no weight records");
  else weight_warnings(plan.unit, plan.weighins, o.warnings);  // no unit to warn about without weights
  std::string part;
  json::Writer w(part);
  open_part(w, "weight", o);
  if (!plan.source.empty()) {
    w.key("weightUnit");
    write_unit(w, plan.unit);
    w.key("weighIns");
    write_weigh_in_sources(w, plan);
  }
  w.end();
  add_step_outputs(out, part, o.files);
  return {};
}

}  // namespace ts::convert
