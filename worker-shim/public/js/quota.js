// The caller's remaining quota, from GET /api/usage/me (which charges nothing). Shows, for
// conversions, uploads and step requests (a conversion on the server is one conversion and
// many step requests), the tightest tier: the one with the fewest requests left.
import { getJson } from "./api-client.js";
import { formatWait } from "./format.js";

const LABELS = { upload: "uploads", convert: "conversions", step: "step requests" };

// A tier's window as a person says it: "this minute", "this hour", "today", "in 10 minutes".
export function windowText(seconds) {
  if (seconds === 60) return "this minute";
  if (seconds === 3600) return "this hour";
  if (seconds === 86400) return "today";
  return `in any ${formatWait(seconds)}`;
}

// usage: the /api/usage/me body → one sentence.
export function quotaText(usage) {
  if (usage.blocked) {
    const until = usage.blockedUntil ? ` until ${new Date(usage.blockedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` : "";
    return `The server has paused requests from this browser${until}. Converting on this device still works.`;
  }
  const parts = [];
  for (const cls of ["convert", "upload", "step"]) {
    const tiers = (usage.classes?.[cls] ?? []).filter((t) => t.limit !== null && t.remaining !== null);
    if (tiers.length === 0) continue;
    const tight = tiers.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    const reset = tight.remaining < tight.limit && tight.resetSeconds > 0 ? ` (all back within ${formatWait(tight.resetSeconds)})` : "";
    parts.push(`${tight.remaining} of ${tight.limit} ${LABELS[cls]} left ${windowText(tight.windowSeconds)}${reset}`);
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
