#include "boundary/zone_arg.h"

#include <algorithm>

namespace ts::boundary {

Error read_time_zone(simdjson::dom::object options, UtcOffsets& out, std::string& name) {
  simdjson::dom::element tz;
  if (options["timeZone"].get(tz) || tz.is_null()) return {};
  simdjson::dom::object o;
  if (tz.get_object().get(o)) return fail(Status::invalid_argument, "field 'timeZone' must be an object");
  std::string_view n;
  if (!o["name"].get_string().get(n)) name = std::string(n);
  simdjson::dom::array arr;
  if (o["transitions"].get_array().get(arr)) return {};
  for (simdjson::dom::element t : arr) {
    simdjson::dom::array pair;
    int64_t at, off;
    if (t.get_array().get(pair) || pair.size() != 2 || pair.at(0).get_int64().get(at) ||
        pair.at(1).get_int64().get(off) || off < -18 * 3600 || off > 18 * 3600)
      return fail(Status::invalid_argument, "field 'timeZone.transitions' must hold [utcSec, offsetSec] pairs");
    out.transitions.emplace_back(at, static_cast<int32_t>(off));
  }
  if (!std::is_sorted(out.transitions.begin(), out.transitions.end()))
    return fail(Status::invalid_argument, "field 'timeZone.transitions' must be in ascending order");
  return {};
}

}  // namespace ts::boundary
