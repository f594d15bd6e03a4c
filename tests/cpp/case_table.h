// Replays a shared case table (tests/cases/*.json) through a boundary handler natively.
// The same file is replayed through the WASM build by tests/node/cases.test.js, so both
// targets are held to one set of numbered cases.
#pragma once
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "boundary/abi.h"
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

// Replays every case of a table: each becomes a SECTION named by its number and reason; an
// "error" case checks the status name and a fragment of the message, any other case compares
// the whole response object.
inline void replay_table(const std::string& file, const std::function<boundary::Handler(const std::string&)>& handler_for,
                         size_t min_cases) {
  const nlohmann::json table = load_cases(file);
  REQUIRE(table["cases"].size() >= min_cases);
  for (const nlohmann::json& c : table["cases"]) {
    const std::string label = "case " + std::to_string(c["n"].get<int>()) + ": " + c["why"].get<std::string>();
    SECTION(label) {
      INFO(label);
      auto h = handler_for(c["op"].get<std::string>());
      REQUIRE(h != nullptr);
      const std::string request = c.contains("rawIn") ? c["rawIn"].get<std::string>() : c["in"].dump();
      const auto reply = call(h, request);
      if (c.contains("error")) {
        CHECK(std::string(status_name(reply.status)) == c["error"]["status"].get<std::string>());
        CHECK(reply.body.find(c["error"]["contains"].get<std::string>()) != std::string::npos);
      } else {
        REQUIRE(reply.status == Status::ok);
        INFO(reply.body);
        CHECK(nlohmann::json::parse(reply.body) == c["out"]);
      }
    }
  }
}

}  // namespace ts::test
