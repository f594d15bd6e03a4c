// The conversion as plan, bounded steps and assembly: the numbered cases in
// tests/cases/steps.json, through the same handlers the WASM exports ts_plan / ts_step /
// ts_assemble / ts_convert use. Per case: the plan's steps exactly; the same plan when heavy
// files are sent empty with their sizes; and the same outputs, byte for byte and in download
// order, however the steps are grouped into calls (one per call, all in one, seeded random
// groups), through ts_convert, and with the workouts steps' "records" taken out (the
// whole-file read of a plan made before them). An error case sends one step changed by its
// "mutate" (a file dropped or added, a file listed twice, other options, other records) and
// expects the refusal.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "boundary/api_convert.h"
#include "boundary/api_steps.h"
#include "case_table.h"
#include "core/convert/bundle.h"
#include "core/convert/light_files.h"
#include "core/fitbit/export_kinds.h"

namespace {

using nlohmann::json;
using ts::test::bundle_of;
using ts::test::call_ok;
using ts::test::Files;  // path, bytes
using ts::test::files_of_bundle;

Files files_of(const json& c) {
  Files out;
  for (const auto& f : c["files"]) out.emplace_back(f["name"].get<std::string>(), f["text"].get<std::string>());
  return out;
}

// The step's files by name; of a path given twice, the copy the core's file table reads (the
// first that is not empty, else the first: file_table.h), as the page and the Worker send it.
Files pick(const Files& all, const std::vector<std::string>& names) {
  Files out;
  for (const auto& n : names) {
    const std::pair<std::string, std::string>* chosen = nullptr;
    for (const auto& f : all)
      if (f.first == n && (chosen == nullptr || (chosen->second.empty() && !f.second.empty()))) chosen = &f;
    if (chosen != nullptr) out.push_back(*chosen);
  }
  return out;
}

// The step parts gathered (ts_gather) in runs of the given sizes; with `nested`, the first two
// gathered parts gathered once more. What assembly then takes in place of the step parts.
std::vector<std::string> gathered(const std::vector<std::string>& parts, const std::vector<size_t>& runs, bool nested) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t n : runs) {
    ts::convert::BundleWriter w;
    for (size_t i = at; i < at + n; ++i) w.add("part.json", parts[i]);
    out.push_back(call_ok(ts::api::gather, w.finish()));
    at += n;
  }
  REQUIRE(at == parts.size());
  if (nested && out.size() >= 2) {
    ts::convert::BundleWriter w;
    w.add("part.json", out[0]);
    w.add("part.json", out[1]);
    out.erase(out.begin(), out.begin() + 2);
    out.insert(out.begin(), call_ok(ts::api::gather, w.finish()));
  }
  return out;
}

// Runs the plan's steps in groups of the given sizes, then assembly: outputs in download order.
// `gather`: runs of step parts gathered before assembly (none: every step part as it came).
Files run_grouped(const json& options, const json& plan, const Files& all, const std::vector<size_t>& groups,
                  const std::vector<size_t>& gather = {}, bool nested = false) {
  Files outputs;
  std::vector<std::string> parts{plan["part"].dump()};
  size_t at = 0;
  for (size_t n : groups) {
    json opts = options;
    std::vector<std::string> names;
    json group = json::array();
    for (size_t i = at; i < at + n; ++i) {
      group.push_back(plan["steps"][i]);
      for (const auto& f : plan["steps"][i]["files"])
        if (std::find(names.begin(), names.end(), f.get<std::string>()) == names.end()) names.push_back(f.get<std::string>());
    }
    if (n == 1) opts["step"] = group[0];
    else opts["steps"] = group;
    if (plan.contains("stepZone")) opts["stepZone"] = plan["stepZone"];
    for (const auto& [path, data] : files_of_bundle(call_ok(ts::api::step, bundle_of(opts, pick(all, names))))) {
      if (path == "part.json") parts.push_back(data);
      else outputs.emplace_back(path, data);
    }
    at += n;
  }
  REQUIRE(at == plan["steps"].size());
  if (!gather.empty()) {
    const std::vector<std::string> runs = gathered(std::vector<std::string>(parts.begin() + 1, parts.end()), gather, nested);
    parts.resize(1);
    parts.insert(parts.end(), runs.begin(), runs.end());
  }
  ts::convert::BundleWriter w(options.dump());
  for (const auto& p : parts) w.add("part.json", p);
  for (const auto& f : files_of_bundle(call_ok(ts::api::assemble, w.finish()))) outputs.push_back(f);
  return outputs;
}

const json* at_path(const json& doc, const std::string& dotted) {
  const json* j = &doc;
  size_t pos = 0;
  while (pos <= dotted.size()) {
    const size_t dot = std::min(dotted.find('.', pos), dotted.size());
    const std::string key = dotted.substr(pos, dot - pos);
    if (key == "length" && j->is_array()) {
      static thread_local json n;
      n = j->size();
      return &n;
    }
    if (j->is_array()) {
      const size_t i = std::stoul(key);
      if (i >= j->size()) return nullptr;
      j = &(*j)[i];
    } else if (j->is_object() && j->contains(key)) {
      j = &(*j)[key];
    } else {
      return nullptr;
    }
    pos = dot + 1;
  }
  return j;
}

}  // namespace

TEST_CASE("steps: shared case table", "[steps]") {
  const json table = ts::test::load_cases("steps.json");
  REQUIRE(table["cases"].size() >= 12);
  for (const json& c : table["cases"]) {
    const std::string label = "steps.json case " + std::to_string(c["n"].get<int>()) + ": " + c["why"].get<std::string>();
    SECTION(label) {
      INFO(label);
      const Files all = files_of(c);
      const json options = c["options"];
      const json plan = json::parse(call_ok(ts::api::plan, bundle_of(options, all)));
      if (c.contains("error")) {
        json step = plan["steps"][c["mutate"]["step"].get<size_t>()];
        // Other byte ranges for a workouts step's records: given, or another step's.
        if (c["mutate"].contains("records")) step["records"] = c["mutate"]["records"];
        if (c["mutate"].contains("recordsOf")) step["records"] = plan["steps"][c["mutate"]["recordsOf"].get<size_t>()]["records"];
        // Other members, as given (a weight step's weighIns, fileNumbers or files).
        if (c["mutate"].contains("set"))
          for (const auto& [key, value] : c["mutate"]["set"].items()) step[key] = value;
        std::vector<std::string> names = step["files"].get<std::vector<std::string>>();
        if (c["mutate"].contains("drop")) {
          auto it = std::find(names.begin(), names.end(), c["mutate"]["drop"].get<std::string>());
          REQUIRE(it != names.end());
          names.erase(it);
        }
        if (c["mutate"].contains("add")) names.push_back(c["mutate"]["add"].get<std::string>());
        // Its first file listed twice; the file itself sent once.
        if (c["mutate"].value("repeat", false)) step["files"].push_back(step["files"][0]);
        json opts = c["mutate"].value("options", options);  // the step's own options, when the case gives them
        opts["step"] = step;
        if (plan.contains("stepZone") && !opts.contains("stepZone")) opts["stepZone"] = plan["stepZone"];
        const auto r = ts::test::call(ts::api::step, bundle_of(opts, pick(all, names)));
        CHECK(std::string(ts::status_name(r.status)) == c["error"]["status"].get<std::string>());
        CHECK(r.body.find(c["error"]["contains"].get<std::string>()) != std::string::npos);
        continue;
      }
      CHECK(plan["steps"] == c["steps"]);
      CHECK(plan.value("stepZone", json()) == c.value("stepZone", json()));

      // Heavy files without their bytes: the same plan (steps and report) from names and sizes.
      Files light;
      json sized = options;
      sized["sizes"] = json::object();
      for (const auto& [name, data] : all) {
        const bool keep = ts::convert::is_light_file(name);
        light.emplace_back(name, keep ? data : std::string());
        if (!keep) sized["sizes"][name] = data.size();
      }
      const std::string plan_light_text = call_ok(ts::api::plan, bundle_of(sized, light));
      const json plan_light = json::parse(plan_light_text);
      CHECK(plan_light["steps"] == plan["steps"]);
      CHECK(plan_light["report"] == plan["report"]);
      CHECK(plan_light["part"] == plan["part"]);

      // Exercise files as their digests (ts_digest; exercise_digest.h): the same plan, byte
      // for byte, and the same report from ts_validate. Not for an export that repeats a
      // path: an upload holds one file per path (routes/upload.js), so digests and sizes are
      // by path and a repeated one never comes as a digest.
      Files exercise;
      std::set<std::string> seen;
      bool repeats = false;
      for (const auto& f : light) {
        repeats = !seen.insert(f.first).second || repeats;
        if (ts::fitbit::classify_health_file(f.first) == ts::fitbit::HealthFileKind::exercise) exercise.push_back(f);
      }
      if (!exercise.empty() && !repeats) {
        const Files digests = files_of_bundle(call_ok(ts::api::digest, bundle_of(nullptr, exercise)));
        REQUIRE(digests.size() == exercise.size());
        json digested = sized;
        digested["digests"] = json::array();
        Files with_digests = light;
        for (size_t i = 0; i < digests.size(); ++i) {
          CHECK(digests[i].first == exercise[i].first);
          digested["digests"].push_back(digests[i].first);
          digested["sizes"][digests[i].first] = exercise[i].second.size();
          for (auto& f : with_digests)
            if (f.first == digests[i].first) f.second = digests[i].second;
        }
        CHECK(call_ok(ts::api::plan, bundle_of(digested, with_digests)) == plan_light_text);
        CHECK(call_ok(ts::api::validate, bundle_of(digested, with_digests)) == call_ok(ts::api::validate, bundle_of(sized, light)));
      }

      const size_t n = plan["steps"].size();
      const Files one_each = run_grouped(options, plan, all, std::vector<size_t>(n, 1));
      const Files all_in_one = run_grouped(options, plan, all, n ? std::vector<size_t>{n} : std::vector<size_t>{});
      CHECK(all_in_one == one_each);
      for (uint32_t seed = 1; seed <= 3; ++seed) {
        std::vector<size_t> groups;
        uint32_t x = seed * 2654435761u;
        for (size_t left = n; left > 0;) {
          x = x * 1664525u + 1013904223u;
          const size_t g = std::min<size_t>(left, 1 + (x >> 16) % 3);
          groups.push_back(g);
          left -= g;
        }
        CHECK(run_grouped(options, plan, all, groups) == one_each);
        // The same step parts gathered in runs of the same sizes (and two of them gathered
        // again) before assembly: the same outputs (gathered.h).
        if (n > 0) CHECK(run_grouped(options, plan, all, groups, groups, seed == 3) == one_each);
      }
      if (n > 0) CHECK(run_grouped(options, plan, all, std::vector<size_t>(n, 1), {n}) == one_each);
      CHECK(files_of_bundle(call_ok(ts::api::convert, bundle_of(options, all))) == one_each);
      // A plan made before steps carried "records" (a session's stored plan across a deploy):
      // its workouts steps read their whole exercise files, to the same outputs.
      json before_records = plan;
      for (json& step : before_records["steps"]) step.erase("records");
      CHECK(run_grouped(options, before_records, all, std::vector<size_t>(n, 1)) == one_each);
      // A plan made before "stepZone" (each step but weight carried the zone members): the
      // steps use their own, to the same outputs.
      if (plan.contains("stepZone")) {
        json before_step_zone = plan;
        for (json& step : before_step_zone["steps"])
          if (step["kind"] != "weight") step.update(plan["stepZone"]);
        before_step_zone.erase("stepZone");
        CHECK(run_grouped(options, before_step_zone, all, std::vector<size_t>(n, 1)) == one_each);
      }

      std::vector<std::string> paths;
      for (const auto& f : one_each) paths.push_back(f.first);
      CHECK(paths == c["outputs"].get<std::vector<std::string>>());
      const json expected_texts = c.value("texts", json::object());
      for (const auto& [path, text] : expected_texts.items())
        for (const auto& f : one_each)
          if (f.first == path) CHECK(f.second == text.get<std::string>());
      json manifest;
      for (const auto& f : one_each)
        if (f.first == "manifest.json") manifest = json::parse(f.second);
      const json expected_manifest = c.value("manifest", json::object());
      for (const auto& [dotted, value] : expected_manifest.items()) {
        INFO(dotted << " in " << manifest.dump());
        const json* got = at_path(manifest, dotted);
        REQUIRE(got != nullptr);
        CHECK(*got == value);
      }
    }
  }
}

// The plan's part carries the zone the export's own UTC offsets were weighed against (zone
// evidence, its warnings): an assembly with other options refuses it, even when no step but
// weight exists to refuse first (kinds: weight only).
TEST_CASE("steps: assembly refuses a plan's part made with another timeZone", "[steps]") {
  const json table = ts::test::load_cases("steps.json");
  const json* traveller = nullptr;
  for (const json& c : table["cases"])
    if (c["n"] == 9) traveller = &c;
  REQUIRE(traveller != nullptr);
  json options = (*traveller)["options"];
  options["kinds"] = json::array({"weight"});
  const json plan = json::parse(call_ok(ts::api::plan, bundle_of(options, files_of(*traveller))));
  REQUIRE(plan["steps"].size() == 1);
  REQUIRE(plan["part"].contains("plannedZone"));
  ts::convert::BundleWriter same(options.dump());
  same.add("part.json", plan["part"].dump());
  CHECK(ts::test::call(ts::api::assemble, same.finish()).status == ts::Status::ok);
  json other = options;
  other["timeZone"] = {{"name", "UTC"}, {"transitions", json::array({json::array({0, 0})})}};
  ts::convert::BundleWriter w(other.dump());
  w.add("part.json", plan["part"].dump());
  const auto r = ts::test::call(ts::api::assemble, w.finish());
  CHECK(r.status == ts::Status::invalid_argument);
  CHECK(r.body.find("another timeZone") != std::string::npos);
  json none = options;
  none.erase("timeZone");
  ts::convert::BundleWriter n(none.dump());
  n.add("part.json", plan["part"].dump());
  CHECK(ts::test::call(ts::api::assemble, n.finish()).status == ts::Status::invalid_argument);
}
