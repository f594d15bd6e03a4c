#include "boundary/api_ttl.h"

#include "boundary/json_args.h"
#include "core/common/json_writer.h"
#include "core/ttl/ttl.h"

namespace ts::api {

namespace {
Error parse_class(std::string_view name, ttl::RecordClass& out) {
  if (name == "upload") out = ttl::RecordClass::upload;
  else if (name == "conversion") out = ttl::RecordClass::conversion;
  else return fail(Status::invalid_argument, "field 'class' must be \"upload\" or \"conversion\"");
  return {};
}
const char* class_name(ttl::RecordClass c) {
  return c == ttl::RecordClass::upload ? "upload" : "conversion";
}
Error to_i32(const char* key, int64_t v, int32_t& out) {
  if (v < INT32_MIN || v > INT32_MAX)
    return fail(Status::invalid_argument, std::string("field '") + key + "' is out of range");
  out = static_cast<int32_t>(v);
  return {};
}
}  // namespace

Error ttl_expiry(boundary::Input in, std::string& out) {
  simdjson::dom::parser parser;
  boundary::JsonArgs args;
  if (Error e = boundary::JsonArgs::parse(parser, in, args)) return e;
  std::string_view cls_name;
  int64_t created = 0, now = 0, expires = 0;
  ttl::RecordClass cls;
  if (Error e = args.get_string("class", cls_name)) return e;
  if (Error e = parse_class(cls_name, cls)) return e;
  if (Error e = args.get_int("createdAt", created)) return e;
  if (Error e = args.get_int("now", now)) return e;
  if (Error e = ttl::expires_at(created, cls, expires)) return e;
  out.clear();
  json::Writer(out)
      .object()
      .member("expiresAt", expires)
      .member("lifetimeMs", ttl::lifetime_ms(cls))
      .member("live", ttl::is_live(expires, now))
      .member("remainingMs", ttl::remaining_ms(expires, now))
      .end();
  return {};
}

Error ttl_plan(boundary::Input in, std::string& out) {
  simdjson::dom::parser parser;
  boundary::JsonArgs args;
  if (Error e = boundary::JsonArgs::parse(parser, in, args)) return e;
  ttl::MaintenanceInput mi;
  int64_t budget = 0, rows = 0, qpb = 0;
  if (Error e = args.get_int("now", mi.now_ms)) return e;
  if (Error e = args.get_int("expiredUploads", mi.expired_uploads)) return e;
  if (Error e = args.get_int("expiredConversions", mi.expired_conversions)) return e;
  if (Error e = args.get_int("queryBudget", budget)) return e;
  if (Error e = args.get_int("batchRows", rows)) return e;
  if (Error e = args.get_int_or("queriesPerBatch", 2, qpb)) return e;
  if (Error e = to_i32("queryBudget", budget, mi.query_budget)) return e;
  if (Error e = to_i32("batchRows", rows, mi.batch_rows)) return e;
  if (Error e = to_i32("queriesPerBatch", qpb, mi.queries_per_batch)) return e;
  ttl::MaintenancePlan plan;
  if (Error e = ttl::plan_maintenance(mi, plan)) return e;
  out.clear();
  json::Writer w(out);
  w.object().member("cutoff", plan.cutoff_ms).key("batches").array();
  for (const ttl::Batch& b : plan.batches)
    w.object().member("class", class_name(b.record_class)).member("limit", b.limit).end();
  w.end().member("queries", plan.queries).member("rowsPlanned", plan.rows_planned).member("complete", plan.complete).end();
  return {};
}

}  // namespace ts::api
