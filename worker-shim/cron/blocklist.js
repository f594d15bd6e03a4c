// The degraded-mode blocklist snapshot in KV. Built by the cron from D1's `blocks` rows still
// in force and written only when it changed, so KV writes stay rare (at most one per cron
// run — 288/day at */5 in the worst case, far below the free 1,000 — and in practice only
// when a block starts or ends). Requests never read it unless the DO has failed.
export const SNAPSHOT_KEY = "blocklist:v1";
// Bounded: KV values may be 25 MiB, but a degraded isolate parses this on the request path.
export const SNAPSHOT_MAX_ENTRIES = 5000;
// Ended blocks are kept a day (for the log of what happened), then pruned.
export const BLOCK_RETENTION_MS = 24 * 3600 * 1000;

// Snapshot text: {"v":1,"entries":[[clientKey, blockedUntilMs], …]} sorted by key, with no
// timestamp of its own, so an unchanged blocklist gives byte-identical text.
export async function buildSnapshot(ops, now) {
  const { results } = await ops.d1All(
    "SELECT client_key, blocked_until FROM blocks WHERE blocked_until > ? ORDER BY blocked_until DESC LIMIT ?",
    now, SNAPSHOT_MAX_ENTRIES,
  );
  const entries = results.map((r) => [r.client_key, r.blocked_until]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify({ v: 1, entries });
}

// `current` is the snapshot text the probe just read from KV (null when absent).
export async function syncSnapshot(ops, now, current) {
  const next = await buildSnapshot(ops, now);
  await ops.d1Run("DELETE FROM blocks WHERE blocked_until < ?", now - BLOCK_RETENTION_MS);
  const entries = JSON.parse(next).entries.length;
  // An absent snapshot and an empty one mean the same: no write for a blocklist never used.
  if (next === current || (current === null && entries === 0)) return { written: false, entries };
  await ops.kvPut(SNAPSHOT_KEY, next);
  return { written: true, entries };
}

// Parses snapshot text into Map(clientKey -> blockedUntil); a damaged value is an empty list
// (degraded mode then relies on isolate-local state alone) rather than an outage.
export function parseSnapshot(text) {
  try {
    const { v, entries } = JSON.parse(text);
    if (v !== 1 || !Array.isArray(entries)) return new Map();
    return new Map(entries.filter((e) => Array.isArray(e) && typeof e[0] === "string" && Number.isFinite(e[1])));
  } catch {
    return new Map();
  }
}
