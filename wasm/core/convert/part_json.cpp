#include "core/convert/part_json.h"

#include "core/convert/output_budget.h"
#include "core/convert/report_json.h"

namespace ts::convert {

void write_file_entry(json::Writer& w, const ProducedFile& f) {
  w.object().member("path", f.path).member("kind", f.kind).member("records", f.records);
  if (!f.first.empty()) w.member("first", f.first).member("last", f.last);
  w.members(f.extra).end();
}

void add_step_outputs(BundleWriter& out, const std::string& part_json, const std::vector<ProducedFile>& files) {
  out.add("part.json", part_json);
  for (const ProducedFile& f : files) out.add(f.path, f.bytes);
}

void open_part(json::Writer& w, const char* kind, const HealthOutputs& outputs) {
  w.object().member("kind", kind).key("files").array();
  for (const ProducedFile& f : outputs.files) write_file_entry(w, f);
  w.end().key("skipped");
  write_skipped(w, outputs.skipped);
  w.key("warnings");
  write_strings(w, outputs.warnings);
  // What the step's files take of the whole conversion's output budget (output_budget.h):
  // assembly adds every step's up and checks the sum against the input's size.
  uint64_t bytes = 0;
  for (const ProducedFile& f : outputs.files) bytes += f.bytes.size() + f.path.size() + kManifestEntryBytes;
  w.member("outputBytes", bytes);
}

}  // namespace ts::convert
