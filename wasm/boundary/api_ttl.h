// JSON adapters for the TTL rules (core/ttl). Requests and responses are documented in
// tests/cases/ttl.json, which both the native and the WASM test runs replay.
#pragma once
#include "boundary/abi.h"

namespace ts::api {

// {"class":"upload"|"conversion","createdAt":ms,"now":ms}
//   -> {"expiresAt":ms,"lifetimeMs":ms,"live":bool,"remainingMs":ms}
Error ttl_expiry(boundary::Input in, std::string& out);

// {"now":ms,"expiredUploads":n,"expiredConversions":n,"queryBudget":n,"batchRows":n,
//  "queriesPerBatch"?:n}
//   -> {"cutoff":ms,"batches":[{"class":"upload","limit":n}],"queries":n,"rowsPlanned":n,
//       "complete":bool}
Error ttl_plan(boundary::Input in, std::string& out);

}  // namespace ts::api
