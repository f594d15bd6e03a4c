#include "core/convert/part_json.h"

#include <cstdio>

#include "core/common/json_text.h"
#include "core/convert/bundle.h"
#include "core/convert/report_json.h"

namespace ts::convert {

void append_manifest_entry(std::string& out, const ProducedFile& f) {
  out += "{\"path\":";
  json::append_string(out, f.path);
  out += ",\"kind\":";
  json::append_string(out, f.kind);
  out += ",\"records\":" + std::to_string(f.records);
  if (!f.first.empty()) {
    out += ",\"first\":";
    json::append_string(out, f.first);
    out += ",\"last\":";
    json::append_string(out, f.last);
  }
  out += f.extra + "}";
}

void add_step_outputs(BundleWriter& out, const std::string& part_json, const std::vector<ProducedFile>& files) {
  out.add("part.json", part_json);
  for (const ProducedFile& f : files) out.add(f.path, f.bytes);
}

void open_part(std::string& out, const char* kind, const std::vector<ProducedFile>& files, const fitbit::Problems& skipped,
               const std::vector<std::string>& warnings) {
  out += "{\"kind\":\"";
  out += kind;
  out += "\",\"files\":[";
  for (size_t i = 0; i < files.size(); ++i) {
    if (i) out += ",";
    append_manifest_entry(out, files[i]);
  }
  out += "],\"skipped\":";
  append_skipped_json(out, skipped, {});
  out += ",\"warnings\":";
  append_string_array(out, warnings);
}

void append_exact(std::string& out, double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  out += buf;
}

}  // namespace ts::convert
