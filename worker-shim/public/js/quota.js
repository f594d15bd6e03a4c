// The caller's remaining quota, from GET /api/usage/me (which charges nothing, and answers even
// while this browser is blocked — then it says until when). Shows, for uploads and
// conversions, the tightest tier, this browser's own or its network's shared ceiling: the one
// with the fewest requests left.
import { getJson } from "./api-client.js";
import { formatWait } from "./format.js";

const LABELS = { upload: "uploads", convert: "conversions" };

// A tier's window as a person says it: "this minute", "this hour", "today", "in 10 minutes".
export function windowText(seconds) {
  if (seconds === 60) return "this minute";
  if (seconds === 3600) return "this hour";
  if (seconds === 86400) return "today";
  return `in any ${formatWait(seconds)}`;
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// usage: the /api/usage/me body → one sentence. now: for "in 5 minutes".
export function quotaText(usage, now = Date.now()) {
  if (usage.blocked) {
    const until = Date.parse(usage.blockedUntil ?? "");
    const when = Number.isFinite(until) ? ` until ${clock(until)} (in ${formatWait((until - now) / 1000)})` : "";
    return `The server has paused requests from this browser${when}, because it kept sending them sooner than the server asked. Converting on this device still works.`;
  }
  const parts = [];
  for (const cls of ["convert", "upload"]) {
    const quoted = (list, shared) => (list ?? []).filter((t) => t.limit !== null && t.remaining !== null).map((t) => ({ ...t, shared }));
    const tiers = [...quoted(usage.classes?.[cls], false), ...quoted(usage.network?.classes?.[cls], true)];
    if (tiers.length === 0) continue;
    const tight = tiers.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    const reset = tight.remaining < tight.limit && tight.resetSeconds > 0 ? ` (all back within ${formatWait(tight.resetSeconds)})` : "";
    const whose = tight.shared ? " for everyone on your network" : "";
    parts.push(`${tight.remaining} of ${tight.limit} ${LABELS[cls]} left ${windowText(tight.windowSeconds)}${whose}${reset}`);
  }
  if (parts.length === 0) return "No server limits apply to you right now.";
  return `On the server: ${parts.join("; ")}. Converting on this device has no limits.`;
}

export async function showQuota() {
  const el = document.getElementById("quota");
  try {
    const usage = await getJson("/api/usage/me");
    el.textContent = quotaText(usage);
    el.dataset.state = usage.blocked ? "blocked" : "ok";
  } catch {
    el.textContent = "Your remaining server conversions could not be checked. Converting on this device has no limits.";
    el.dataset.state = "unknown";
  }
}
