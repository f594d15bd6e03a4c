// The cron: health probe, health record, TTL maintenance — against real local D1, DO and KV.
// Faults are injected by handing runScheduled a test env whose binding fails; no production
// code path can switch a fault on.
import { env, SELF, createScheduledController, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker, { getCore } from "../../worker-shim/index.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { runScheduled } from "../../worker-shim/cron/scheduled.js";
import { runMaintenance } from "../../worker-shim/cron/maintenance.js";
import { expiryPrefix } from "../../worker-shim/storage/ids.js";

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

async function seed({ table, id, n, expiresAt, chunks = 2, prefix }) {
  const stmts = [];
  for (let i = 0; i < n; i++) {
    // Ids begin with their expiry, as the Worker makes them (storage/ids.js).
    const rowId = `${expiryPrefix(expiresAt)}${prefix}-${String(i).padStart(5, "0")}`;
    if (table === "uploads") {
      stmts.push(env.DB.prepare("INSERT INTO uploads (upload_id, owner, metadata, created_at, expires_at) VALUES (?, 'o', '{}', ?, ?)").bind(rowId, expiresAt - HOUR, expiresAt));
    } else {
      stmts.push(env.DB.prepare("INSERT INTO conversions (conversion_id, upload_id, owner, metadata, created_at, expires_at) VALUES (?, 'u', 'o', '{}', ?, ?)").bind(rowId, expiresAt - 2 * HOUR, expiresAt));
    }
    for (let c = 0; c < chunks; c++) {
      stmts.push(env.DB.prepare("INSERT INTO file_chunks (parent_id, file_index, chunk_index, base64, expires_at) VALUES (?, 0, ?, ?, ?)").bind(rowId, c, "AQID", expiresAt));
    }
  }
  for (let i = 0; i < stmts.length; i += 200) await env.DB.batch(stmts.slice(i, i + 200));
  return id;
}

async function count(sql, ...p) {
  return (await env.DB.prepare(sql).bind(...p).first()).n;
}

describe("maintenance", () => {
  beforeEach(async () => {
    await env.DB.batch([env.DB.prepare("DELETE FROM uploads"), env.DB.prepare("DELETE FROM conversions"), env.DB.prepare("DELETE FROM file_chunks")]);
  });

  it("1: deletes exactly the expired rows and their chunks; live rows and their chunks stay", async () => {
    await seed({ table: "uploads", n: 250, expiresAt: T0 - 1, prefix: "up-old" });
    await seed({ table: "uploads", n: 30, expiresAt: T0 + 1, prefix: "up-live" });
    await seed({ table: "uploads", n: 5, expiresAt: T0, prefix: "up-edge" }); // expires_at == now: already invisible, so deletable
    await seed({ table: "conversions", n: 120, expiresAt: T0 - 5 * HOUR, prefix: "cv-old" });
    await seed({ table: "conversions", n: 7, expiresAt: T0 + HOUR, prefix: "cv-live" });
    const ops = new Ops(env);
    const report = await runMaintenance(getCore(), ops, T0);
    expect(report).toEqual({
      expiredUploads: 255, expiredConversions: 120, deletedUploads: 255, deletedConversions: 120,
      deletedChunks: 2 * 375, complete: true, queries: 2 + 2 * (3 + 2) + 1, // + the storage recount
    });
    expect(await count("SELECT COUNT(*) AS n FROM uploads")).toBe(30);
    expect(await count("SELECT COUNT(*) AS n FROM uploads WHERE upload_id LIKE '%up-live-%'")).toBe(30);
    expect(await count("SELECT COUNT(*) AS n FROM conversions")).toBe(7);
    expect(await count("SELECT COUNT(*) AS n FROM file_chunks")).toBe(2 * 37);
    expect(await count("SELECT COUNT(*) AS n FROM file_chunks WHERE expires_at <= ?", T0)).toBe(0);
    expect(ops.d1Queries).toBe(report.queries);
    expect(ops.kv).toBe(0);
  });

  it("2: running it twice changes nothing more", async () => {
    await seed({ table: "uploads", n: 40, expiresAt: T0 - 1, prefix: "a" });
    await seed({ table: "uploads", n: 3, expiresAt: T0 + 1, prefix: "b" });
    await runMaintenance(getCore(), new Ops(env), T0);
    const before = await count("SELECT COUNT(*) AS n FROM file_chunks");
    const again = await runMaintenance(getCore(), new Ops(env), T0);
    expect(again).toEqual({ expiredUploads: 0, expiredConversions: 0, deletedUploads: 0, deletedConversions: 0, deletedChunks: 0, complete: true, queries: 3 });
    expect(await count("SELECT COUNT(*) AS n FROM file_chunks")).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM uploads")).toBe(3);
  });

  it("3: a small budget deletes oldest uploads first, in batches, and the next run continues", async () => {
    await seed({ table: "uploads", n: 250, expiresAt: T0 - 10, prefix: "up", chunks: 1 });
    await seed({ table: "conversions", n: 10, expiresAt: T0 - 10, prefix: "cv", chunks: 1 });
    // A budget of 5: two batches of two statements, and the storage recount.
    const first = await runMaintenance(getCore(), new Ops(env), T0, { queryBudget: 5, batchRows: 100 });
    expect(first).toMatchObject({ deletedUploads: 200, deletedConversions: 0, deletedChunks: 200, complete: false, queries: 7 });
    const second = await runMaintenance(getCore(), new Ops(env), T0, { queryBudget: 5, batchRows: 100 });
    expect(second).toMatchObject({ deletedUploads: 50, deletedConversions: 10, deletedChunks: 60, complete: true });
    expect(await count("SELECT COUNT(*) AS n FROM file_chunks")).toBe(0);
  });
});

describe("cron run", () => {
  it("4: writes one health record with every component ok, and /api/status shows it", async () => {
    const ctrl = createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled(ctrl, env, ctx);
    await waitOnExecutionContext(ctx);
    const body = await (await SELF.fetch("https://example.com/api/status")).json();
    expect(body.status).toBe("ok");
    expect(Object.keys(body.components).sort()).toEqual(["d1", "do", "kv"]);
    for (const c of Object.values(body.components)) expect(c.ok).toBe(true);
    expect(body.ageSeconds).toBeLessThan(60);
    expect(body.details.maintenance).toMatchObject({ deletedUploads: 0, complete: true });
  });

  it("5: one run's own operations are counted and bounded: 1 DO call, 1 KV read, no KV write, 9 D1 queries", async () => {
    const ops = new Ops(env);
    await runScheduled(env, ops, getCore(), T0);
    expect(ops.doCalls).toBe(1);
    expect(ops.kv).toBe(1);
    // probe 1 + expired counts 2 + storage recount 1 + blocklist read/prune 2 + health
    // insert/prune x2 3; deletion batches come on top, bounded by the 40-query budget with the
    // recount (test 1 and 3).
    expect(ops.d1Queries).toBe(9);
  });

  it("6: old health records are pruned after a week", async () => {
    await env.DB.prepare("INSERT INTO health (checked_at, status, components) VALUES (?, 'ok', '{}')").bind(T0 - 8 * 24 * HOUR).run();
    await runScheduled(env, new Ops(env), getCore(), T0);
    expect(await count("SELECT COUNT(*) AS n FROM health WHERE checked_at < ?", T0 - 7 * 24 * HOUR)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM health WHERE checked_at = ?", T0)).toBe(1);
  });
});

describe("faults (test env only)", () => {
  const broken = (err) => ({ get() { throw err; }, prepare() { throw err; }, idFromName() { throw err; } });

  it("7: KV failing: the run completes, KV is marked down, status degraded", async () => {
    const r = await runScheduled({ ...env, DEGRADED_KV: broken(new TypeError("kv down")) }, new Ops({ ...env, DEGRADED_KV: broken(new TypeError("kv down")) }), getCore(), T0 + 1);
    expect(r.status).toBe("degraded");
    expect(r.components.kv).toMatchObject({ ok: false, error: "TypeError" });
    expect(r.components.d1.ok).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM health WHERE checked_at = ?", T0 + 1)).toBe(1);
  });

  it("8: the DO hanging past the deadline is marked down without holding the run", async () => {
    const hangingNs = { idFromName: () => "x", get: () => ({ ping: () => new Promise(() => {}) }) };
    const testEnv = { ...env, RATE_LIMIT_DO: hangingNs };
    const r = await runScheduled(testEnv, new Ops(testEnv), getCore(), T0 + 2, { probe: { deadlineMs: 50 } });
    expect(r.status).toBe("degraded");
    expect(r.components.do).toMatchObject({ ok: false, error: "DeadlineError" });
  });

  it("9: D1 failing: status down, no maintenance, nothing thrown; the next healthy run recovers", async () => {
    const testEnv = { ...env, DB: broken(new Error("D1_ERROR")) };
    const r = await runScheduled(testEnv, new Ops(testEnv), getCore(), T0 + 3);
    expect(r.status).toBe("down");
    expect(r.details.maintenance).toEqual({ skipped: "d1 unavailable" });
    const ok = await runScheduled(env, new Ops(env), getCore(), T0 + 4);
    expect(ok.status).toBe("ok");
  });
});

describe("blocklist snapshot", () => {
  const key = "blocklist:v1";
  beforeEach(async () => {
    await env.DB.prepare("DELETE FROM blocks").run();
    await env.DEGRADED_KV.delete(key);
  });

  it("10: written when it changes, not rewritten when it does not; ended blocks leave it", async () => {
    await env.DB.prepare("INSERT INTO blocks (client_key, blocked_until, level, updated_at) VALUES ('k2', ?, 1, ?), ('k1', ?, 2, ?), ('old', ?, 1, ?)")
      .bind(T0 + HOUR, T0, T0 + 2 * HOUR, T0, T0 - 1, T0 - HOUR).run();
    const first = new Ops(env);
    const r1 = await runScheduled(env, first, getCore(), T0);
    expect(r1.details.blocklist).toEqual({ written: true, entries: 2 });
    expect(JSON.parse(await env.DEGRADED_KV.get(key))).toEqual({ v: 1, entries: [["k1", T0 + 2 * HOUR], ["k2", T0 + HOUR]] });
    expect(first.kv).toBe(2); // the probe's read + one write

    const second = new Ops(env);
    const r2 = await runScheduled(env, second, getCore(), T0 + 300_000);
    expect(r2.details.blocklist).toEqual({ written: false, entries: 2 });
    expect(second.kv).toBe(1); // read only

    const r3 = await runScheduled(env, new Ops(env), getCore(), T0 + HOUR); // k2's block ends
    expect(r3.details.blocklist).toEqual({ written: true, entries: 1 });
    expect(JSON.parse(await env.DEGRADED_KV.get(key)).entries).toEqual([["k1", T0 + 2 * HOUR]]);
  });

  it("10b: no blocks and no snapshot yet: nothing is written", async () => {
    const ops = new Ops(env);
    const r = await runScheduled(env, ops, getCore(), T0);
    expect(r.details.blocklist).toEqual({ written: false, entries: 0 });
    expect(ops.kv).toBe(1);
    expect(await env.DEGRADED_KV.get(key)).toBeNull();
  });

  it("11: with KV down the snapshot is not written blindly", async () => {
    await env.DB.prepare("INSERT INTO blocks (client_key, blocked_until, level, updated_at) VALUES ('k', ?, 1, ?)").bind(T0 + HOUR, T0).run();
    const badKv = { get() { throw new TypeError("kv down"); }, put() { throw new Error("must not write"); } };
    const testEnv = { ...env, DEGRADED_KV: badKv };
    const r = await runScheduled(testEnv, new Ops(testEnv), getCore(), T0);
    expect(r.details.blocklist).toEqual({ skipped: "kv unavailable" });
  });
});

describe("status", () => {
  it("12: /api/status says whether degraded mode was used in the last 15 minutes", async () => {
    const now = Date.now();
    let body = await (await SELF.fetch("https://example.com/api/status")).json();
    expect(body.degradedMode).toEqual({ usedRecently: false, decisionsLast15Min: 0, lastUsedAt: null });
    const minute = Math.floor(now / 60000) * 60000;
    await env.DB.prepare("INSERT INTO degraded_events (isolate_id, minute, decisions) VALUES ('i1', ?, 3), ('i2', ?, 4), ('i3', ?, 50)")
      .bind(minute, minute, minute - 20 * 60000).run();
    body = await (await SELF.fetch("https://example.com/api/status")).json();
    expect(body.degradedMode).toEqual({ usedRecently: true, decisionsLast15Min: 7, lastUsedAt: new Date(minute).toISOString() });
  });
});
