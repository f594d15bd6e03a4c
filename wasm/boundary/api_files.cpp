#include "boundary/api_files.h"

#include <string_view>
#include <vector>

#include "core/common/json_writer.h"
#include "core/convert/report_json.h"
#include "core/fitbit/file_kinds.h"

namespace ts::api {

Error file_kinds(boundary::Input, std::string& out) {
  out.clear();
  json::Writer w(out);
  w.object().key("kinds").array();
  for (int i = 0; i < fitbit::kKindCount; ++i) {
    const fitbit::KindInfo& k = fitbit::kind_info(static_cast<fitbit::Kind>(i));
    w.object()
        .member("kind", k.id)
        .member("pattern", k.pattern)
        .member("report", k.report)
        .member("output", k.output)
        .member("convert", k.convert)
        .member("light", k.light)
        .key("usedBy")
        .array();
    for (int bit = 0; bit < 4; ++bit)
      if (k.used_by & (1u << bit)) w.value(fitbit::kConvertOptions[bit]);
    w.end().end();
  }
  w.end().key("convertOptions").array();
  for (const char* o : fitbit::kConvertOptions) w.value(o);
  w.end().key("skipReasons").array();
  for (int r = 1; r < fitbit::kSkipReasonCount; ++r) {
    const auto reason = static_cast<fitbit::SkipReason>(r);
    w.object().member("code", fitbit::skip_code(reason)).member("reason", fitbit::skip_sentence(reason)).end();
  }
  w.end().end();
  return {};
}

Error classify_paths(boundary::Input in, std::string& out) {
  const std::string_view text(reinterpret_cast<const char*>(in.data), in.len);
  fitbit::SkipList skipped;
  out.clear();
  json::Writer w(out);
  std::vector<std::string_view> paths;
  std::vector<fitbit::FileClass> classes;
  for (size_t start = 0; !text.empty() && start <= text.size();) {
    const size_t end = std::min(text.find('\0', start), text.size());
    paths.push_back(text.substr(start, end - start));
    classes.push_back(fitbit::classify_file(paths.back()));
    start = end + 1;
  }
  // The listing is the export: its rules apply (a heart-rate CSV beside Fitbit's JSON is a copy).
  fitbit::apply_export_rules(paths, classes);
  w.object().key("kinds").array();
  for (size_t i = 0; i < paths.size(); ++i) {
    if (classes[i].known) {
      w.value(fitbit::kind_info(classes[i].kind).id);
    } else {
      w.null();
      skipped.add(classes[i].skip, paths[i]);
    }
  }
  w.end().key("skipped");
  convert::write_skipped_files(w, skipped);
  w.end();
  return {};
}

}  // namespace ts::api
