// UTC-offset transitions of an IANA time zone, derived with Intl (the Worker and the browser
// have no tz database of their own; the C++ core takes transitions as input). The CLI
// derives the same table from the system's zoneinfo with the same scan (wasm/cli/zoneinfo.cpp);
// tests/node/tz.test.js checks the two agree.
//
// Output: [[utcSec, offsetSec], …] — the offset in force from that UTC second on; the first
// entry covers all earlier time. Only real offset changes are listed (a change of name or of
// the DST flag alone does not move any clock).
//
// The scan samples the offset every STEP seconds and bisects to the exact second where it
// changes. Two changes closer than STEP would be missed; real zones change at most a few
// times a year and never twice within a week (the closest pairs, e.g. Morocco's Ramadan
// suspension, are about a month apart).
export const STEP_SEC = 7 * 86400;

// Per zone, one formatter that prints the UTC offset ("…, GMT-05:00"): the cheapest question
// Intl answers (about 2 µs, a quarter of formatToParts with every date field), and the scan
// asks it about a thousand times for ten years.
// Bounded like the transitions cache below: Intl accepts every letter case of a name
// ("america/NEW_york") and any "+hh:mm" offset as a zone, so the names a client can send are
// practically unlimited, and one formatter per name kept for the isolate's life let requests
// grow its memory without end.
export const FORMATTERS_MAX = 64;
const formatters = new Map();
function formatter(zone) {
  const name = canonicalName(zone);
  let f = formatters.get(name);
  if (!f) {
    // Throws RangeError for an unknown zone name.
    f = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "longOffset" });
    if (formatters.size >= FORMATTERS_MAX) formatters.clear();
    formatters.set(name, f);
  }
  return f;
}

// A zone name in Intl's own letter case ("aMeRiCa/NeW_YoRk" is "America/New_York"), so that a
// name sent in another case is not another zone to build a formatter and scan years for
// (attack finding: seventy variants flushed every client's formatters and years). The zones
// Intl lists are looked up (made once per isolate; only ASCII letters folded, as Intl does: a
// Kelvin sign is no "k"); a name Intl takes but does not list (Asia/Kolkata, UTC, US/Eastern,
// Etc/GMT+5 in today's V8) is resolved by Intl itself, each name once, kept in a map bounded
// like the formatters (review finding: kept as sent, its case variants flooded the years).
// A name longer than any zone's ("America/Argentina/ComodRivadavia" is 32 letters) is no zone,
// refused before it is folded or given to Intl: a megabyte of capitals in `timeZone` cost the
// fold 250-640 ms of CPU before the 400 (attack finding).
export const ZONE_NAME_MAX = 64;
let canonical = null;
const resolved = new Map();
const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
function canonicalName(zone) {
  if (typeof zone !== "string") return zone;
  if (zone.length > ZONE_NAME_MAX) throw new RangeError(`a time zone name is at most ${ZONE_NAME_MAX} characters`);
  // Browsers before 2022 have no supportedValuesOf: every name is then resolved by Intl.
  canonical ??= new Map((Intl.supportedValuesOf?.("timeZone") ?? []).map((z) => [asciiLower(z), z]));
  const listed = canonical.get(asciiLower(zone));
  if (listed) return listed;
  let name = resolved.get(zone);
  if (name === undefined) {
    // Throws RangeError for an unknown zone name.
    name = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    if (resolved.size >= FORMATTERS_MAX) resolved.clear();
    resolved.set(zone, name);
  }
  return name;
}

// How many formatters the isolate holds (tests check the bound).
export function formatterCount() {
  return formatters.size;
}

const OFFSET = /GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

// The zone's UTC offset (seconds) at a UTC second.
export function offsetAt(zone, utcSec) {
  const m = OFFSET.exec(formatter(zone).format(new Date(utcSec * 1000)));
  if (!m) throw new Error(`Intl gave no UTC offset for ${zone}`);
  if (!m[1]) return 0; // "GMT": UTC itself
  const sec = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -sec : sec;
}

export function isValidZone(zone) {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

// The first second after lo whose offset is not `off` (offset(lo) === off, offset(hi) ===
// hiOff !== off, one change between them). Bisects on whole quarter-hours (UTC) first:
// nearly every change happens on one, so a probe of the second before it usually settles the
// exact second in about 11 Intl calls instead of 20; otherwise it bisects on to the second.
const QUARTER = 900;
function findChange(offsetFn, lo, off, hi, hiOff) {
  const probe = (mid) => {
    const o = offsetFn(mid);
    if (o === off) lo = mid;
    else [hi, hiOff] = [mid, o];
  };
  for (;;) {
    const a = Math.floor(lo / QUARTER) + 1; // quarter-hours strictly inside (lo, hi)
    const b = Math.ceil(hi / QUARTER) - 1;
    if (a > b) break;
    probe((a + Math.floor((b - a) / 2)) * QUARTER);
  }
  if (hi - lo > 1 && hi % QUARTER === 0) probe(hi - 1);
  while (hi - lo > 1) probe(lo + Math.floor((hi - lo) / 2));
  return [hi, hiOff];
}

// Generic scan over any offset function; exported so tests can run it on other oracles.
export function scanTransitions(offsetFn, fromSec, toSec, step = STEP_SEC) {
  let t = Math.floor(fromSec);
  let off = offsetFn(t);
  const out = [[t, off]];
  while (t < toSec) {
    const next = Math.min(t + step, Math.ceil(toSec));
    const nextOff = offsetFn(next);
    if (nextOff !== off) {
      const [at, changed] = findChange(offsetFn, t, off, next, nextOff);
      out.push([at, changed]);
      off = changed;
      t = at;
      continue;
    }
    t = next;
  }
  return out;
}

// A zone's changes within one UTC calendar year: the offset at the year's first second and
// every change in (yearStart, nextYearStart]. Remembered per isolate, per zone and year (a
// few dozen bytes each, at most YEARS_MAX): the zone rules do not change while an isolate
// lives, and every upload in the same zone covers mostly the same years, so after a zone's
// first conversion any range in those years costs no Intl call at all — whatever the range
// (a range-keyed cache missed on every new export).
export const YEARS_MAX = 2048;
const years = new Map();
const yearStart = (y) => Date.UTC(y, 0, 1) / 1000;
// Keyed by the zone's name in Intl's letter case (canonicalName), so that a name sent in another
// case is not another zone's years to scan, 4-9 ms each set of twenty (attack finding).
function zoneYear(zone, year) {
  formatter(zone); // throws for an unknown zone, as before
  const name = canonicalName(zone);
  const key = `${name}|${year}`;
  let entry = years.get(key);
  if (!entry) {
    const [first, ...changes] = scanTransitions((s) => offsetAt(name, s), yearStart(year), yearStart(year + 1));
    entry = { offset: first[1], changes };
    if (years.size >= YEARS_MAX) years.clear();
    years.set(key, entry);
  }
  return entry;
}

// How many zone-years the isolate holds (tests check the cache and its bound).
export function cachedZoneYears() {
  return years.size;
}

// Transitions of `zone` covering [fromSec, toSec] (what the plan's transitionsRange says):
// [[floor(fromSec), offset there], …every change in (fromSec, toSec]] — the same table
// scanTransitions gives for the range (tests/node/tz.test.js), built from the cached years.
export function transitions(zone, fromSec, toSec) {
  const from = Math.floor(fromSec);
  const to = Math.ceil(toSec);
  const y0 = new Date(from * 1000).getUTCFullYear();
  const y1 = new Date(Math.max(from, to) * 1000).getUTCFullYear();
  let offset = zoneYear(zone, y0).offset;
  const out = [];
  for (let y = y0; y <= y1; y++) {
    for (const [at, off] of zoneYear(zone, y).changes) {
      if (at <= from) offset = off;
      else if (at <= to) out.push([at, off]);
    }
  }
  return [[from, offset], ...out];
}

// The span any conversion's transitions cover: from 1998, the earliest time a FIT file holds
// (the core refuses a record before it: a weigh-in the page writes is within it), to the end
// of the second UTC year after now (a report's range reaches a year past its last dated file:
// plan_report.cpp kOpenEndDays). Why a bound: a report's range follows the export's dated file
// names, and POST /api/convert takes names without their files (`files`): one named for the
// year 1000 beside one for 9999 asked Intl for 9,000 zone-years, over 2 s of one request's CPU,
// and flushed the cache each time (attack finding). Within it one request builds at most about
// thirty zone-years (~0.25 ms each in a cold isolate). A record past its end takes the offset at
// that end, as the core gives any time outside a table (tz/transitions.h). From 2000 at first,
// which moved a July 1999 weigh-in (two-digit year 99) an hour on the page and the server but
// not in the CLI, whose zoneinfo table is not cut (helper finding).
export const ZONE_FROM_SEC = Date.UTC(1998, 0, 1) / 1000;
export function zoneUntilSec(nowMs = Date.now()) {
  return Date.UTC(new Date(nowMs).getUTCFullYear() + 3, 0, 1) / 1000 - 1;
}

// The options.timeZone object ts_convert takes: the zone's transitions over [fromSec, toSec]
// cut to the span above.
export function timeZoneOption(zone, fromSec, toSec, nowMs = Date.now()) {
  const until = zoneUntilSec(nowMs);
  const from = Math.min(Math.max(Math.floor(fromSec), ZONE_FROM_SEC), until);
  const to = Math.min(Math.max(Math.ceil(toSec), from), until);
  return { name: zone, transitions: transitions(zone, from, to) };
}
