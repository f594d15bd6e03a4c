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

const formatters = new Map();
function formatter(zone) {
  let f = formatters.get(zone);
  if (!f) {
    // Throws RangeError for an unknown zone name.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(zone, f);
  }
  return f;
}

// The zone's UTC offset (seconds) at a UTC second.
export function offsetAt(zone, utcSec) {
  const parts = {};
  for (const p of formatter(zone).formatToParts(new Date(utcSec * 1000))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === "BC" || parts.era === "B") year = 1 - year;
  const local = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  // Date.UTC maps years 0-99 to 1900-1999; no data we convert is that old.
  return Math.round(local / 1000) - utcSec;
}

export function isValidZone(zone) {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
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
      // Bisect: offset at lo is `off`, at hi is different; find the first second of the change.
      let lo = t, hi = next;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offsetFn(mid) === off) lo = mid;
        else hi = mid;
      }
      const changed = offsetFn(hi);
      out.push([hi, changed]);
      off = changed;
      t = hi;
      continue;
    }
    t = next;
  }
  return out;
}

// Transitions of `zone` covering [fromSec, toSec] (what ts_validate's transitionsRange says).
export function transitions(zone, fromSec, toSec) {
  return scanTransitions((s) => offsetAt(zone, s), fromSec, toSec);
}

// The options.timeZone object ts_convert takes.
export function timeZoneOption(zone, fromSec, toSec) {
  return { name: zone, transitions: transitions(zone, fromSec, toSec) };
}
