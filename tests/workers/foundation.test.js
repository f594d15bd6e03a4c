// The skeleton, proven live inside workerd: the WASM core loads and answers, the migrations
// applied, and the DO, D1 and KV bindings are real.
import { env, SELF, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import wasmModule from "../../worker-shim/generated/core.wasm";
import { createCore, CoreError } from "../../worker-shim/shared/core.js";

describe("foundation", () => {
  it("1: the WASM core instantiates in workerd and answers a TTL request", () => {
    const core = createCore(wasmModule);
    expect(core.callJson("ts_ttl_expiry", { class: "conversion", createdAt: 1000, now: 7200999 })).toEqual({
      expiresAt: 7201000, lifetimeMs: 7200000, live: true, remainingMs: 1,
    });
  });

  it("2: a core error arrives as CoreError with the core's message", () => {
    const core = createCore(wasmModule);
    let caught;
    try {
      core.callJson("ts_ttl_plan", { now: 1, expiredUploads: 1, expiredConversions: 0, queryBudget: 4, batchRows: 0 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CoreError);
    expect(caught.code).toBe("invalid_argument");
    expect(caught.message).toContain("batch_rows must be positive");
  });

  it("3: the migrations created every table, and no expiry index (ids begin with their expiry; chunks go with their parent)", async () => {
    const { results } = await env.DB.prepare(
      "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name",
    ).all();
    const names = results.map((r) => r.name);
    for (const n of ["uploads", "conversions", "file_chunks", "health"]) expect(names).toContain(n);
    for (const n of ["idx_uploads_expires_at", "idx_conversions_expires_at", "idx_file_chunks_expires_at"]) expect(names).not.toContain(n);
  });

  it("4: the Durable Object binding reaches a real SQLite-backed AtomicRateLimiter", async () => {
    const stub = env.RATE_LIMIT_DO.get(env.RATE_LIMIT_DO.idFromName("foundation-test"));
    expect(await stub.ping()).toEqual({ ok: true });
    const kind = await runInDurableObject(stub, (_instance, state) => typeof state.storage.sql?.exec);
    expect(kind).toBe("function");
  });

  it("5: the KV binding is live (write, read back, delete)", async () => {
    await env.DEGRADED_KV.put("foundation-test", "v1");
    expect(await env.DEGRADED_KV.get("foundation-test")).toBe("v1");
    await env.DEGRADED_KV.delete("foundation-test");
    expect(await env.DEGRADED_KV.get("foundation-test")).toBeNull();
  });
});

describe("HTTP", () => {
  it("6: /api/status says plainly that no probe has run yet", async () => {
    const res = await SELF.fetch("https://example.com/api/status");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.status).toBe("unknown");
    expect(body.checkedAt).toBeNull();
    expect(body.detail).toMatch(/has not run/);
    // The newest health row and the recent degraded-mode count (two indexed reads) and the
    // one limiter call; no KV.
    expect(res.headers.get("x-trackersync-ops")).toMatch(/^kv=0, d1_queries=2, d1_rows_read=\d, d1_rows_written=0, do=1$/);
  });

  it("7: /api/status returns the newest health record with its age", async () => {
    const t = Date.now() - 60_000;
    await env.DB.prepare("INSERT INTO health (checked_at, status, components, details) VALUES (?, 'ok', ?, '{}'), (?, 'down', '{}', '{}')")
      .bind(t, JSON.stringify({ d1: { ok: true, ms: 3 } }), t - 600_000).run();
    const body = await (await SELF.fetch("https://example.com/api/status")).json();
    expect(body.status).toBe("ok");
    expect(body.checkedAt).toBe(new Date(t).toISOString());
    expect(body.ageSeconds).toBeGreaterThanOrEqual(60);
    expect(body.components).toEqual({ d1: { ok: true, ms: 3 } });
  });

  it("8: an unknown /api path is a problem+json 404, never a stack", async () => {
    const res = await SELF.fetch("https://example.com/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({ status: 404, title: "Not found" });
    expect(body.detail).toContain("/api/nope");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it("9: a wrong method is a 405 with Allow", async () => {
    const res = await SELF.fetch("https://example.com/api/status", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect((await res.json()).detail).toMatch(/DELETE is not allowed/);
  });

  it("10: the page is served from static assets", async () => {
    const res = await SELF.fetch("https://example.com/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<h1>TrackerSync</h1>");
  });
});
