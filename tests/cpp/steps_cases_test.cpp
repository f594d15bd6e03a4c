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
#include "core/reference/heart_rate_csv.h"
#include "core/tz/transitions.h"

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
// largest, the first of those as large: file_table.h), as the page and the Worker send it.
Files pick(const Files& all, const std::vector<std::string>& names) {
  Files out;
  for (const auto& n : names) {
    const std::pair<std::string, std::string>* chosen = nullptr;
    for (const auto& f : all)
      if (f.first == n && (chosen == nullptr || f.second.size() > chosen->second.size())) chosen = &f;
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
// With `pieces`, each group's heart-rate days are sent as the pieces ts_step_pieces names
// (step_pieces.h), as the page sends them to the server; *pieces counts them.
Files run_grouped(const json& options, const json& plan, const Files& all, const std::vector<size_t>& groups,
                  const std::vector<size_t>& gather = {}, bool nested = false, size_t* pieces = nullptr) {
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
    Files sent = pick(all, names);
    if (pieces) {
      const json made = json::parse(call_ok(ts::api::step_pieces, bundle_of(json{{"steps", group}}, sent)))["pieces"];
      for (auto& [path, data] : sent)
        if (made.contains(path)) {
          const json& p = made[path];
          REQUIRE(p[2].get<size_t>() == data.size());
          data = data.substr(p[0].get<size_t>(), p[1].get<size_t>());
          ++*pieces;
        }
      if (!made.empty()) opts["pieces"] = made;
    }
    for (const auto& [path, data] : files_of_bundle(call_ok(ts::api::step, bundle_of(opts, sent)))) {
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
        // The same groups with their heart-rate days sent as pieces: the same outputs.
        size_t pieces_made = 0;
        CHECK(run_grouped(options, plan, all, groups, {}, false, &pieces_made) == one_each);
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

namespace {

// A day of all-day heart rate (a reading every 5 s, as a Charge writes them) for UTC `date`
// ("2024-05-10"), and the JSON of `n` workouts without tracks on it.
std::string heart_rate_day(const std::string& mmddyy, int every = 5) {
  std::string out = "[";
  for (int s = 0; s < 86400; s += every) {
    char rec[128];
    std::snprintf(rec, sizeof rec, "%s{\"dateTime\" : \"%s %02d:%02d:%02d\", \"value\" : {\"bpm\" : %d, \"confidence\" : 2}}",
                  s ? ",\n" : "", mmddyy.c_str(), s / 3600, s / 60 % 60, s % 60, 60 + (s / every) % 90);
    out += rec;
  }
  return out + "]";
}

Files pieces_export() {
  const std::string ex =
      R"([{"logId": 52000000001, "activityName": "Walk", "activityTypeId": 90013, "averageHeartRate": 100, "calories": 100, )"
      R"("duration": 3600000, "activeDuration": 3600000, "logType": "manual", "startTime": "05/10/24 08:00:00", "hasGps": false},)"
      R"( {"logId": 52000000002, "activityName": "Walk", "activityTypeId": 90013, "averageHeartRate": 100, "calories": 100, )"
      R"("duration": 1800000, "activeDuration": 1800000, "logType": "manual", "startTime": "05/10/24 17:00:00", "hasGps": false},)"
      R"( {"logId": 52000000003, "activityName": "Walk", "activityTypeId": 90013, "averageHeartRate": 100, "calories": 100, )"
      R"("duration": 3600000, "activeDuration": 3600000, "logType": "manual", "startTime": "05/10/24 23:30:00", "hasGps": false}])";
  return {{"Takeout/Fitbit/Global Export Data/exercise-0.json", ex},
          {"Takeout/Fitbit/Global Export Data/heart_rate-2024-05-10.json", heart_rate_day("05/10/24")},
          {"Takeout/Fitbit/Global Export Data/heart_rate-2024-05-11.json", heart_rate_day("05/11/24")}};
}

const json kPiecesOptions = json::parse(R"({"timeZone": {"name": "UTC", "transitions": [[0, 0]]}, "kinds": ["workouts", "reference"]})");

}  // namespace

// step_pieces.h: what the page sends the server of a heart-rate day for a group of workouts
// steps. The outputs are the same bytes as with the whole days, however the steps are grouped.
TEST_CASE("steps: heart-rate days sent as pieces give the same outputs", "[steps][pieces]") {
  const Files all = pieces_export();
  const json plan = json::parse(call_ok(ts::api::plan, bundle_of(kPiecesOptions, all)));
  const size_t n = plan["steps"].size();
  REQUIRE(n == 5);  // three workouts, then the two heart-rate days (reference)
  const Files one_each = run_grouped(kPiecesOptions, plan, all, std::vector<size_t>(n, 1));
  size_t pieces = 0;
  CHECK(run_grouped(kPiecesOptions, plan, all, std::vector<size_t>(n, 1), {}, false, &pieces) == one_each);
  // Every heart-rate day a workouts step lists is a piece: each reads at most its hour of it.
  size_t listed = 0;
  for (const json& st : plan["steps"])
    if (st["kind"] == "workouts")
      for (const auto& f : st["files"]) listed += f.get<std::string>().find("heart_rate-") != std::string::npos;
  CHECK(listed >= 4);
  CHECK(pieces == listed);
  // The three workouts in one group: one piece of each day, from 08:00 to 00:30 on 10 May.
  pieces = 0;
  CHECK(run_grouped(kPiecesOptions, plan, all, {3, 1, 1}, {}, false, &pieces) == one_each);
  CHECK(pieces == 2);
  // A group that also reads a day whole (the second: the third workout and the heart-rate step
  // of 10 May) sends that day whole, and 11 May, which only its workout reads, as a piece.
  pieces = 0;
  CHECK(run_grouped(kPiecesOptions, plan, all, {2, 2, 1}, {}, false, &pieces) == one_each);
  CHECK(pieces >= 2);
  {
    json group = json::array({plan["steps"][2], plan["steps"][3]});
    const json made = json::parse(call_ok(ts::api::step_pieces, bundle_of(json{{"steps", group}}, pick(all, {all[0].first, all[1].first, all[2].first}))))["pieces"];
    CHECK_FALSE(made.contains(all[1].first));
    REQUIRE(made.contains(all[2].first));
    CHECK(made[all[2].first][1].get<size_t>() * 20 < all[2].second.size());  // half an hour of 24
  }
  // The first workout alone: the piece of 10 May holds its hour (and the few records the
  // bisection reads forward from), a twentieth of the day.
  const json first = json::parse(call_ok(ts::api::step_pieces, bundle_of(json{{"steps", json::array({plan["steps"][0]})}}, pick(all, plan["steps"][0]["files"].get<std::vector<std::string>>()))))["pieces"];
  REQUIRE(first.contains(all[1].first));
  const json p = first[all[1].first];
  CHECK(p[2].get<size_t>() == all[1].second.size());
  CHECK(p[1].get<size_t>() * 20 < all[1].second.size());
  CHECK(all[1].second.substr(p[0].get<size_t>(), 2) == "{\"");
  CHECK(all[1].second[p[0].get<size_t>() + p[1].get<size_t>() - 1] == '}');
}

// What ts_step refuses of "pieces": each row a piece a client could send that the step cannot
// read as the same bytes, and why.
TEST_CASE("steps: pieces the step cannot read are refused", "[steps][pieces]") {
  const Files all = pieces_export();
  const json plan = json::parse(call_ok(ts::api::plan, bundle_of(kPiecesOptions, all)));
  const std::string day = all[1].first, exercise = all[0].first;
  const json step0 = plan["steps"][0], hr_step = plan["steps"][3];
  REQUIRE(hr_step["kind"] == "heart_rate");
  const json made = json::parse(call_ok(ts::api::step_pieces, bundle_of(json{{"steps", json::array({step0})}}, pick(all, step0["files"].get<std::vector<std::string>>()))))["pieces"];
  const size_t off = made[day][0], len = made[day][1];
  const std::string piece = all[1].second.substr(off, len);
  struct Row {
    int n;
    const char* why;
    json step;
    json pieces;
    std::string piece_data;  // what is sent for the day
    const char* contains;
  };
  const std::vector<Row> rows = {
      {1, "a heart-rate step reads its day whole: a piece of it would summarise part of the day", hr_step,
       json{{day, made[day]}}, piece, "sent as a piece: send it whole"},
      {2, "the data sent is not the piece's length (another cut of the file)", step0, json{{day, made[day]}},
       piece.substr(1), "is sent as a piece of"},
      {3, "a piece past the end of the file it names", step0, json{{day, {off, len, off + len - 1}}}, piece,
       "within the file"},
      {4, "not [offset, length, size]", step0, json{{day, {off, len}}}, piece, "within the file"},
      {5, "a piece of a file that was not sent", step0, json{{day, made[day]}, {"Takeout/x/heart_rate-2024-05-12.json", {0, 0, 0}}},
       piece, "which was not sent"},
      {6, "'pieces' not an object", step0, json::array(), piece, "must be {"},
  };
  for (const Row& r : rows) {
    INFO("pieces refusal row " << r.n << ": " << r.why);
    json opts = kPiecesOptions;
    opts["step"] = r.step;
    opts["pieces"] = r.pieces;
    Files sent = pick(all, r.step["files"].get<std::vector<std::string>>());
    for (auto& f : sent)
      if (f.first == day) f.second = r.piece_data;
    const auto res = ts::test::call(ts::api::step, bundle_of(opts, sent));
    CHECK(std::string(ts::status_name(res.status)) == "invalid_argument");
    CHECK(res.body.find(r.contains) != std::string::npos);
  }
  // A piece named for the exercise file (not a heart-rate day): refused by the workouts step.
  json opts = kPiecesOptions;
  opts["step"] = step0;
  opts["pieces"] = json{{exercise, {0, all[0].second.size(), all[0].second.size()}}};
  const auto res = ts::test::call(ts::api::step, bundle_of(opts, pick(all, step0["files"].get<std::vector<std::string>>())));
  CHECK(std::string(ts::status_name(res.status)) == "invalid_argument");
  CHECK(res.body.find("not one of its heart-rate days") != std::string::npos);
}

// A day over the server's file cap (fitbit/heart_rate_slices.h): the plan cuts it into slices,
// a step each, and the heart-rate table is the whole day's, however the slices are grouped or
// sent (as pieces); a workout reading the same day is unchanged.
TEST_CASE("steps: a heart-rate day over the file cap is read in slices, to the whole day's table", "[steps][slices]") {
  Files all = pieces_export();
  all[1].second = heart_rate_day("05/10/24", 2);  // a reading every 2 s: ~3.7 MB
  REQUIRE(all[1].second.size() > 3 * 1024 * 1024);
  const json plan = json::parse(call_ok(ts::api::plan, bundle_of(kPiecesOptions, all)));
  std::vector<json> slices;
  for (const json& st : plan["steps"])
    if (st.contains("slice")) slices.push_back(st);
  REQUIRE(slices.size() == 4);  // ceil(3.7 MB / 1 MiB)
  for (size_t i = 0; i < slices.size(); ++i) {
    CHECK(slices[i]["slice"] == json::array({i, 4}));
    CHECK(slices[i]["files"] == json::array({all[1].first}));
    CHECK(slices[i]["bytes"] == all[1].second.size());
  }
  const size_t n = plan["steps"].size();
  const Files one_each = run_grouped(kPiecesOptions, plan, all, std::vector<size_t>(n, 1));
  CHECK(run_grouped(kPiecesOptions, plan, all, {n}) == one_each);
  size_t pieces = 0;
  CHECK(run_grouped(kPiecesOptions, plan, all, std::vector<size_t>(n, 1), {}, false, &pieces) == one_each);
  CHECK(pieces >= 4 + 3);  // the four slices, and the workouts' days
  pieces = 0;
  CHECK(run_grouped(kPiecesOptions, plan, all, {1, 1, 1, 2, 2, 1}, {}, false, &pieces) == one_each);  // two slices together: that day whole
  // The table: the day's readings summarised whole, as one step reading the file would.
  ts::reference::HeartRateDays days;
  ts::fitbit::Problems unread;
  ts::tz::Zone utc;
  REQUIRE_FALSE(ts::tz::Zone::make({{0, 0}}, utc));
  for (size_t f = 1; f <= 2; ++f) REQUIRE_FALSE(ts::reference::add_heart_rate_file(all[f].first, all[f].second, false, utc, days, unread));
  const std::string want = ts::reference::heart_rate_daily_csv(days).text;
  bool found = false;
  for (const auto& [path, data] : one_each)
    if (path == "reference/heart_rate_daily.csv") {
      found = true;
      CHECK(data == want);
    }
  CHECK(found);
}
