#include "core/convert/report_json.h"

#include <algorithm>

#include "core/common/civil_time.h"

namespace ts::convert {

namespace {
// "2023-03-12 02:30:00, 2024-03-10 02:15:00 and 4 more": the clock times as the weight logs
// write them (local), the first few of `count`.
std::string clock_times(const std::vector<int64_t>& named, int count) {
  std::string out;
  for (size_t i = 0; i < named.size(); ++i) {
    std::string t = civil::iso_local(named[i]);
    std::replace(t.begin(), t.end(), 'T', ' ');
    out += (i == 0 ? "" : (i + 1 == named.size() && static_cast<size_t>(count) == named.size() ? " and " : ", ")) + t;
  }
  if (static_cast<size_t>(count) > named.size()) out += " and " + std::to_string(count - static_cast<int>(named.size())) + " more";
  return out;
}
}  // namespace

void write_unit(json::Writer& w, const weight::UnitDecision& d) {
  w.object().member("value", weight::unit_name(d.unit)).member("decidedBy", d.decided_by).member("conflict", d.conflict);
  w.key("evidence").array();
  for (const weight::Evidence& e : d.evidence) {
    w.object().member("source", e.source).member("kg", e.kg).member("lb", e.lb).member("of", e.of).key("verdict");
    if (e.verdict) w.value(weight::unit_name(*e.verdict));
    else w.null();
    if (!e.height.empty()) w.member("height", e.height);
    w.end();
  }
  w.end().end();
}

void write_skipped(json::Writer& w, const fitbit::Problems& problems) {
  w.array();
  for (const fitbit::Problem& p : problems) {
    w.object().member("source", p.file);
    if (p.index >= 0) w.member("index", p.index);
    w.member("reason", p.reason).end();
  }
  w.end();
}

void write_skipped_files(json::Writer& w, const fitbit::SkipList& skipped) {
  w.array();
  for (const fitbit::SkipGroup& g : skipped.groups()) {
    w.object()
        .member("code", fitbit::skip_code(g.reason))
        .member("reason", fitbit::skip_sentence(g.reason))
        .member("files", g.files)
        .key("paths");
    write_strings(w, g.paths);
    w.end();
  }
  w.end();
}

void write_weigh_in_sources(json::Writer& w, const WeightPlan& plan) {
  const weight::MergedSources& m = plan.merged;
  w.object()
      .member("json", m.logs)
      .member("csv", m.rows)
      .member("matched", m.pairs.size())
      .member("jsonOnly", m.json_only.size())
      .member("csvOnly", m.csv_only.size())
      .member("duplicates", m.duplicate_logs + m.duplicate_rows)
      .end();
}

void write_zone_evidence(json::Writer& w, const WeightPlan& plan, const Options& options) {
  w.object().key("periods").array();
  for (const tz::OffsetPeriod& p : plan.periods) {
    w.object()
        .member("from", civil::iso_utc(p.first_utc))
        .member("to", civil::iso_utc(p.last_utc))
        .member("offset", tz::offset_text(p.offset_sec))
        .member("weighIns", p.observations - p.workouts)
        .member("workouts", p.workouts)
        .key("agrees");
    if (!options.zone) w.null();
    else w.value(p.disagreeing == 0);
    w.end();
  }
  w.end().key("comparedWith");
  if (options.zone && options.zone_name) w.value(*options.zone_name);
  else w.null();
  w.member("explicit", options.zone_explicit).end();
}

void write_strings(json::Writer& w, const std::vector<std::string>& items) {
  w.array();
  for (const std::string& s : items) w.value(s);
  w.end();
}

void weight_warnings(const weight::UnitDecision& unit, const weight::WeighIns& w, std::vector<std::string>& out) {
  if (unit.mixed) {
    std::string said;
    for (const weight::Evidence& e : unit.evidence)
      if (weight::says_mixed(e))
        said += (said.empty() ? "" : ", ") + e.source + ": " + std::to_string(e.kg) + " weigh-ins agree with kg, " +
                std::to_string(e.lb) + " with lb";
    out.push_back("weight unit: the weigh-ins read right in both units (" + said +
                  "): files in two units, as when exports made before and after the account's unit changed are given "
                  "together. Every one was read in " + weight::unit_name(unit.unit) + " (" + unit.decided_by +
                  "): check a few values, and when some are wrong whichever unit is set, convert each export on its own");
  } else if (unit.conflict && unit.decided_by == "default") {
    std::string said;
    for (const weight::Evidence& e : unit.evidence)
      if (e.kg > 0 && e.lb > 0)
        said += (said.empty() ? "" : ", ") + e.source + ": " + std::to_string(e.kg) + " weigh-ins agree with kg, " +
                std::to_string(e.lb) + " with lb";
    out.push_back("weight unit: the export's evidence points both ways (" + said +
                  "); pounds assumed. Check one value, and set the unit if it is wrong");
  } else if (unit.conflict && unit.decided_by != "option") {
    std::string said;
    for (const weight::Evidence& e : unit.evidence)
      if (e.verdict) said += (said.empty() ? "" : ", ") + e.source + " says " + weight::unit_name(*e.verdict);
    out.push_back("weight unit: the export's evidence disagrees (" + said + "); " + unit.decided_by +
                  ", the strongest, decided. Check one value, and set the unit if it is wrong");
  } else if (unit.neither && unit.decided_by != "option") {
    std::string said;
    for (const weight::Evidence& e : unit.evidence)
      if (weight::says_neither(e))
        said += (said.empty() ? "" : ", ") + e.source + ": " + std::to_string(e.kg + e.lb) + " of " + std::to_string(e.of);
    out.push_back("weight unit: the weigh-ins read right in neither kilograms nor pounds (" + said +
                  " agree with either); " + weight::unit_name(unit.unit) + " assumed (" + unit.decided_by +
                  "). They may be in another unit, such as stones: check one value against what your scale showed");
  } else if (unit.decided_by == "default")
    out.push_back("weight unit: no evidence either way; pounds assumed (what Fitbit exports use). Check one value, and "
                  "set the unit if it is wrong");
  if (unit.evidence_disagrees)
    out.push_back(std::string("weight unit: the chosen unit (") + weight::unit_name(unit.unit) +
                  ") contradicts the export's own evidence; check one value");
  if (w.duplicates > 0) out.push_back(std::to_string(w.duplicates) + " duplicate weigh-ins removed (the same weigh-in written twice)");
  if (w.same_instant > 0)
    out.push_back(std::to_string(w.same_instant) +
                  " weigh-in(s) share their time with another of a different weight or body composition; both are "
                  "written, and Garmin Connect may keep only one: check those times");
  if (w.from_garmin > 0)
    out.push_back(std::to_string(w.from_garmin) +
                  " weigh-in(s) came into Fitbit from Garmin (their data source names Garmin, such as a Garmin scale "
                  "through Health Connect): Garmin Connect may hold them already, and importing these files adds each "
                  "again. Check Garmin Connect's weight history before importing");
  if (w.fat_unmatched > 0)
    out.push_back(std::to_string(w.fat_unmatched) +
                  " body-fat reading(s) of body_fat*.csv are at no weigh-in's time (within a minute) and were left out: "
                  "a FIT weight record needs a weight");
  if (w.fat_other > 0)
    out.push_back(std::to_string(w.fat_other) +
                  " body-fat reading(s) of body_fat*.csv were left out: the weigh-in each belongs to holds another "
                  "(its weight log's own, else the nearest row; of two as near, the earlier, and at one second the "
                  "lower), as a FIT weight record holds one, and two scales or apps measured it");
  if (w.nonexistent > 0)
    out.push_back(std::to_string(w.nonexistent) + (w.nonexistent == 1 ? " weigh-in" : " weigh-ins") +
                  " fell in a daylight-saving gap (a clock time that did not exist: " +
                  clock_times(w.nonexistent_at, w.nonexistent) + "); read with the offset before the change");
  if (w.ambiguous > 0)
    out.push_back(std::to_string(w.ambiguous) + (w.ambiguous == 1 ? " weigh-in" : " weigh-ins") +
                  " fell in a repeated hour when clocks went back (" + clock_times(w.ambiguous_at, w.ambiguous) +
                  "); the first occurrence was used");
}

void written_clock_warning(size_t placed, const WeightPlan& plan, const Options& options, std::vector<std::string>& out) {
  if (placed == 0) return;
  const std::string zone = options.zone_name ? *options.zone_name : std::string("the zone used");
  // The zone in effect places them (weight_plan.h): the export's own offsets where they show,
  // unless the zone was chosen (helper finding: the warning named the profile's New York while
  // the weigh-ins' +11:00 placed the workout).
  const std::string where = !plan.periods.empty() && !options.zone_explicit
                                ? "in the zone in effect: the export's own UTC offsets around it where they show (the "
                                  "time zone evidence), " + zone + " elsewhere"
                                : "in " + zone;
  out.push_back(std::to_string(placed) +
                " workout(s) have a start written in local time (read as UTC, as exercise records are, each would end "
                "after the record was last changed; such records are logged by hand in Fitbit's app): placed at that "
                "local time " + where + ". Check one of them in Garmin Connect");
}

void zone_warnings(const WeightPlan& plan, const Options& options, const std::string& profile_zone, const std::string& profile_file, bool utc_records,
                   std::vector<std::string>& out) {
  if (!options.zone) return;
  if (plan.periods.empty()) {
    // Nothing in the export says where its person was: each UTC time is placed in the one
    // zone, so a trip's days and workouts are placed at home time (helper finding: a year
    // with six months in UTC+7 and no scale, 185 of 400 days' steps summed into New York
    // days, without a word; with weigh-ins the same export's offsets were followed and said).
    // A zone the person chose is theirs to know.
    // Weigh-ins only the weight logs hold have a clock time and no instant: the zone places
    // them too (helper finding: an account archive without Profile.csv had its 180 weigh-ins
    // placed in the fallback zone, UTC, ten hours off, without a word; a traveller without
    // weight.csv, 129 of 810 twelve hours off).
    const size_t local_weigh_ins = plan.merged.json_only.size();
    if ((!utc_records && local_weigh_ins == 0) || options.zone_explicit) return;
    const std::string name = options.zone_name ? *options.zone_name : std::string("the zone used");
    const bool profile = options.zone_name && *options.zone_name == profile_zone;
    std::string placed;
    if (utc_records) placed = "every workout and the steps and distance of every day, which Fitbit records in UTC";
    if (local_weigh_ins > 0)
      placed += std::string(placed.empty() ? "" : ", and ") + "the " + std::to_string(local_weigh_ins) +
                (local_weigh_ins == 1 ? " weigh-in" : " weigh-ins") +
                " only the weight logs hold, which Fitbit wrote in the clock time of wherever they were made";
    std::string w = "time zone: nothing in the export shows the UTC offsets it was recorded at (they come from weigh-ins "
                    "found in both weight.csv and the weight logs, or from Google's list of workouts), so " + name +
                    (profile ? " (" + profile_file + ")" : "") + " places " + placed +
                    ": those recorded while in another zone are placed at " + name + " time";
    // No zone named by the export at all: the one used was the fallback (the computer's zone on
    // the page and in the CLI, fallbackTimeZone over the API), a guess.
    if (profile_zone.empty())
      w += ". The export names no time zone (it has no Profile.csv), so " + name +
           " is a guess: if it is not where you lived, convert again with yours (on the page, the time zone field; in "
           "the CLI, --tz; over the API, timeZone)";
    out.push_back(std::move(w));
    return;
  }
  size_t disagree = 0, total = 0, workouts = 0;
  int64_t from = 0, to = 0;
  std::vector<int32_t> offsets;
  for (const tz::OffsetPeriod& p : plan.periods) {
    total += p.observations;
    workouts += p.workouts;
    if (p.disagreeing == 0) continue;
    if (disagree == 0) from = p.first_utc;
    to = p.last_utc;
    disagree += p.disagreeing;
    if (std::find(offsets.begin(), offsets.end(), p.offset_sec) == offsets.end()) offsets.push_back(p.offset_sec);
  }
  if (disagree == 0) return;
  std::string seen;
  for (int32_t o : offsets) seen += (seen.empty() ? "UTC" : ", UTC") + tz::offset_text(o);
  const std::string name = options.zone_name ? *options.zone_name : std::string("the chosen zone");
  const std::string named = name + (options.zone_name && *options.zone_name == profile_zone && !options.zone_explicit
                                         ? " (" + profile_file + ")" : "");
  // What the offsets came from, named as they are: weigh-ins, Google's listed workouts, or both.
  const char* seen_in = workouts == 0 ? " weigh-ins found in both weight.csv and the weight logs"
                        : workouts == total ? " workouts in Google's list of workouts (UserExercises, its utc_offset)"
                                            : " of the export's own offsets (weigh-ins found in both weight.csv and the weight "
                                              "logs, and workouts in Google's list)";
  std::string w = std::to_string(disagree) + " of " + std::to_string(total) + seen_in + " show a UTC offset " + named +
                  " does not have at that moment (" + seen + ", between " + civil::iso_date(from) + " and " +
                  civil::iso_date(to) + "); ";
  if (options.zone_explicit)
    // How to follow them instead, in each way's terms (helper finding: the page's zone field is
    // never empty, and "leave the zone unset" could not be done there).
    w += name + " was used for every local time, as chosen; to follow the export's own offsets instead, convert without "
         "choosing a zone (on the page, the zone it filled in; in the CLI, no --tz; over the API, fallbackTimeZone "
         "instead of timeZone)";
  else
    w += "the export's own offsets were used for the weigh-ins and local times around them, " + name + " elsewhere";
  out.push_back(std::move(w));
}

}  // namespace ts::convert
