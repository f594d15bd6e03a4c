// How numbers read on the page. Pure (tests/node uses it too).

export function formatBytes(n) {
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB"];
  let v = n;
  let u = -1;
  do {
    v /= 1000;
    u += 1;
  } while (v >= 999.5 && u < units.length - 1); // so 999,999 B reads "1.0 MB", not "1000 kB"
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

// Seconds → "45 seconds" / "3 minutes" / "2 hours 5 minutes", rounded up: a person told to
// wait must not come back too early.
export function formatWait(seconds) {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"}`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return `${h} hour${h === 1 ? "" : "s"}${rest ? ` ${rest} minute${rest === 1 ? "" : "s"}` : ""}`;
}

// A report's date as a person reads it, "7 Jul 2025": a date ("2025-07-07", or a local clock
// reading "2025-07-07T23:10:00") is its own day; an instant ("2025-07-07T01:00:00Z") is the day
// it was in `zone`, as the workout list dates it (helper finding on a real export: the report
// said workouts ran "to 7 Jul 2025", the list's last was 6 Jul). A zone Intl does not know
// reads as UTC.
export function dayText(iso, zone = "UTC") {
  if (!iso) return "—";
  const style = { day: "numeric", month: "short", year: "numeric" };
  if (/T.*Z$/.test(iso)) {
    const at = new Date(iso);
    try {
      return at.toLocaleDateString("en-GB", { ...style, timeZone: zone || "UTC" });
    } catch {
      return at.toLocaleDateString("en-GB", { ...style, timeZone: "UTC" });
    }
  }
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { ...style, timeZone: "UTC" });
}

// The day a workout starting at `ms` (UTC) is in, as the conversion dates its file: in
// `inEffect` ([[utcSec, offsetSec], …], the zone the export's own UTC offsets make,
// ts_weight_preview's zoneInEffect; the first offset also covers all earlier time) when there
// is one, else in `zone`. Dated in the zone field's zone alone, a traveller's workouts were
// listed a day before their files' dates (helper finding: "4 Jun 2023" beside
// activities/2023-06-05-….fit, a 16:40 UTC start in Tokyo).
export function instantDay(ms, zone = "UTC", inEffect = null) {
  if (!inEffect?.length) return dayText(new Date(ms).toISOString(), zone);
  const sec = Math.floor(ms / 1000);
  let offset = inEffect[0][1];
  for (const [at, off] of inEffect) {
    if (at > sec) break;
    offset = off;
  }
  return dayText(new Date((sec + offset) * 1000).toISOString().slice(0, 10));
}

// Seconds → "1:05:09" or "42:10".
export function formatDuration(seconds) {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export const KG_PER_LB = 0.45359237;
export function weightIn(kg, unit) {
  return unit === "lb" ? kg / KG_PER_LB : kg;
}
