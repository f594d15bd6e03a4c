// Reading a JSON request at the boundary: typed field access that reports what is wrong in
// words a caller can fix ("field 'createdAt' must be an integer"), never aborts.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "boundary/abi.h"
#include "simdjson.h"

namespace ts::boundary {

// Requests are small option objects; a larger one is refused with a capacity error instead
// of letting the DOM parser allocate ~10x its size (which would exhaust WASM memory).
inline constexpr size_t kMaxRequestBytes = 1 << 20;

class JsonArgs {
 public:
  // Parses `in` as a JSON object. `parser` must outlive the JsonArgs (it owns the document).
  static Error parse(simdjson::dom::parser& parser, Input in, JsonArgs& out);

  bool has(std::string_view key) const;
  Error get_int(std::string_view key, int64_t& out) const;
  Error get_int_or(std::string_view key, int64_t fallback, int64_t& out) const;
  Error get_string(std::string_view key, std::string_view& out) const;
  simdjson::dom::object object() const { return obj_; }

 private:
  simdjson::dom::object obj_;
};

}  // namespace ts::boundary
