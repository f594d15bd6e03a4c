#include "core/convert/step_groups.h"

#include <algorithm>

namespace ts::convert {

namespace {

Error bad(const std::string& what) { return fail(Status::invalid_argument, "option 'groups': " + what); }

Error read_line(simdjson::dom::element e, const std::string& where, CostLine& out) {
  if (e["fixedMs"].get_double().get(out.fixed_ms) || e["msPerMiB"].get_double().get(out.ms_per_mib) || !(out.fixed_ms >= 0) ||
      !(out.ms_per_mib >= 0))
    return bad(where + " must be {\"fixedMs\": ms, \"msPerMiB\": ms}, neither negative");
  return {};
}

}  // namespace

double GroupRules::estimate_ms(std::string_view kind, uint64_t parsed_bytes, size_t files) const {
  const CostLine* found = cost.find(kind);
  const CostLine& line = found ? *found : fallback;
  // Summed in the order stepCostMs sums it in JS, so the two give the same double.
  return line.fixed_ms + (line.ms_per_mib * static_cast<double>(parsed_bytes)) / (1024.0 * 1024.0) +
         file_ms * static_cast<double>(files);
}

Error read_group_rules(simdjson::dom::element options, GroupRules& out, bool& present) {
  out = GroupRules{};
  simdjson::dom::element g;
  present = !options["groups"].get(g) && !g.is_null();
  if (!present) return {};
  if (!g.is_object()) return bad("must be an object");
  if (g["budgetMs"].get_double().get(out.budget_ms) || !(out.budget_ms >= 0)) return bad("'budgetMs' must be a number of ms, not negative");
  if (g["maxSteps"].get_uint64().get(out.max_steps) || out.max_steps == 0) return bad("'maxSteps' must be a whole number from 1");
  simdjson::dom::element file_ms;
  if (!g["fileMs"].get(file_ms) && !file_ms.is_null() && (file_ms.get_double().get(out.file_ms) || !(out.file_ms >= 0)))
    return bad("'fileMs' must be a number of ms, not negative");
  simdjson::dom::element cap;
  if (!g["maxSendBytes"].get(cap) && !cap.is_null() && cap.get_uint64().get(out.max_send_bytes))
    return bad("'maxSendBytes' must be a whole number of bytes");
  simdjson::dom::element read_cap;
  if (!g["maxStoredBytes"].get(read_cap) && !read_cap.is_null() && read_cap.get_uint64().get(out.max_stored_bytes))
    return bad("'maxStoredBytes' must be a whole number of bytes");
  simdjson::dom::object cost;
  if (g["cost"].get_object().get(cost)) return bad("'cost' must be an object {kind: line}");
  for (auto field : cost) {
    CostLine line;
    if (Error e = read_line(field.value, "cost '" + std::string(field.key) + "'", line)) return e;
    out.cost.put(field.key, line);  // a kind given twice: the last line, as JSON.parse keeps it in JS
  }
  simdjson::dom::element fallback;
  if (g["fallback"].get(fallback)) return bad("'fallback' is missing");
  if (Error e = read_line(fallback, "'fallback'", out.fallback)) return e;
  simdjson::dom::element stored;
  if (!g["stored"].get(stored) && !stored.is_null()) {
    simdjson::dom::array entries;
    if (stored.get_array().get(entries)) return bad("'stored' must be [[path, stream, offset, bytes], …]");
    for (simdjson::dom::element e : entries) {
      simdjson::dom::array a;
      std::string_view name;
      StoredFile f;
      if (e.get_array().get(a) || a.size() != 4 || a.at(0).get_string().get(name) || a.at(1).get_uint64().get(f.stream) ||
          a.at(2).get_uint64().get(f.offset) || a.at(3).get_uint64().get(f.bytes))
        return bad("'stored' must be [[path, stream, offset, bytes], …]");
      out.stored.add(name, f);  // the first of a repeated path
    }
  }
  return {};
}

std::vector<std::pair<size_t, size_t>> cut_groups(const std::vector<StepLoad>& steps, const GroupRules& rules) {
  std::vector<std::pair<size_t, size_t>> groups;
  size_t first = 0;
  double spent = 0;
  uint64_t sent = 0;
  std::vector<size_t> read;  // the group's stored files so far, by key
  uint64_t read_bytes = 0;
  // The stored files a step reads that the group has not read yet, and their bytes.
  std::vector<size_t> fresh;
  const auto fresh_of = [&](const StepLoad& s) {
    fresh.clear();
    uint64_t bytes = 0;
    for (const auto& [key, n] : s.stored) {
      if (std::find(read.begin(), read.end(), key) != read.end() || std::find(fresh.begin(), fresh.end(), key) != fresh.end()) continue;
      fresh.push_back(key);
      bytes += n;
    }
    return bytes;
  };
  for (size_t i = 0; i < steps.size(); ++i) {
    const size_t count = i - first;
    // sent + send > cap, without overflow (a cap of UINT64_MAX is no cap); reads alike.
    const bool over_send = sent > rules.max_send_bytes || steps[i].send > rules.max_send_bytes - sent;
    uint64_t fresh_bytes = fresh_of(steps[i]);
    const bool over_read = read_bytes > rules.max_stored_bytes || fresh_bytes > rules.max_stored_bytes - read_bytes;
    if (count > 0 && (spent + steps[i].ms > rules.budget_ms || count >= rules.max_steps || over_send || over_read)) {
      groups.emplace_back(first, count);
      first = i;
      spent = 0;
      sent = 0;
      read.clear();
      read_bytes = 0;
      fresh_bytes = fresh_of(steps[i]);
    }
    spent += steps[i].ms;
    sent += steps[i].send;
    read.insert(read.end(), fresh.begin(), fresh.end());
    read_bytes += fresh_bytes;
  }
  if (steps.size() > first) groups.emplace_back(first, steps.size() - first);
  return groups;
}

}  // namespace ts::convert
