// GET /api/status — the last health record the cron probe wrote. No probing on request:
// a status page must not be a way to spend DO/D1/KV operations.
import { json } from "../problem.js";
import { SQL } from "../../storage/queries.js";

// "Recently" for degraded mode: three cron periods.
export const DEGRADED_RECENT_MS = 15 * 60 * 1000;

export async function getStatus(ops, now) {
  const [health, degraded] = await ops.d1Batch([
    [SQL.selectLatestHealth],
    [SQL.selectRecentDegraded, now - DEGRADED_RECENT_MS],
  ]);
  const d = degraded.results[0];
  const degradedMode = {
    usedRecently: d.decisions > 0,
    decisionsLast15Min: d.decisions,
    lastUsedAt: d.last === null ? null : new Date(d.last).toISOString(),
  };
  const row = health.results[0];
  if (!row) {
    return json({
      status: "unknown",
      checkedAt: null,
      ageSeconds: null,
      components: {},
      degradedMode,
      detail: "No health record yet: the cron health probe has not run since this database was created.",
    });
  }
  return json({
    status: row.status,
    checkedAt: new Date(row.checked_at).toISOString(),
    ageSeconds: Math.max(0, Math.round((now - row.checked_at) / 1000)),
    components: JSON.parse(row.components),
    details: JSON.parse(row.details),
    degradedMode,
  });
}
