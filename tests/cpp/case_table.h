// Replays a shared case table (tests/cases/*.json) through a boundary handler natively.
// The same file is replayed through the WASM build by tests/node/cases.test.js, so both
// targets are held to one set of numbered cases.
#pragma once
#include <fstream>
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

}  // namespace ts::test
