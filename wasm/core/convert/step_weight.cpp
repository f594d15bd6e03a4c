// The weight step: every weight source together (weight JSON, weight.csv, heights, Profile.csv)
// — they are small, and must be merged and judged for their unit as one — into FIT weight
// files. weight.csv gives a matched weigh-in its instant and mass, the JSON its fat, BMI and
// source; each side's weigh-ins the other lacks are kept; a matched one is written once
// (weight/weigh_in_merge.h). Heights, BMI and Profile.csv are the unit's evidence.
#include <algorithm>
#include <cstdio>

#include "core/common/civil_time.h"
#include "core/convert/export_data.h"
#include "core/convert/output_budget.h"
#include "core/convert/part_json.h"
#include "core/convert/report_json.h"
#include "core/convert/step_input.h"
#include "core/convert/weight_plan.h"
#include "core/weight/weight_fit.h"

namespace ts::convert {

namespace {
std::string numbered(const char* prefix, size_t n, size_t total, const char* ext) {
  const int width = total >= 1000 ? (total >= 10000 ? 5 : 4) : 3;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%0*zu%s", prefix, width, n, ext);
  return buf;
}
}  // namespace

Error weight_step(StepInput& s, BundleWriter& out) {
  ExportData own;
  const ExportData& data = s.read ? *s.read->data : own;
  if (!s.read) read_export(s.files, own);
  HealthOutputs o;
  o.skipped = data.problems;
  WeightPlan plan;
  if (s.read) {
    plan = *s.read->analysed;
    if (Error e = weigh_ins_of(data, plan, o.skipped)) return e;
  } else if (Error e = plan_weight(data, *s.options, plan, o.skipped)) {
    return e;
  }
  // What this step may write, from its own files (output_budget.h); assembly checks the whole.
  OutputBudget budget = OutputBudget::for_bundle(s.files);
  const auto& entries = plan.weighins.entries;
  const size_t per = s.options->weight_per_file;
  const size_t count = (entries.size() + per - 1) / per;
  for (size_t i = 0; i < count; ++i) {
    ProducedFile f;
    f.path = numbered("weight/weight-", i + 1, count, ".fit");
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
