// The cron trigger: health probe, health record, TTL maintenance. Bounded: a fixed number of
// binding calls per run (counted by Ops and logged), well inside the free plan's 10 ms CPU
// and 50 D1 queries per invocation.
import { syncSnapshot } from "./blocklist.js";
import { probe } from "./health-probe.js";
import { runMaintenance } from "./maintenance.js";

// Health history kept for a week (2016 rows at */5); older rows are pruned each run.
export const HEALTH_RETENTION_MS = 7 * 24 * 3600 * 1000;

export async function runScheduled(env, ops, core, now, options = {}) {
  const { kvSnapshot, ...health } = await probe(env, ops, options.probe);
  let maintenance;
  let blocklist;
  if (health.components.d1.ok) {
    try {
      maintenance = await runMaintenance(core, ops, now, options.maintenance);
    } catch (err) {
      maintenance = { error: err?.name ?? "Error" };
    }
    // Without a KV read we cannot tell whether the snapshot changed; writing blindly would
    // spend KV's scarce writes, so the snapshot waits for a run where KV answers.
    if (health.components.kv.ok) {
      try {
        blocklist = await syncSnapshot(ops, now, kvSnapshot);
      } catch (err) {
        blocklist = { error: err?.name ?? "Error" };
      }
    } else {
      blocklist = { skipped: "kv unavailable" };
    }
  } else {
    maintenance = { skipped: "d1 unavailable" };
    blocklist = { skipped: "d1 unavailable" };
  }
  const details = { maintenance, blocklist };
  if (health.components.d1.ok) {
    try {
      await ops.d1Batch([
        ["INSERT OR REPLACE INTO health (checked_at, status, components, details) VALUES (?, ?, ?, ?)",
          now, health.status, JSON.stringify(health.components), JSON.stringify(details)],
        ["DELETE FROM health WHERE checked_at < ?", now - HEALTH_RETENTION_MS],
        ["DELETE FROM degraded_events WHERE minute < ?", now - HEALTH_RETENTION_MS],
      ]);
    } catch (err) {
      details.recordError = err?.name ?? "Error";
    }
  }
  return { ...health, details };
}
