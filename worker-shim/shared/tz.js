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
  let f = formatters.get(zone);
  if (!f) {
    // Throws RangeError for an unknown zone name.
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    if (formatters.size >= FORMATTERS_MAX) formatters.clear();
    formatters.set(zone, f);
  }
  return f;
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

// Transitions of `zone` covering [fromSec, toSec] (what ts_validate's transitionsRange says).
// Remembered per isolate (a few hundred bytes each, at most CACHE_MAX tables): the zone rules
// do not change while an isolate lives, and the same person converts more than once.
const CACHE_MAX = 64;
const cache = new Map();
export function transitions(zone, fromSec, toSec) {
  const key = `${zone}|${fromSec}|${toSec}`;
  let t = cache.get(key);
  if (!t) {
    t = scanTransitions((s) => offsetAt(zone, s), fromSec, toSec);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, t);
  }
  return t.map((pair) => [...pair]); // callers may keep or change their copy
}

// The options.timeZone object ts_convert takes.
export function timeZoneOption(zone, fromSec, toSec) {
  return { name: zone, transitions: transitions(zone, fromSec, toSec) };
}
