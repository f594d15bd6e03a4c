#include "boundary/json_args.h"

namespace ts::boundary {

namespace {
std::string field(std::string_view key) { return "field '" + std::string(key) + "'"; }
}  // namespace

Error JsonArgs::parse(simdjson::dom::parser& parser, Input in, JsonArgs& out) {
  if (in.len > kMaxRequestBytes) return fail(Status::capacity, "request is larger than 1 MiB");
  simdjson::dom::element doc;
  // realloc_if_needed=false: the ABI guarantees kInputPadding bytes after the input.
  if (parser.parse(reinterpret_cast<const char*>(in.data), in.len, false).get(doc))
    return fail(Status::format, "request is not valid JSON");
  if (doc.get_object().get(out.obj_)) return fail(Status::format, "request must be a JSON object");
  return {};
}

bool JsonArgs::has(std::string_view key) const {
  simdjson::dom::element e;
  return !obj_[key].get(e) && !e.is_null();
}

Error JsonArgs::get_int(std::string_view key, int64_t& out) const {
  simdjson::dom::element e;
  if (obj_[key].get(e) || e.is_null()) return fail(Status::invalid_argument, field(key) + " is required");
  if (e.get_int64().get(out)) return fail(Status::invalid_argument, field(key) + " must be an integer");
  return {};
}

Error JsonArgs::get_int_or(std::string_view key, int64_t fallback, int64_t& out) const {
  if (!has(key)) {
    out = fallback;
    return {};
  }
  return get_int(key, out);
}

Error JsonArgs::get_string(std::string_view key, std::string_view& out) const {
  simdjson::dom::element e;
  if (obj_[key].get(e) || e.is_null()) return fail(Status::invalid_argument, field(key) + " is required");
  if (e.get_string().get(out)) return fail(Status::invalid_argument, field(key) + " must be a string");
  return {};
}

}  // namespace ts::boundary
