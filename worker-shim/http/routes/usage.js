// GET /api/usage/me — the caller's limits and what remains, per endpoint class and tier, read
// without charging any of them (the limiter middleware fetched it with its one DO call).
import { json } from "../problem.js";

export function getUsage(usage) {
  const classes = {};
  for (const [cls, d] of Object.entries(usage.classes)) {
    classes[cls] = d.tiers.map((t) => ({
      name: t.name,
      limit: t.limit < 0 ? null : t.limit, // null = unlimited
      windowSeconds: t.periodMs / 1000,
      remaining: t.remaining < 0 ? null : t.remaining,
      resetSeconds: Math.ceil(t.resetMs / 1000),
    }));
  }
  return json({
    blocked: usage.verdict === "blocked",
    blockedUntil: usage.blockedUntilMs ? new Date(usage.blockedUntilMs).toISOString() : null,
    suspicionLevel: usage.level,
    classes,
  });
}
