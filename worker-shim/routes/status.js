// GET /api/status — the last health record the cron probe wrote. No probing on request:
// a status page must not be a way to spend DO/D1/KV operations.
import { json } from "../problem.js";

export async function getStatus(ops, now) {
  const { results } = await ops.d1All(
    "SELECT checked_at, status, components, details FROM health ORDER BY checked_at DESC LIMIT 1",
  );
  const row = results[0];
  if (!row) {
    return json({
      status: "unknown",
      checkedAt: null,
      ageSeconds: null,
      components: {},
      detail: "No health record yet: the cron health probe has not run since this database was created.",
    });
  }
  return json({
    status: row.status,
    checkedAt: new Date(row.checked_at).toISOString(),
    ageSeconds: Math.max(0, Math.round((now - row.checked_at) / 1000)),
    components: JSON.parse(row.components),
    details: JSON.parse(row.details),
  });
}
