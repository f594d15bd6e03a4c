#include "core/convert/planned_zone.h"

#include <string>

namespace ts::convert {

void write_planned_zone(json::Writer& w, const Options& o) {
  w.key("plannedZone");
  if (!o.zone) {
    w.null();
    return;
  }
  w.object().key("name");
  if (o.zone_name) w.value(*o.zone_name);
  else w.null();
  w.member("explicit", o.zone_explicit).end();
}

Error check_planned_zone(simdjson::dom::element holder, const Options& options, const char* who) {
  simdjson::dom::element planned;
  if (holder["plannedZone"].get(planned)) return {};
  std::string_view name;
  bool explicit_zone = false, named = false;
  const bool had_zone = !planned.is_null();
  if (had_zone) {
    simdjson::dom::element n;
    if (planned["name"].get(n) || planned["explicit"].get_bool().get(explicit_zone) || (!n.is_null() && n.get_string().get(name)))
      return fail(Status::invalid_argument, std::string(who) + ": 'plannedZone' must be {name, explicit} or null");
    named = !n.is_null();
  }
  const bool same = had_zone == options.zone.has_value() &&
                    (!had_zone || (named == options.zone_name.has_value() && (!named || *options.zone_name == name) &&
                                   options.zone_explicit == explicit_zone));
  if (same) return {};
  const std::string planned_text = had_zone ? (named ? std::string(name) : std::string("an unnamed zone")) : std::string("none");
  const std::string given = options.zone ? (options.zone_name ? *options.zone_name : std::string("an unnamed zone")) : std::string("none");
  return fail(Status::invalid_argument,
              std::string(who) + " comes from a plan made with another timeZone than these options (" + planned_text + " vs " +
                  given + (had_zone && options.zone && planned_text == given ? ", chosen explicitly or not" : "") +
                  "): make the plan with the conversion's own options, timeZone included — the export's own UTC offsets "
                  "are weighed against that zone there");
}

}  // namespace ts::convert
