// The operation counts docs/operating.md builds the free plan's daily budget on: what one
// session costs in Worker requests, D1 rows, Durable Object calls and storage rows, and KV,
// including the rows the cron later deletes for it and the cron's own run. A change that makes
// a session dearer fails here, and the document's table must be redone with the new figures.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getCore } from "../../worker-shim/index.js";
import { runMaintenance } from "../../worker-shim/cron/maintenance.js";
import { runScheduled } from "../../worker-shim/cron/scheduled.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { newClient, opsOf } from "./api-client.js";
import { weightFiles } from "./fixtures.js";

const HOUR = 3_600_000;

describe("one session: the page's server path", () => {
  it("1: a small export (finished within its plan's request): status, usage, upload, convert, download: 5 requests, 5 DO calls, 2 D1 rows written, no KV; the cron's deletion of it: 2 rows more", async () => {
    const c = newClient();
    const status = await c.fetch("/api/status");
    const usage = await c.fetch("/api/usage/me");
    const up = await c.upload(weightFiles(300));
    const { uploadId } = await up.json();
    const convert = await c.postJson("/api/convert", { uploadId });
    const { conversionId, complete } = await convert.json();
    expect(complete).toBe(true);
    const download = await c.fetch(`/api/download/${conversionId}`);
    await download.arrayBuffer();
    const responses = [status, usage, up, convert, download];
    // Rows written, queries, DO calls and KV are pinned; rows read are far from their daily
    // limit, so they are bounded.
    const rows = responses.map((r) => {
      const { d1_rows_read: read, ...rest } = opsOf(r);
      expect(read).toBeLessThanOrEqual(4);
      return [r.status, rest];
    });
    // The upload and the conversion are one row each: their bytes are small enough to live in
    // the row itself, and no expiry index is kept (ids begin with their expiry); each is charged
    // to the storage budget in its batch, one row more (storage/storage-budget.js).
    expect(rows).toEqual([
      [200, { kv: 0, d1_queries: 2, d1_rows_written: 0, do: 1 }],
      [200, { kv: 0, d1_queries: 0, d1_rows_written: 0, do: 1 }],
      [201, { kv: 0, d1_queries: 2, d1_rows_written: 2, do: 1 }],
      [201, { kv: 0, d1_queries: 4, d1_rows_written: 2, do: 1 }],
      [200, { kv: 0, d1_queries: 2, d1_rows_written: 0, do: 1 }],
    ]);

    // Once both have expired, the cron's maintenance deletes the session's upload and
    // conversion and recounts the storage budget: 3 more rows written.
    const ops = new Ops(env);
    const report = await runMaintenance(getCore(), ops, Date.now() + 3 * HOUR);
    expect(report).toMatchObject({ deletedUploads: 1, deletedConversions: 1, deletedChunks: 0, complete: true });
    expect(ops.counts()).toMatchObject({ kv: 0, d1Queries: 7, d1RowsWritten: 3, do: 0 });
    expect(ops.counts().d1RowsRead).toBeLessThanOrEqual(30);
  });

  it("1b: a session in steps writes its upload and its plan, each with its storage charge, nothing per step: 4 rows however many groups", async () => {
    const c = newClient({ rotateNetwork: true });
    const up = await c.upload(weightFiles(300));
    const { uploadId } = await up.json();
    // A file to send with its step makes it a session in steps.
    const tcx = "Takeout/Fitbit/Activities/1.tcx";
    const convert = await c.postJson("/api/convert", { uploadId, files: { [tcx]: 0 } });
    const session = await convert.json();
    expect(session.complete).toBe(false);
    const later = [];
    for (const [n, g] of session.groups.entries()) {
      const fd = new FormData();
      for (const name of g.send) fd.append("file", new Blob([]), name);
      later.push(await c.fetch(`/api/convert/${session.conversionId}/groups/${n}`, { method: "POST", body: fd }));
    }
    expect(later.map((r) => r.status)).toEqual(session.groups.map(() => 200));
    const written = [up, convert, ...later].map((r) => opsOf(r).d1_rows_written);
    expect(written).toEqual([2, 2, ...session.groups.map(() => 0)]);
  });
});

it("2: the limiter's SQLite rows: a new client's first charged request writes 3, each later one 1, a usage read 1 (it is charged)", async () => {
  const stub = env.RATE_LIMIT_DO.get(env.RATE_LIMIT_DO.idFromName("operating-costs-client"));
  const per = await runInDurableObject(stub, async (limiter, state) => {
    // Count the rows each statement reads and writes, as the platform bills them.
    const sql = state.storage.sql;
    const exec = sql.exec.bind(sql);
    const tally = { read: 0, written: 0 };
    sql.exec = (...args) => {
      const cursor = exec(...args);
      const rows = cursor.toArray();
      tally.read += cursor.rowsRead;
      tally.written += cursor.rowsWritten;
      return { toArray: () => rows, one: () => rows[0] };
    };
    const step = (fn) => {
      const before = { ...tally };
      fn();
      return { read: tally.read - before.read, written: tally.written - before.written };
    };
    return [
      step(() => limiter.decide({ cls: "upload" })),
      step(() => limiter.decide({ cls: "validate" })),
      step(() => limiter.decide({ cls: "convert" })),
      step(() => limiter.usage({})),
    ];
  });
  // Reads: only a fresh instance's first request reads rows; later decisions use the state it
  // loaded then.
  expect(per).toEqual([{ read: 2, written: 3 }, { read: 0, written: 1 }, { read: 0, written: 1 }, { read: 0, written: 1 }]);
});

it("3: one cron run: 1 DO call, 1 KV read, 9 D1 queries, 2 rows written (the health record, the storage recount)", async () => {
  const ops = new Ops(env);
  const result = await runScheduled(env, ops, getCore(), Date.now());
  expect(result.status).toBe("ok");
  expect(ops.counts()).toMatchObject({ kv: 1, d1Queries: 9, d1RowsWritten: 2, do: 1 });
});
