#include "boundary/api_files.h"

#include "core/common/json_text.h"
#include "core/convert/report_json.h"
#include "core/fitbit/file_kinds.h"

namespace ts::api {

namespace {
void append_string_or_empty(std::string& out, const char* s) { json::append_string(out, s); }
}  // namespace

Error file_kinds(boundary::Input, std::string& out) {
  out = "{\"kinds\":[";
  for (int i = 0; i < fitbit::kKindCount; ++i) {
    const fitbit::KindInfo& k = fitbit::kind_info(static_cast<fitbit::Kind>(i));
    if (i) out += ",";
    out += "{\"kind\":";
    append_string_or_empty(out, k.id);
    out += ",\"pattern\":";
    append_string_or_empty(out, k.pattern);
    out += ",\"report\":";
    append_string_or_empty(out, k.report);
    out += ",\"output\":";
    append_string_or_empty(out, k.output);
    out += ",\"convert\":";
    append_string_or_empty(out, k.convert);
    out += ",\"usedBy\":[";
    bool first = true;
    for (int bit = 0; bit < 4; ++bit)
      if (k.used_by & (1u << bit)) {
        if (!first) out += ",";
        first = false;
        json::append_string(out, fitbit::kConvertOptions[bit]);
      }
    out += "]}";
  }
  out += "],\"convertOptions\":[";
  for (int bit = 0; bit < 4; ++bit) {
    if (bit) out += ",";
    json::append_string(out, fitbit::kConvertOptions[bit]);
  }
  out += "],\"skipReasons\":[";
  for (int r = 1; r < fitbit::kSkipReasonCount; ++r) {
    const auto reason = static_cast<fitbit::SkipReason>(r);
    if (r > 1) out += ",";
    out += "{\"code\":";
    json::append_string(out, fitbit::skip_code(reason));
    out += ",\"reason\":";
    json::append_string(out, fitbit::skip_sentence(reason));
    out += "}";
  }
  out += "]}";
  return {};
}

Error classify_paths(boundary::Input in, std::string& out) {
  const std::string_view text(reinterpret_cast<const char*>(in.data), in.len);
  fitbit::SkipList skipped;
  out = "{\"kinds\":[";
  size_t start = 0, n = 0;
  while (!text.empty() && start <= text.size()) {
    const size_t end = std::min(text.find('\0', start), text.size());
    const std::string_view path = text.substr(start, end - start);
    const fitbit::FileClass c = fitbit::classify_file(path);
    if (n++) out += ",";
    if (c.known) json::append_string(out, fitbit::kind_info(c.kind).id);
    else {
      out += "null";
      skipped.add(c.skip, path);
    }
    start = end + 1;
  }
  out += "],\"skipped\":";
  convert::append_skipped_files_json(out, skipped);
  out += "}";
  return {};
}

}  // namespace ts::api
