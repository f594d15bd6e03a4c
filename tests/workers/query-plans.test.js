// Every query the request path runs is served by a primary key or an index, never a table
// scan; and the rows a request reads stay bounded by a constant however many other clients'
// rows the tables hold. The plans are printed so the test run shows them.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { saveConversion } from "../../worker-shim/storage/conversion-store.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { SQL } from "../../worker-shim/storage/queries.js";
import { randomId, recordId } from "../../worker-shim/storage/ids.js";
import { newClient, opsOf } from "./api-client.js";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { weightFiles } from "./fixtures.js";

const DUMMY = { s: "AAAAAAAAAAAAAAAAAAAAAA", n: 1 };

// The index each SELECT must use.
const EXPECTED = {
  selectUpload: "SEARCH uploads USING PRIMARY KEY (upload_id=?)",
  selectConversion: "SEARCH conversions USING PRIMARY KEY (conversion_id=?)",
  selectUploadData: "SEARCH uploads USING PRIMARY KEY (upload_id=?)",
  selectConversionData: "SEARCH conversions USING PRIMARY KEY (conversion_id=?)",
  selectLatestHealth: "SCAN health", // the integer primary key in reverse order: no sort, stops at LIMIT 1
  selectRecentDegraded: "SEARCH degraded_events USING INDEX idx_degraded_events_minute (minute>?)",
  selectChunks: "SEARCH file_chunks USING PRIMARY KEY (parent_id=? AND file_index=? AND chunk_index>? AND chunk_index<?)",
  selectChunkSlice: "SEARCH file_chunks USING PRIMARY KEY (parent_id=? AND file_index=? AND chunk_index=?)",
  selectSessionGroup: "SEARCH conversions USING PRIMARY KEY (conversion_id=?)",
  selectSessionAssembly: "SEARCH conversions USING PRIMARY KEY (conversion_id=?)",
  selectSessionSteps: "SEARCH conversions USING PRIMARY KEY (conversion_id=?)",
  updateUpload: "SEARCH uploads USING PRIMARY KEY (upload_id=?)",
  selectUploadReport: "SEARCH uploads USING PRIMARY KEY (upload_id=?)",
  keepUploadReport: "SEARCH uploads USING PRIMARY KEY (upload_id=?)",
  chargeStorage: "SEARCH storage_budget USING INTEGER PRIMARY KEY (rowid=?)",
};

async function plan(sql) {
  const params = [...sql.matchAll(/\?(\d+)/g)].map(() => DUMMY.s);
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all();
  return results.map((r) => r.detail);
}

const OTHER_CLIENTS = 3000;

describe("query plans", () => {
  for (const [name, sql] of Object.entries(SQL)) {
    const search = /^(SELECT|UPDATE)/.test(sql);
    it(`${name}: ${search ? "an index search, no scan" : "an insert by key"}`, async () => {
      const steps = await plan(sql);
      console.log(`EXPLAIN QUERY PLAN ${name}:\n  ${steps.join("\n  ") || "(no search: a plain insert)"}`);
      if (search) {
        expect(steps).toEqual([EXPECTED[name]]);
      } else {
        expect(steps).toEqual([]);
      }
    });
  }

  it("the status 'SCAN health' reads one row of a thousand: it is the primary key walked backwards", async () => {
    await env.DB.prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO health (checked_at, status, components) SELECT i, 'ok', '{}' FROM n",
    ).run();
    const res = await newClient().fetch("/api/status");
    // health: 1 row; degraded_events: none in the window (at most the index probe).
    expect(opsOf(res)).toMatchObject({ kv: 0, d1_queries: 2 });
    expect(opsOf(res).d1_rows_read).toBeLessThanOrEqual(2);
  });
});

describe("rows read per request with thousands of other clients' rows present", () => {
  beforeAll(async () => {
    // Other clients' uploads and conversions, half of them expired, each with a chunk row.
    const now = Date.now();
    const fill = (table, idCol, extraCols, extraVals) =>
      env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${OTHER_CLIENTS - 1})
         INSERT INTO ${table} (${idCol}, ${extraCols}owner, metadata, created_at, expires_at)
         SELECT '${table}-' || i, ${extraVals}'owner-' || i, '{"files":[]}', ?1 - (i % 2) * 9000000, ?1 - (i % 2) * 9000000 + 3600000 FROM n`,
      ).bind(now).run();
    await fill("uploads", "upload_id", "", "");
    await fill("conversions", "conversion_id", "upload_id, ", "'x', ");
    await env.DB.prepare(
      `INSERT INTO file_chunks (parent_id, file_index, chunk_index, base64, expires_at)
       SELECT upload_id, 0, 0, 'AAAA', expires_at FROM uploads UNION ALL SELECT conversion_id, 0, 0, 'AAAA', expires_at FROM conversions`,
    ).run();
    const { n } = await env.DB.prepare("SELECT COUNT(*) AS n FROM file_chunks").first();
    expect(n).toBeGreaterThanOrEqual(2 * OTHER_CLIENTS);
  });

  it("upload and download each read a constant number of rows", async () => {
    const client = newClient();
    const up = await client.upload(weightFiles(5));
    expect(up.status).toBe(201);
    // Only the storage budget's one row, read by its charge and by the charge's trigger
    // (storage/storage-budget.js): however many other clients' rows there are.
    expect(opsOf(up)).toMatchObject({ kv: 0, d1_rows_read: 2 });
    const conversionId = recordId(Date.now() + 7200_000);
    const { uploadId } = await up.json();
    await saveConversion(new Ops(env), {
      conversionId, uploadId, owner: client.id, summary: {}, createdAt: Date.now(), expiresAt: Date.now() + 7200_000,
      outputs: [{ path: "manifest.json", data: new TextEncoder().encode("{}") }, { path: "IMPORT.txt", data: new TextEncoder().encode("x") }],
    });
    const zip = await client.fetch(`/api/download/${conversionId}`);
    expect(zip.status).toBe(200);
    // conversion row 1 + its one chunk 1 + the range's end probe ≤ 1
    expect(opsOf(zip).d1_rows_read).toBeLessThanOrEqual(3);
    const one = await client.fetch(`/api/download/${conversionId}/IMPORT.txt`);
    expect(opsOf(one).d1_rows_read).toBeLessThanOrEqual(3);
    // Someone else's id costs nothing more than one failed key lookup.
    const foreign = await client.fetch(`/api/download/${randomId()}`);
    expect(opsOf(foreign).d1_rows_read).toBeLessThanOrEqual(1);
  });

  it("validate and convert on a real export read a constant number of rows too", async () => {
    const client = newClient();
    const files = generateExport({ seed: 2, years: 1, perWeek: 7 }).map((f) => [f.name, f.data]);
    const { uploadId } = await (await client.upload(files)).json();
    const val = await client.postJson("/api/validate", { uploadId });
    expect(val.status).toBe(200);
    // upload row 1 + its one chunk 1 + the range's end probe ≤ 1; then the report kept in
    // the upload's row (one row written, read once more by the update's key search) with its
    // storage charge (the budget's row, read and written)
    expect(opsOf(val)).toMatchObject({ kv: 0, d1_queries: 4, d1_rows_written: 2 });
    expect(opsOf(val).d1_rows_read).toBeLessThanOrEqual(5);
    // asked again: the kept report, one row read, nothing written
    const again = await client.postJson("/api/validate", { uploadId });
    expect(opsOf(again)).toMatchObject({ kv: 0, d1_queries: 1, d1_rows_read: 1, d1_rows_written: 0 });
    const conv = await client.postJson("/api/convert", { uploadId });
    expect(conv.status).toBe(201);
    // the same reads (every file of this export is light: the plan's read is the steps' read
    // too), then one batch: the storage charge, the conversion row and its chunk rows
    expect(opsOf(conv)).toMatchObject({ kv: 0, d1_queries: 4 });
    expect(opsOf(conv).d1_rows_read).toBeLessThanOrEqual(4);
  });
});
