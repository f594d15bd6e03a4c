// TTL maintenance: physically deletes expired uploads and conversions with their file
// chunks. Readers never depend on it (they filter on expires_at > now); it only reclaims
// space. The plan — how many batches of which class within the query budget — is the
// core's (ts_ttl_plan); this module only runs the SQL. Uploads' and conversions' ids begin
// with their expiry (storage/ids.js), so "expired by the cutoff" is a primary-key range:
// id < the cutoff's prefix + 1 ms. No expiry index is kept (each would cost a row written per
// row inserted and deleted).
//
// Each batch deletes the chunks and the metadata rows of the same `limit` oldest expired
// parents. All statements go in ONE D1 batch (one transaction), so a parent never
// disappears while its chunks stay, and a failed run changes nothing.
import { expiryPrefix } from "../storage/ids.js";

// Free plan: 50 D1 queries per invocation. The cron's own reads and writes (probe, counts,
// health record, prune, blocklist) stay under 10; deletion gets the rest.
export const MAINTENANCE_DEFAULTS = Object.freeze({ queryBudget: 40, batchRows: 100, countCap: 5000 });

const TABLES = {
  upload: { table: "uploads", id: "upload_id" },
  conversion: { table: "conversions", id: "conversion_id" },
};

// Ids below this string expire at or before `cutoff`.
const below = (cutoff) => expiryPrefix(cutoff + 1);

// What the live rows keep, as storage/storage-budget.js charges it: every chunk's base64, and
// each upload's and conversion's metadata and inline stream. It reads every row of the three
// tables (a few thousand at most: rows expire within hours) once per run. check_cap 0: a
// recount is never refused.
const RECOUNT_STORAGE = `UPDATE storage_budget SET check_cap = 0, bytes =
  (SELECT COALESCE(SUM(length(base64)), 0) FROM file_chunks)
  + (SELECT COALESCE(SUM(length(metadata) + COALESCE(length(data), 0)), 0) FROM uploads)
  + (SELECT COALESCE(SUM(length(metadata) + COALESCE(length(data), 0)), 0) FROM conversions)
  WHERE id = 1`;

function batchStatements({ table, id }, cutoff, limit) {
  const oldest = `SELECT ${id} FROM ${table} WHERE ${id} < ? ORDER BY ${id} LIMIT ?`;
  return [
    [`DELETE FROM file_chunks WHERE parent_id IN (${oldest})`, below(cutoff), limit],
    [`DELETE FROM ${table} WHERE ${id} IN (${oldest})`, below(cutoff), limit],
  ];
}

// Returns {expiredUploads, expiredConversions, deletedUploads, deletedConversions,
// deletedChunks, complete, queries}. `now` is the run's clock reading.
export async function runMaintenance(core, ops, now, options = {}) {
  const { queryBudget, batchRows, countCap } = { ...MAINTENANCE_DEFAULTS, ...options };
  // Bounded counts: the LIMIT keeps each count's rows_read ≤ countCap however far behind we are.
  const [up, conv] = await ops.d1Batch([
    ["SELECT COUNT(*) AS n FROM (SELECT 1 FROM uploads WHERE upload_id < ? LIMIT ?)", below(now), countCap],
    ["SELECT COUNT(*) AS n FROM (SELECT 1 FROM conversions WHERE conversion_id < ? LIMIT ?)", below(now), countCap],
  ]);
  const expiredUploads = up.results[0].n;
  const expiredConversions = conv.results[0].n;
  // One query of the budget is the storage recount's (below).
  const plan = core.callJson("ts_ttl_plan", {
    now, expiredUploads, expiredConversions, queryBudget: queryBudget - 1, batchRows, queriesPerBatch: 2,
  });
  const report = {
    expiredUploads, expiredConversions, deletedUploads: 0, deletedConversions: 0, deletedChunks: 0,
    complete: plan.complete && expiredUploads < countCap && expiredConversions < countCap,
    queries: 2 + plan.queries,
  };
  // The storage budget recounted from the rows left, after the deletions in the same batch:
  // what expired is given back, and a charge made for rows a request then did not keep (or
  // counted twice) is mended (storage/storage-budget.js).
  report.queries += 1;
  if (plan.batches.length === 0) {
    await ops.d1Run(RECOUNT_STORAGE);
    return report;
  }

  const statements = plan.batches.flatMap((b) => batchStatements(TABLES[b.class], plan.cutoff, b.limit));
  const results = await ops.d1Batch([...statements, [RECOUNT_STORAGE]]);
  plan.batches.forEach((b, i) => {
    report.deletedChunks += results[2 * i].meta.changes ?? 0;
    const deleted = results[2 * i + 1].meta.changes ?? 0;
    if (b.class === "upload") report.deletedUploads += deleted;
    else report.deletedConversions += deleted;
  });
  return report;
}
