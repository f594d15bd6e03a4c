// GET /api/usage/me — the caller's limits and what remains, per endpoint class and tier, read
// after charging this request to the usage class as /api/status is (the limiter middleware
// fetched it with its one DO call, atomic-rate-limiter.js usage()), and
// answered even while the caller is blocked: it is how the page learns when a block ends.
//   classes  — the client's own tiers (a caller without a cookie is given one with this
//              answer, so it sees the limits of the client it now is)
//   network  — the ceiling its network (`prefix`) shares, and until when that network's
//              requests without a cookie are blocked (null: they are not)
import { json } from "../problem.js";

function tiersOf(list) {
  return list.map((t) => ({
    name: t.name,
    limit: t.limit < 0 ? null : t.limit, // null = unlimited
    windowSeconds: t.periodMs / 1000,
    remaining: t.remaining < 0 ? null : t.remaining,
    resetSeconds: Math.ceil(t.resetMs / 1000),
  }));
}

const iso = (ms) => (ms ? new Date(ms).toISOString() : null);

export function getUsage(usage) {
  const classes = {};
  const ceiling = {};
  for (const [cls, d] of Object.entries(usage.classes)) {
    classes[cls] = tiersOf(d.tiers);
    ceiling[cls] = tiersOf(d.ceiling);
  }
  return json({
    blocked: usage.verdict === "blocked",
    blockedUntil: iso(usage.blockedUntilMs),
    suspicionLevel: usage.level,
    classes,
    network: { prefix: usage.network, anonymousBlockedUntil: iso(usage.anonymousBlockedUntilMs), classes: ceiling },
  });
}
