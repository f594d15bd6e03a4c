// The limiter inside workerd, against real SQLite-backed AtomicRateLimiter instances.
// RPC tests pass `now`, so they are exact; HTTP tests use the real clock and only assert what
// cannot change within a few seconds (the default "usage" tier refills one request per 2.9 s).
// Every test uses its own client (DO name or User-Agent), so no test sees another's state.
import { env, SELF, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker-shim/index.js";
import { clientKey, ipSubnet } from "../../worker-shim/limiter/identity.js";
import { limiterFor } from "../../worker-shim/limiter/policy.js";

const T = 1_800_000_000_000; // a fixed "now" for RPC tests (2027-01-15)
const stubFor = (name) => env.RATE_LIMIT_DO.get(env.RATE_LIMIT_DO.idFromName(name));
const count = (decisions) => {
  const c = { allowed: 0, limited: 0, blocked: 0 };
  for (const d of decisions) c[d.verdict] += 1;
  return c;
};
const storedRows = (stub) =>
  runInDurableObject(stub, (_obj, state) => {
    const sql = state.storage.sql;
    const table = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'limiter_state'").toArray();
    return table.length ? sql.exec("SELECT COUNT(*) AS n FROM limiter_state").one().n : 0;
  });
const get = (path, ua, ip = "198.51.100.20") =>
  SELF.fetch(`https://example.com${path}`, { headers: { "user-agent": ua, "cf-connecting-ip": ip } });

describe("AtomicRateLimiter (RPC, real DO)", () => {
  it("1: 100 concurrent requests from one client against a burst limit of 10 admit exactly 10", async () => {
    const stub = stubFor("rpc-concurrent");
    // Default "usage" tier: 30 per minute, burst 10. All 100 arrive at the same instant.
    const decisions = await Promise.all(Array.from({ length: 100 }, () => stub.decide({ cls: "usage", now: T })));
    // Serialized in the DO: 10 admitted; then 1 free refusal + 20 strikes (refusals that ignore
    // Retry-After); the 20th strike blocks, and every later request is refused as blocked.
    expect(count(decisions)).toEqual({ allowed: 10, limited: 20, blocked: 70 });
    const admitted = decisions.filter((d) => d.verdict === "allowed").map((d) => d.tiers[0].remaining);
    expect(admitted.sort((a, b) => b - a)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it("2: a client blocked by one request is refused on the very next, in any class, until the block ends", async () => {
    const stub = stubFor("rpc-block");
    let d;
    let n = 0;
    do {
      d = await stub.decide({ cls: "upload", now: T });
      n += 1;
    } while (d.verdict !== "blocked" && n < 100);
    // Upload burst 5, then 1 free refusal and 20 strikes: request 26 is the one that blocks.
    expect(n).toBe(26);
    expect(d.blockedUntilMs).toBe(T + 300_000);
    const stored = () => runInDurableObject(stub, (_o, state) => [...new Uint8Array(state.storage.sql.exec("SELECT state FROM limiter_state").one().state)]);
    const atBlock = await stored();
    const next = await stub.decide({ cls: "usage", now: T + 1 });
    expect(next).toMatchObject({ verdict: "blocked", blockedUntilMs: T + 300_000, retryAfterMs: 299_999 });
    expect(await stored()).toEqual(atBlock); // refusals while blocked write nothing
    expect((await stub.decide({ cls: "usage", now: T + 299_999 })).verdict).toBe("blocked");
    expect((await stub.decide({ cls: "usage", now: T + 300_000 })).verdict).toBe("allowed");
  });

  it("3: two clients never share state", async () => {
    const a = stubFor("rpc-client-a");
    const b = stubFor("rpc-client-b");
    for (let i = 0; i < 6; i++) await a.decide({ cls: "convert", now: T });
    expect((await a.decide({ cls: "convert", now: T })).verdict).toBe("limited");
    const fresh = await b.decide({ cls: "convert", now: T });
    expect(fresh.verdict).toBe("allowed");
    expect(fresh.tiers.map((t) => t.remaining)).toEqual([1, 2, 9]); // convert burst 2 / 3 / 10, minus one
    expect(fresh.level).toBe(0);
    expect(await storedRows(a)).toBe(1);
    expect(await storedRows(b)).toBe(1);
  });

  it("4: the alarm deletes idle state, and keeps state that is not idle yet", async () => {
    const idle = stubFor("rpc-alarm-idle");
    // Decided two days ago: every tier, strike and block has decayed since.
    await idle.decide({ cls: "upload", now: Date.now() - 2 * 86_400_000 });
    expect(await storedRows(idle)).toBe(1);
    expect(await runDurableObjectAlarm(idle)).toBe(true);
    expect(await storedRows(idle)).toBe(0);
    expect(await runInDurableObject(idle, (_o, state) => state.storage.getAlarm())).toBeNull();

    const busy = stubFor("rpc-alarm-busy");
    const d = await busy.decide({ cls: "upload", now: Date.now() });
    expect(await runDurableObjectAlarm(busy)).toBe(true); // fires early: the state is not idle
    expect(await storedRows(busy)).toBe(1);
    const next = await runInDurableObject(busy, (_o, state) => state.storage.getAlarm());
    expect(next).toBeGreaterThanOrEqual(d.tiers[2].resetMs + Date.now() - 5_000); // rescheduled for idle time
    // After the deletion the client starts fresh — with nothing it had not already earned back.
    const again = await idle.decide({ cls: "upload", now: Date.now() });
    expect(again.tiers.map((t) => t.remaining)).toEqual([4, 4, 19]);
  });

  it("5: usage() reads every class without charging and without creating storage", async () => {
    const stub = stubFor("rpc-usage");
    const before = await stub.usage({ now: T });
    expect(Object.keys(before.classes)).toEqual(["upload", "validate", "convert", "download", "usage", "step"]);
    expect(before.classes.upload.tiers.map((t) => [t.name, t.limit, t.remaining])).toEqual([
      ["upload-minute", 10, 5], ["upload-5min", 20, 5], ["upload-day", 200, 20],
    ]);
    expect(await storedRows(stub)).toBe(0);
    await stub.decide({ cls: "upload", now: T });
    const after = await stub.usage({ now: T });
    const again = await stub.usage({ now: T });
    expect(after.classes.upload.tiers.map((t) => t.remaining)).toEqual([4, 4, 19]);
    expect(again).toEqual(after);
  });
});

describe("identity", () => {
  it("6: the client key blends fingerprint and subnet: same browser + subnet = same key, cookies ignored", async () => {
    const req = (ua, ip, extra = {}) => new Request("https://x/", { headers: { "user-agent": ua, "cf-connecting-ip": ip, ...extra } });
    const k = await clientKey(req("A", "203.0.113.7"));
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(await clientKey(req("A", "203.0.113.200", { cookie: "ts=other" }))).toBe(k); // same /24, cookie cleared or changed
    expect(await clientKey(req("B", "203.0.113.7"))).not.toBe(k); // another browser behind the same NAT
    expect(await clientKey(req("A", "203.0.114.7"))).not.toBe(k); // another subnet
    expect(ipSubnet("2001:db8:1:2aff::1")).toBe("2001:db8:1:2a00::/56");
    expect(ipSubnet("::ffff:203.0.113.9")).toBe("203.0.113.0/24");
  });
});

describe("middleware (HTTP)", () => {
  it("7: every /api response carries RateLimit-Policy and RateLimit; the request costs one DO call", async () => {
    const res = await get("/api/status", "http-headers");
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-policy")).toBe('"usage-minute";q=30;w=60');
    expect(res.headers.get("ratelimit")).toMatch(/^"usage-minute";r=9;t=3$/);
    expect(res.headers.get("x-trackersync-ops")).toMatch(/do=1$/);
    for (const [path, status] of [["/api/nope", 404], ["/api/usage/me", 200]]) {
      const r = await get(path, "http-headers");
      expect(r.status).toBe(status);
      expect(r.headers.get("ratelimit-policy")).toContain('"usage-minute";q=30;w=60');
      expect(r.headers.get("ratelimit")).toMatch(/^"usage-minute";r=\d+;t=\d+$/);
    }
    const r405 = await SELF.fetch("https://example.com/api/status", { method: "DELETE", headers: { "user-agent": "http-headers" } });
    expect(r405.status).toBe(405);
    expect(r405.headers.get("ratelimit")).not.toBeNull();
  });

  it("8: /api/usage/me shows every class's limits and charges none of them", async () => {
    const first = await get("/api/usage/me", "http-usage");
    const second = await get("/api/usage/me", "http-usage");
    expect(first.headers.get("ratelimit")).toBe('"usage-minute";r=10;t=0');
    expect(second.headers.get("ratelimit")).toBe('"usage-minute";r=10;t=0');
    expect(second.headers.get("x-trackersync-ops")).toMatch(/kv=0, d1_queries=0, .*do=1$/);
    const body = await second.json();
    expect(body).toMatchObject({ blocked: false, blockedUntil: null, suspicionLevel: 0 });
    expect(body.classes.convert).toEqual([
      { name: "convert-minute", limit: 3, windowSeconds: 60, remaining: 2, resetSeconds: 0 },
      { name: "convert-hour", limit: 10, windowSeconds: 3600, remaining: 3, resetSeconds: 0 },
      { name: "convert-day", limit: 30, windowSeconds: 86400, remaining: 10, resetSeconds: 0 },
    ]);
  });

  it("9: over the limit: 429 problem+json with Retry-After, then a 403 that says when the block ends", async () => {
    const statuses = [];
    let res;
    for (let i = 0; i < 45 && statuses.at(-1) !== 403; i++) {
      res = await get("/api/status", "http-abuser");
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect((await res.json()).detail).toMatch(/usage-minute limit allows 30 per 60 s\. Try again in \d+ s/);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    expect(statuses.at(-1)).toBe(403);
    const body = await res.json();
    expect(body.status).toBe(403);
    expect(Date.parse(body.blockedUntil)).toBeGreaterThan(Date.now() + 290_000);
    expect(body.detail).toContain(`blocked until ${body.blockedUntil}`);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(290);
    // The very next request — even the free usage read — is refused.
    const next = await get("/api/usage/me", "http-abuser");
    expect(next.status).toBe(403);
    expect(next.headers.get("ratelimit")).not.toBeNull();
  });

  it("10: a noisy client does not touch a quiet one behind the same NAT", async () => {
    const noisy = Promise.all(Array.from({ length: 60 }, () => get("/api/status", "http-noisy", "192.0.2.10")));
    const quiet = [];
    for (let i = 0; i < 5; i++) quiet.push(await get("/api/status", "http-quiet", "192.0.2.11"));
    const noisyStatuses = (await noisy).map((r) => r.status);
    expect(noisyStatuses.filter((s) => s !== 200).length).toBeGreaterThanOrEqual(45);
    expect(quiet.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(quiet.at(-1).headers.get("ratelimit")).toMatch(/^"usage-minute";r=5;/);
  });

  it("11: a bad LIMITER_POLICY is refused at first use with a 503 naming the field", async () => {
    expect(() => limiterFor({ LIMITER_POLICY: '{"classes":{"upload":[{"name":"m","limit":2,"periodMs":1000,"burst":3}]}}' })).toThrow(
      "LIMITER_POLICY is invalid: limiter policy: classes.upload[0].burst must be between 1 and 2",
    );
    const res = await worker.fetch(new Request("https://example.com/api/status"), { ...env, LIMITER_POLICY: '{"clases":{}}' });
    expect(res.status).toBe(503);
    expect((await res.json()).detail).toContain("LIMITER_POLICY is invalid: limiter policy: (top level) has an unknown field 'clases'");
    limiterFor(env); // back to the configured policy for the rest of this isolate
  });
});
