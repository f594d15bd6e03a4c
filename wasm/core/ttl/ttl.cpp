#include "core/ttl/ttl.h"

#include <algorithm>
#include <limits>

namespace ts::ttl {

int64_t lifetime_ms(RecordClass c) {
  return c == RecordClass::upload ? kUploadLifetimeMs : kConversionLifetimeMs;
}

Error expires_at(int64_t created_at_ms, RecordClass c, int64_t& out) {
  if (c != RecordClass::upload && c != RecordClass::conversion)
    return fail(Status::invalid_argument, "unknown record class");
  if (created_at_ms < 0)
    return fail(Status::invalid_argument, "created_at must not be negative");
  const int64_t life = lifetime_ms(c);
  if (created_at_ms > std::numeric_limits<int64_t>::max() - life)
    return fail(Status::invalid_argument, "created_at is too large");
  out = created_at_ms + life;
  return {};
}

bool is_live(int64_t expires_at_ms, int64_t now_ms) { return expires_at_ms > now_ms; }

int64_t remaining_ms(int64_t expires_at_ms, int64_t now_ms) {
  return is_live(expires_at_ms, now_ms) ? expires_at_ms - now_ms : 0;
}

namespace {
// Adds batches for one class, returning how many queries they used.
int32_t add_batches(RecordClass c, int64_t expired, int32_t budget, const MaintenanceInput& in,
                    MaintenancePlan& out) {
  int32_t used = 0;
  while (expired > 0 && budget - used >= in.queries_per_batch) {
    const int32_t limit = static_cast<int32_t>(std::min<int64_t>(expired, in.batch_rows));
    out.batches.push_back({c, limit});
    out.rows_planned += limit;
    expired -= limit;
    used += in.queries_per_batch;
  }
  return used;
}
}  // namespace

Error plan_maintenance(const MaintenanceInput& in, MaintenancePlan& out) {
  out = MaintenancePlan{};
  if (in.now_ms < 0) return fail(Status::invalid_argument, "now must not be negative");
  if (in.expired_uploads < 0 || in.expired_conversions < 0)
    return fail(Status::invalid_argument, "expired counts must not be negative");
  if (in.query_budget < 0) return fail(Status::invalid_argument, "query budget must not be negative");
  if (in.batch_rows <= 0) return fail(Status::invalid_argument, "batch_rows must be positive");
  if (in.queries_per_batch <= 0)
    return fail(Status::invalid_argument, "queries_per_batch must be positive");

  // A row with expires_at == now is already invisible to readers (is_live is strict), so it
  // is also eligible for deletion.
  out.cutoff_ms = in.now_ms;
  int32_t used = add_batches(RecordClass::upload, in.expired_uploads, in.query_budget, in, out);
  used += add_batches(RecordClass::conversion, in.expired_conversions, in.query_budget - used, in, out);
  out.queries = used;
  out.complete = out.rows_planned == in.expired_uploads + in.expired_conversions;
  return {};
}

}  // namespace ts::ttl
