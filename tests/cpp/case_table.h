// Replays a shared case table (tests/cases/*.json) through a boundary handler natively.
// The same file is replayed through the WASM build by tests/node/cases.test.js, so both
// targets are held to one set of numbered cases.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "boundary/abi.h"
#include "core/convert/bundle.h"
#include "simdjson.h"

namespace ts::test {

inline nlohmann::json load_cases(const std::string& name) {
  std::ifstream f(std::string(TS_CASES_DIR) + "/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  return nlohmann::json::parse(ss.str());
}

struct Reply {
  Status status;
  std::string body;
};

// Calls a handler exactly as run() does for WASM: padded input, status + bytes out.
inline Reply call(boundary::Handler h, const std::string& request) {
  simdjson::padded_string padded(request);
  std::string out;
  Error e = h(boundary::Input{reinterpret_cast<const uint8_t*>(padded.data()), padded.size()}, out);
  if (e) return {e.status, e.message};
  return {Status::ok, out};
}

// A bundle's files as (path, bytes), for tests that build and read TSB1 bundles by hand.
using Files = std::vector<std::pair<std::string, std::string>>;

// A TSB1 bundle of `files`, with `options` (null: none).
inline std::string bundle_of(const nlohmann::json& options, const Files& files) {
  convert::BundleWriter w(options.is_null() ? std::string() : options.dump());
  for (const auto& [name, data] : files) w.add(name, data);
  return w.finish();
}

// A TSB1 bundle's files, in order (a bundle that does not decode fails the test).
inline Files files_of_bundle(const std::string& bytes) {
  convert::BundleView v;
  REQUIRE_FALSE(convert::decode_bundle(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), 0, v));
  Files out;
  for (const auto& f : v.files) out.emplace_back(std::string(f.name), std::string(f.data));
  return out;
}

// The handler's output, which must be a success (its error message shown otherwise).
inline std::string call_ok(boundary::Handler h, const std::string& input) {
  const Reply r = call(h, input);
  INFO(r.body);
  REQUIRE(r.status == Status::ok);
  return r.body;
}

// Ops whose input is a TSB1 bundle (ts_validate, ts_convert): the case writes it as
// {"options": {…}, "files": [{"name", "text" or "hex"}]}, and a conversion's output bundle is compared
// as {"manifest": manifest.json parsed, "importTxt": IMPORT.txt's lines, "files": [paths]}.
inline bool takes_bundle(const std::string& op) { return op == "validate" || op == "convert"; }

// A file's bytes: "text" (UTF-8), or "hex" for bytes that are not UTF-8 text (a UTF-16 file).
inline std::string file_bytes(const nlohmann::json& f) {
  if (!f.contains("hex")) return f["text"].get<std::string>();
  const std::string hex = f["hex"].get<std::string>();
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

inline std::string bundle_request(const nlohmann::json& in) {
  convert::BundleWriter w(in.contains("options") ? in["options"].dump() : std::string());
  for (const auto& f : in["files"]) w.add(f["name"].get<std::string>(), file_bytes(f));
  return w.finish();
}

inline nlohmann::json bundle_reply(const std::string& body) {
  convert::BundleView view;
  REQUIRE_FALSE(convert::decode_bundle(reinterpret_cast<const uint8_t*>(body.data()), body.size(), 0, view));
  nlohmann::json out = {{"files", nlohmann::json::array()}, {"importTxt", nlohmann::json::array()}};
  for (const auto& f : view.files) {
    out["files"].push_back(std::string(f.name));
    if (f.name == "manifest.json") out["manifest"] = nlohmann::json::parse(f.data);
    if (f.name == "IMPORT.txt") {
      std::string_view t = f.data;
      while (!t.empty()) {
        const size_t nl = std::min(t.find('\n'), t.size());
        out["importTxt"].push_back(std::string(t.substr(0, nl)));
        t.remove_prefix(std::min(nl + 1, t.size()));
      }
    }
  }
  return out;
}

// Replays every case of a table through the handler its "op" names: one SECTION per case,
// every output field compared (whole-object equality), errors by status and message part.
inline void replay_table(const std::string& name, boundary::Handler (*handler_for)(const std::string& op),
                         size_t min_cases) {
  const nlohmann::json table = load_cases(name);
  REQUIRE(table["cases"].size() >= min_cases);
  for (const nlohmann::json& c : table["cases"]) {
    const std::string label = name + " case " + std::to_string(c["n"].get<int>()) + ": " + c["why"].get<std::string>();
    SECTION(label) {
      INFO(label);
      auto h = handler_for(c["op"].get<std::string>());
      REQUIRE(h != nullptr);
      const std::string op = c["op"].get<std::string>();
      const std::string request =
          c.contains("rawIn") ? c["rawIn"].get<std::string>() : takes_bundle(op) ? bundle_request(c["in"]) : c["in"].dump();
      const auto reply = call(h, request);
      if (c.contains("error")) {
        CHECK(std::string(status_name(reply.status)) == c["error"]["status"].get<std::string>());
        CHECK(reply.body.find(c["error"]["contains"].get<std::string>()) != std::string::npos);
      } else {
        INFO(reply.body);
        REQUIRE(reply.status == Status::ok);
        if (op == "convert") CHECK(bundle_reply(reply.body) == c["out"]);
        else CHECK(nlohmann::json::parse(reply.body) == c["out"]);
      }
    }
  }
}

}  // namespace ts::test
