// The caller's room on the server, from GET /api/usage/me (one cheap read of the usage class, and answers
// even while this browser is blocked — then it says until when), said the way a person counts:
// server conversions, not endpoint classes. Shown only next to the server way (step 4), never
// before there is anything to convert. The tightest tier wins, this browser's own or its
// network's shared ceiling.
import { getJson } from "./api-client.js";
import { formatWait } from "./format.js";

// A tier's window as a person says it.
export function windowText(seconds) {
  if (seconds === 60) return "in the next minute";
  if (seconds === 3600) return "in the next hour";
  if (seconds === 86400) return "in the next 24 hours";
  return `in the next ${formatWait(seconds)}`;
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// Of two tiers, the one that binds: fewer left, or as few over a longer window.
const tighter = (a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.windowSeconds > a.windowSeconds) ? b : a);

// The tightest limited tier of a class, or null; `shared` marks the network's ceiling.
function tightest(tiers, shared = false) {
  const limited = (tiers ?? []).filter((t) => t.limit !== null && t.remaining !== null).map((t) => ({ ...t, shared }));
  return limited.length ? limited.reduce(tighter) : null;
}

// usage: the /api/usage/me body → a few sentences. now: for "in 5 minutes". A server
// conversion is a few uploads and one conversion however large the export, so the tighter of
// the two classes is what a person can do; its steps' requests are paced apart (pacing()).
export function quotaText(usage, now = Date.now()) {
  if (usage.blocked) {
    const until = Date.parse(usage.blockedUntil ?? "");
    const when = Number.isFinite(until) ? ` until ${clock(until)} (in ${formatWait((until - now) / 1000)})` : "";
    return `The server has paused requests from this browser${when}, because it kept sending them sooner than the server asked. Converting on this device still works.`;
  }
  const tiers = [
    tightest(usage.classes?.convert), tightest(usage.classes?.upload),
    tightest(usage.network?.classes?.convert, true), tightest(usage.network?.classes?.upload, true),
  ].filter(Boolean);
  if (tiers.length === 0) return "The server has no limit for you right now.";
  const tight = tiers.reduce(tighter);
  const whose = tight.shared ? " for everyone on your network" : "";
  if (tight.remaining === 0) {
    // "Up to": the time until the tier is full again; the next conversion may come sooner, and
    // the server's own Retry-After, which the page waits out, says when (helper finding: "for 10
    // minutes" said, 83 s asked; and "from you for everyone on your network" was garbled).
    const who = tight.shared ? "from your network (a limit everyone on it shares)" : "from this browser";
    return `The server can take no more conversions ${who} for up to ${formatWait(tight.resetSeconds || tight.windowSeconds)}; converting there anyway waits as long as it asks. Converting on this device works now.`;
  }
  const one = tight.remaining === 1;
  return (
    `${tight.remaining} more conversion${one ? "" : "s"} on the server ${one ? "is" : "are"} possible ${windowText(tight.windowSeconds)}${whose} ` +
    `(each counts once, however large the export).${pacing(usage)} Converting on this device has no limit.`
  );
}

// How the server paces a conversion's requests: one per group of its steps, a thousand and
// more for a history of several years, against the step tiers. Said with the widest tier's
// limit, the one a long history meets: a real export's server conversion waited 18 s before
// each request past its first thousand (about 80 minutes more) while the page had said "one
// each, however large the export" (helper finding).
function pacing(usage) {
  const tiers = (usage.classes?.step ?? []).filter((t) => t.limit !== null);
  if (tiers.length === 0) return "";
  const widest = tiers.reduce((a, b) => (b.windowSeconds > a.windowSeconds ? b : a));
  const per = widest.windowSeconds === 86400 ? "a day" : widest.windowSeconds === 3600 ? "an hour" : `every ${formatWait(widest.windowSeconds)}`;
  return (
    ` A conversion sends a request for every few steps — a thousand or more for several years of history — and the server takes ` +
    `${widest.limit.toLocaleString("en-US")} ${per} from this browser, asking it to wait between them once many come at once: ` +
    "such a history can take an hour or more on the server, and minutes on this device."
  );
}

export async function showQuota() {
  const el = document.getElementById("quota");
  try {
    const usage = await getJson("/api/usage/me");
    el.textContent = quotaText(usage);
    el.dataset.state = usage.blocked ? "blocked" : "ok";
  } catch {
    el.textContent = "Your room on the server could not be checked. Converting on this device has no limit.";
    el.dataset.state = "unknown";
  }
  el.hidden = false;
}
