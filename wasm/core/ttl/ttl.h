// TTL rules for everything TrackerSync stores on a person's behalf.
//
// Terms, defined once:
//   record class  — what a row is: an upload (the person's export files) or a conversion
//                   (the Garmin-ready outputs). Each class has one fixed lifetime.
//   expires_at    — created_at + lifetime, in Unix milliseconds. A row is *live* strictly
//                   before expires_at; at expires_at it is already gone for every reader.
//   maintenance   — the cron job that physically deletes expired rows. Reads never wait for
//                   it: they filter on `expires_at > now`, so an expired row is missing the
//                   instant it expires, and deletion is only about reclaiming space.
//   batch         — one bounded DELETE of at most `batch_rows` expired rows of one class,
//                   together with their file-chunk rows. Costs `queries_per_batch` D1 queries.
//
// Pure: `now` is always an argument; nothing here reads a clock.
#pragma once
#include <cstdint>
#include <vector>

#include "core/common/status.h"

namespace ts::ttl {

enum class RecordClass : int32_t { upload = 0, conversion = 1 };

inline constexpr int64_t kUploadLifetimeMs = 3600LL * 1000;      // 1 hour
inline constexpr int64_t kConversionLifetimeMs = 7200LL * 1000;  // 2 hours

int64_t lifetime_ms(RecordClass c);

// Fails (invalid_argument) for a negative created_at or one so large the sum would overflow.
Error expires_at(int64_t created_at_ms, RecordClass c, int64_t& out_expires_at_ms);

// Live means strictly before expiry: the same predicate as SQL `expires_at > ?now`.
bool is_live(int64_t expires_at_ms, int64_t now_ms);

// Milliseconds a live row has left (0 when expired). Used for Cache-Control and the UI.
int64_t remaining_ms(int64_t expires_at_ms, int64_t now_ms);

struct MaintenanceInput {
  int64_t now_ms = 0;
  // How many expired rows each class is known to have (from a bounded COUNT, capped by the
  // caller). A count larger than what one run can delete is normal: the rest waits for the
  // next run, oldest first.
  int64_t expired_uploads = 0;
  int64_t expired_conversions = 0;
  int32_t query_budget = 0;       // D1 queries this run may spend on deletion
  int32_t batch_rows = 0;         // rows per DELETE ... LIMIT
  int32_t queries_per_batch = 2;  // file-chunk delete + metadata delete
};

struct Batch {
  RecordClass record_class;
  int32_t limit;  // delete at most this many expired metadata rows (and their chunks)
};

struct MaintenancePlan {
  int64_t cutoff_ms = 0;  // delete rows with expires_at <= cutoff_ms
  std::vector<Batch> batches;
  int32_t queries = 0;       // queries the batches will spend (≤ query_budget)
  int64_t rows_planned = 0;  // metadata rows the batches can delete at most
  bool complete = false;     // true when the batches cover every known expired row
};

// Plans one maintenance run. Uploads go first: they hold the person's raw export, which is
// the most sensitive data and the largest, so they are the first to be reclaimed. Conversions
// get whatever budget is left. Never plans a batch for a class with nothing expired, and never
// exceeds the query budget.
Error plan_maintenance(const MaintenanceInput& in, MaintenancePlan& out);

}  // namespace ts::ttl
