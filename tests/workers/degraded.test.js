// Degraded mode against real local bindings. Faults are injected by handing the Worker a test
// env whose RATE_LIMIT_DO fails; no request can switch a fault on in production code.
import { env, SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker, { getCore } from "../../worker-shim/index.js";
import { Ops } from "../../worker-shim/storage/ops.js";
import { runScheduled } from "../../worker-shim/cron/scheduled.js";
import { resetDegradedState } from "../../worker-shim/limiter/degraded.js";

const URL_STATUS = "https://example.com/api/status";
const client = (n) => ({ "cf-connecting-ip": `198.51.${n}.7`, "user-agent": `degraded-test-${n}` });

const throwingDo = {
  idFromName: (n) => env.RATE_LIMIT_DO.idFromName(n),
  get: () => ({
    decide: async () => { throw new Error("Durable Object reset because its code was updated"); },
    usage: async () => { throw new Error("Durable Object reset"); },
  }),
};
const hangingDo = {
  idFromName: (n) => env.RATE_LIMIT_DO.idFromName(n),
  get: () => ({ decide: () => new Promise(() => {}), usage: () => new Promise(() => {}) }),
};
const doThrows = { ...env, RATE_LIMIT_DO: throwingDo };
const doHangs = { ...env, RATE_LIMIT_DO: hangingDo, LIMITER_DEADLINE_MS: "50" };

const get = (e, headers, path = URL_STATUS) => worker.fetch(new Request(path, { headers }), e);
const opsOf = (res) => Object.fromEntries(res.headers.get("x-trackersync-ops").split(", ").map((p) => p.split("=")).map(([k, v]) => [k, Number(v)]));

beforeEach(() => resetDegradedState());

describe("degraded mode", () => {
  it("1: DO throwing: the request is still decided (same limits, headers) and says it was degraded", async () => {
    const res = await get(doThrows, client(1));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-trackersync-degraded")).toBe("limiter");
    // Without a cookie: the minted client's own tier (30 a minute, burst 10: T = 2858 ms) and
    // the network's ceiling, T = ceil(60000 / (120 - 20 + 1)) ms.
    expect(res.headers.get("ratelimit-policy")).toBe('"usage-minute";q=30;w=60, "network-usage-minute";q=120;w=60');
    expect(res.headers.get("ratelimit")).toBe('"usage-minute";r=9;t=3, "network-usage-minute";r=19;t=1');
    // One attempted DO call, one KV read of the blocklist snapshot, one degraded-use record.
    expect(opsOf(res)).toMatchObject({ kv: 1, do: 1 });
  });

  it("2: KV is read at most once per isolate per minute", async () => {
    const first = await get(doThrows, client(2));
    const second = await get(doThrows, client(3));
    expect(opsOf(first).kv).toBe(1);
    expect(opsOf(second).kv).toBe(0);
  });

  it("3: the limits hold in degraded mode: a client's burst of 10 passes, the 11th is a 429", async () => {
    const first = await get(doThrows, client(4)); // no cookie yet: the minted client's first of its 10
    const headers = { ...client(4), cookie: first.headers.get("set-cookie").split(";")[0] };
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(doThrows, headers)).status);
    expect(statuses).toEqual([...Array(9).fill(200), 429]);
  });

  it("4: DO hanging past the deadline: decided in degraded mode, not held", async () => {
    const res = await get(doHangs, client(5));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-trackersync-degraded")).toBe("limiter");
  });

  it("5: /api/usage/me works degraded, from the isolate's own state", async () => {
    for (let i = 0; i < 3; i++) await get(doThrows, client(6));
    const res = await get(doThrows, client(6), "https://example.com/api/usage/me");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-trackersync-degraded")).toBe("limiter");
    const body = await res.json();
    expect(JSON.stringify(body)).toContain("usage");
  });

  it("6: when the DO is back, the next request uses it again — no restart, no switch", async () => {
    expect((await get(doThrows, client(7))).headers.get("x-trackersync-degraded")).toBe("limiter");
    const back = await get(env, client(7));
    expect(back.status).toBe(200);
    expect(back.headers.get("x-trackersync-degraded")).toBeNull();
    expect(opsOf(back)).toMatchObject({ kv: 0, do: 1 });
  });

  it("7: degraded use is recorded (at most once a minute per isolate) and shown by /api/status", async () => {
    for (let i = 0; i < 3; i++) await get(doThrows, client(8));
    const status = await (await SELF.fetch(URL_STATUS)).json();
    expect(status.degradedMode.usedRecently).toBe(true);
    expect(status.degradedMode.decisionsLast15Min).toBeGreaterThanOrEqual(1);
  });
});

describe("a client blocked before the DO failed", () => {
  it("8: stays blocked in degraded mode (DO -> D1 blocks -> cron -> KV snapshot -> degraded isolate)", async () => {
    const headers = client(9);
    let last;
    for (let i = 0; i < 200; i++) {
      last = await SELF.fetch(URL_STATUS, { headers });
      if (last.status === 403) break;
    }
    expect(last.status).toBe(403);
    // The DO records the block in D1 off its critical path; wait for that write (bounded).
    let row = null;
    for (let i = 0; i < 100 && !row; i++) {
      row = await env.DB.prepare("SELECT blocked_until FROM blocks LIMIT 1").first();
      if (!row) await new Promise((r) => setTimeout(r, 10));
    }
    expect(row).not.toBeNull();
    const cron = await runScheduled(env, new Ops(env), getCore(), Date.now());
    expect(cron.details.blocklist).toMatchObject({ written: true, entries: 1 });

    const res = await get(doThrows, headers);
    expect(res.status).toBe(403);
    expect(res.headers.get("x-trackersync-degraded")).toBe("limiter");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).blockedUntil).toBe(new Date(row.blocked_until).toISOString());
    // Another client is not affected.
    expect((await get(doThrows, client(10))).status).toBe(200);
  }, 60_000);
});

describe("the happy path", () => {
  it("9: with the DO healthy, no request reads KV", async () => {
    for (const path of [URL_STATUS, "https://example.com/api/usage/me"]) {
      const res = await SELF.fetch(path, { headers: client(11) });
      expect(opsOf(res).kv).toBe(0);
      expect(res.headers.get("x-trackersync-degraded")).toBeNull();
    }
  });
});

describe("other bindings failing", () => {
  const failing = (err) => ({
    get() { throw err; },
    prepare() { throw err; },
    batch() { throw err; },
  });

  it("10: D1 failing: a 503 problem+json a person can act on, no stack; D1 back: served again", async () => {
    const res = await get({ ...env, DB: failing(new Error("D1_ERROR: database unavailable")) }, client(12));
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body.detail).toMatch(/try again/);
    expect(JSON.stringify(body)).not.toMatch(/D1_ERROR|at .*\.js:\d+/);
    expect((await get(env, client(12))).status).toBe(200);
  });

  it("11: DO and KV failing together: still serving from isolate-local state", async () => {
    const res = await get({ ...doThrows, DEGRADED_KV: failing(new TypeError("kv down")) }, client(13));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-trackersync-degraded")).toBe("limiter");
  });

  it("12: DO, KV and D1 failing: the limiter still decides; the route answers 503 rather than 500", async () => {
    const res = await get({ ...doThrows, DEGRADED_KV: failing(new TypeError("kv down")), DB: failing(new Error("d1 down")) }, client(14));
    expect(res.status).toBe(503);
    expect(res.headers.get("x-trackersync-degraded")).toBe("limiter");
  });
});
