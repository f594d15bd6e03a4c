// Status codes shared by every core module and the WASM boundary.
//
// The core is built with -fno-exceptions, so failures travel as values: a Status plus a
// human-readable message. The numbers are part of the JS contract (worker-shim/shared/core.js maps
// them to CoreError.code) — append, never renumber.
#pragma once
#include <cstdint>
#include <string>
#include <utility>

namespace ts {

enum class Status : int32_t {
  ok = 0,
  format = 1,       // input is not what it claims to be (bad JSON, truncated FIT, bad record)
  integrity = 2,    // input is well-formed but inconsistent (CRC mismatch, impossible values)
  unsupported = 3,  // valid input we deliberately do not handle
  capacity = 4,     // input exceeds a configured bound (too many records, too large)
  invalid_argument = 5,  // the caller (JS, CLI) passed options the core cannot use
};

const char* status_name(Status s);

// A failure: which kind, and a message a person can act on. Never contains personal values
// from the input (weights, dates) — only structure (file names, record indices, field names).
struct Error {
  Status status = Status::ok;
  std::string message;
  explicit operator bool() const { return status != Status::ok; }
};

inline Error fail(Status s, std::string message) { return Error{s, std::move(message)}; }

}  // namespace ts
