#include "boundary/zone_arg.h"

#include <vector>

namespace ts::boundary {

Error read_time_zone(simdjson::dom::object request, tz::Zone& out) {
  std::vector<tz::Transition> list;
  simdjson::dom::element tz_el;
  if (!request["timeZone"].get(tz_el) && !tz_el.is_null()) {
    simdjson::dom::array arr;
    if (tz_el["transitions"].get_array().get(arr))
      return fail(Status::invalid_argument, "field 'timeZone.transitions' must be an array of [utcSec, offsetSec]");
    for (simdjson::dom::element t : arr) {
      simdjson::dom::array pair;
      int64_t at = 0, off = 0;
      if (t.get_array().get(pair) || pair.size() != 2 || pair.at(0).get_int64().get(at) || pair.at(1).get_int64().get(off) ||
          off < -tz::kMaxOffsetSec || off > tz::kMaxOffsetSec)
        return fail(Status::invalid_argument, "field 'timeZone.transitions' must hold [utcSec, offsetSec] pairs");
      list.push_back({at, static_cast<int32_t>(off)});
    }
  }
  if (list.empty()) list.push_back({0, 0});
  return tz::Zone::make(std::move(list), out);
}

}  // namespace ts::boundary
