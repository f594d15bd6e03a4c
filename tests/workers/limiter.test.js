// The limiter inside workerd, against real SQLite-backed AtomicRateLimiter instances (one per
// network, holding the network's state and its clients'). RPC tests pass `now`, so they are
// exact; HTTP tests use the real clock and only assert what cannot change within a few seconds
// (the default "usage" tier refills one request per 2.9 s). Every test uses its own network
// (DO name or CF-Connecting-IP), so no test sees another's state.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker-shim/index.js";
import { blockKey, ipSubnet, limiterName } from "../../worker-shim/limiter/identity.js";
import { limiterFor } from "../../worker-shim/limiter/policy.js";

const T = 1_800_000_000_000; // a fixed "now" for RPC tests (2027-01-15)
// Past the limiter's grace (policy.h: refusals within 1 s of a wait's first, or half its wait, are no strikes).
const pastGrace = () => new Promise((resolve) => setTimeout(resolve, 1100));
const stubFor = (name) => env.RATE_LIMIT_DO.get(env.RATE_LIMIT_DO.idFromName(limiterName(name)));
const count = (decisions) => {
  const c = { allowed: 0, limited: 0, blocked: 0 };
  for (const d of decisions) c[d.verdict] += 1;
  return c;
};
const storedRows = (stub) =>
  runInDurableObject(stub, (_obj, state) => {
    const sql = state.storage.sql;
    const table = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'limiter_states'").toArray();
    return table.length ? sql.exec("SELECT who FROM limiter_states ORDER BY who").toArray().map((r) => r.who) : [];
  });
// The real Worker and bindings, with a limiter deadline long enough that a loaded test machine
// never sends a request to degraded mode (degraded.test.js covers that).
const patient = { ...env, LIMITER_DEADLINE_MS: "60000" };
// A browser: keeps its cookie, comes from `ip`.
function browser(ip) {
  let cookie = null;
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cf-connecting-ip", ip);
    if (cookie) headers.set("cookie", cookie);
    const res = await worker.fetch(new Request(`https://example.com${path}`, { ...init, headers }), patient);
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    return res;
  };
}

describe("AtomicRateLimiter (RPC, real DO)", () => {
  it("1: 100 concurrent requests from one client against a burst limit of 10 admit exactly 10 and strike nothing; a second wave past the grace is struck and blocked", async () => {
    const stub = stubFor("rpc-concurrent");
    const wave = (n, now) => Promise.all(Array.from({ length: n }, () => stub.decide({ network: "rpc-concurrent", client: "c1", cls: "usage", now })));
    // Default "usage" tier: 30 per minute, burst 10 (the network's ceiling: burst 20). All 100
    // arrive at the same instant.
    const decisions = await wave(100, T);
    // Serialized in the DO: 10 admitted; the 90 refusals all came within the grace (1 s) of
    // the first, so none is a strike: they were sent before any Retry-After could arrive.
    expect(count(decisions)).toEqual({ allowed: 10, limited: 90, blocked: 0 });
    const admitted = decisions.filter((d) => d.verdict === "allowed").map((d) => d.tiers[0].remaining);
    expect(admitted.sort((a, b) => b - a)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(decisions.every((d) => d.verdict !== "limited" || (d.refusedBy === "client" && d.level === 0))).toBe(true);
    // 1 s later, still before the Retry-After (2.9 s): 19 strikes, the 20th blocks, the rest are refused as blocked.
    const second = await wave(30, T + 1000);
    expect(count(second)).toEqual({ allowed: 0, limited: 19, blocked: 11 });
    // Every blocked one names the client's block. Not "the last of the array": the DO takes
    // concurrent calls in the order they arrive, which need not be the order they were made
    // (CI run of 2026-12-07: the array's last was one of the 19 strikes, blockedScope null).
    expect(second.filter((d) => d.verdict === "blocked").map((d) => d.blockedScope)).toEqual(Array(11).fill("client"));
  });

  it("2: a client blocked by one request is refused on the very next, in any class, until the block ends", async () => {
    const stub = stubFor("rpc-block");
    const decide = (cls, now) => stub.decide({ network: "rpc-block", client: "c1", cls, now });
    let d;
    let n = 0;
    const TB = T + 1000; // past the grace of the first refusal at T
    do {
      d = await decide("upload", n < 6 ? T : TB);
      n += 1;
    } while (d.verdict !== "blocked" && n < 100);
    // Upload burst 5, then 1 free refusal at T and 20 strikes at TB: request 26 blocks.
    expect(n).toBe(26);
    expect(d.blockedUntilMs).toBe(TB + 300_000);
    const stored = () => runInDurableObject(stub, (_o, state) => state.storage.sql.exec("SELECT who, hex(state) AS s FROM limiter_states ORDER BY who").toArray());
    const atBlock = await stored();
    const next = await decide("usage", TB + 1);
    expect(next).toMatchObject({ verdict: "blocked", blockedUntilMs: TB + 300_000, retryAfterMs: 299_999 });
    expect(await stored()).toEqual(atBlock); // refusals while blocked write nothing
    expect((await decide("usage", TB + 299_999)).verdict).toBe("blocked");
    expect((await decide("usage", TB + 300_000)).verdict).toBe("allowed");
  });

  it("3: two clients of one network share only the ceiling; each has its own row", async () => {
    const stub = stubFor("rpc-two");
    const decide = (client) => stub.decide({ network: "rpc-two", client, cls: "convert", now: T });
    for (let i = 0; i < 6; i++) await decide("a");
    expect((await decide("a")).verdict).toBe("limited");
    const fresh = await decide("b");
    expect(fresh.verdict).toBe("allowed");
    expect(fresh.level).toBe(0);
    expect(fresh.tiers.map((t) => t.remaining)).toEqual([1, 2, 9]); // convert burst 2 / 3 / 10, minus one
    // The ceiling (bursts 4 / 6 / 20) carries both clients' admitted requests: a's 2 and b's 1.
    expect(fresh.ceiling.map((t) => [t.name, t.remaining])).toEqual([["network-convert-minute", 1], ["network-convert-hour", 3], ["network-convert-day", 17]]);
    expect(await storedRows(stub)).toEqual(["", "a", "b"]);
  });

  it("4: the alarm deletes idle states, and keeps states that are not idle yet", async () => {
    const idle = stubFor("rpc-alarm-idle");
    // Decided two days ago: every tier, strike and block has decayed since.
    await idle.decide({ network: "rpc-alarm-idle", client: "c", cls: "upload", now: Date.now() - 2 * 86_400_000 });
    expect(await storedRows(idle)).toEqual(["", "c"]);
    expect(await runDurableObjectAlarm(idle)).toBe(true);
    expect(await storedRows(idle)).toEqual([]);
    expect(await runInDurableObject(idle, (_o, state) => state.storage.getAlarm())).toBeNull();

    const busy = stubFor("rpc-alarm-busy");
    await busy.decide({ network: "rpc-alarm-busy", client: "old", cls: "upload", now: Date.now() - 2 * 86_400_000 });
    const d = await busy.decide({ network: "rpc-alarm-busy", client: "new", cls: "upload", now: Date.now() });
    expect(await runDurableObjectAlarm(busy)).toBe(true); // fires early: some states are not idle
    expect(await storedRows(busy)).toEqual(["", "new"]); // the idle client's row is gone
    // Rescheduled for the earliest idle time left: the network's (its ceiling day tier).
    const next = await runInDurableObject(busy, (_o, state) => state.storage.getAlarm());
    expect(next).toBeGreaterThanOrEqual(d.ceiling[2].resetMs + Date.now() - 5_000);
    expect(next).toBeLessThan(d.tiers[2].resetMs + Date.now());
    // After the deletion the client starts fresh — with nothing it had not already earned back.
    const again = await idle.decide({ network: "rpc-alarm-idle", client: "c", cls: "upload", now: Date.now() });
    expect(again.tiers.map((t) => t.remaining)).toEqual([4, 4, 19]);
  });

  it("5: usage() is charged as one request of the usage class, reads every class after it, and answers while blocked", async () => {
    const stub = stubFor("rpc-usage");
    const usage = (now = T) => stub.usage({ network: "rpc-usage", client: "c", now });
    const before = await usage();
    expect(Object.keys(before.classes)).toEqual(["upload", "validate", "convert", "download", "usage", "step"]);
    expect(before.decision).toMatchObject({ verdict: "allowed", accountable: "client" });
    expect(before.classes.usage.tiers.map((t) => [t.name, t.remaining])).toEqual([["usage-minute", 9]]);
    expect(before.classes.upload.tiers.map((t) => [t.name, t.limit, t.remaining])).toEqual([
      ["upload-minute", 10, 5], ["upload-5min", 20, 5], ["upload-day", 200, 20],
    ]);
    expect(before.classes.upload.ceiling.map((t) => [t.name, t.limit, t.remaining])).toEqual([
      ["network-upload-minute", 40, 10], ["network-upload-5min", 80, 10], ["network-upload-day", 800, 40],
    ]);
    // Its admitted read made the newcomer a client (limiter.h): stored like any admitted request.
    expect(await storedRows(stub)).toEqual(["", "c"]);
    await stub.decide({ network: "rpc-usage", client: "c", cls: "upload", now: T });
    const after = await usage();
    expect(after.classes.upload.tiers.map((t) => t.remaining)).toEqual([4, 4, 19]);
    expect(after.classes.upload.ceiling.map((t) => t.remaining)).toEqual([9, 9, 39]);
    expect(after.classes.usage.tiers.map((t) => t.remaining)).toEqual([8]);
    // Over the usage tier (burst 10): refused like /api/status, the refusal in place of a report.
    for (let i = 0; i < 8; i++) await usage();
    const refused = await usage();
    expect(refused.classes).toBeUndefined();
    expect(refused.refused).toMatchObject({ verdict: "limited", refusedBy: "client" });
    // Blocked (20 strikes past the grace): still a report, saying until when.
    let d;
    do d = await stub.decide({ network: "rpc-usage", client: "c", cls: "usage", now: T + 1000 });
    while (d.verdict !== "blocked");
    const blocked = await usage(T + 1100);
    expect(blocked).toMatchObject({ verdict: "blocked", blockedUntilMs: d.blockedUntilMs });
  });

  it("6: an admitted request writes two rows (the network's and its client's), a refusal one, a blocked client's none, a refused newcomer's none of its own", async () => {
    const stub = stubFor("rpc-writes");
    // Rows written, as SQLite counts them (what the free plan bills), summed over every
    // statement the object runs during one decide().
    const decide = (client, now = T, newcomer = false) =>
      runInDurableObject(stub, (obj, state) => {
        const sql = state.storage.sql;
        const exec = sql.exec;
        const cursors = [];
        sql.exec = (...args) => {
          const cursor = exec.apply(sql, args);
          cursors.push(cursor);
          return cursor;
        };
        try {
          const d = obj.decide({ network: "rpc-writes", client, cls: "convert", now, newcomer });
          return { verdict: d.verdict, rows: cursors.reduce((n, c) => n + c.rowsWritten, 0) };
        } finally {
          sql.exec = exec;
        }
      });
    await decide("a"); // creates the table
    expect(await decide("a")).toEqual({ verdict: "allowed", rows: 2 });
    expect(await decide("a")).toEqual({ verdict: "limited", rows: 1 }); // convert burst 2: the client's strike state only
    let d;
    do d = await decide("a", T + 1000); // past the grace: strikes
    while (d.verdict !== "blocked");
    expect(await decide("a", T + 1000)).toEqual({ verdict: "blocked", rows: 0 });
    expect(await decide(null, T + 1000)).toEqual({ verdict: "allowed", rows: 1 }); // a request without a cookie: the network's row
    // The ceiling (convert burst 4) has one left: newcomer n1 (an id minted for a request
    // without a cookie) takes it and is stored; n2 and n3, refused, write the network's row at
    // most (its wait begins) and nothing of their own.
    expect(await decide("n1", T + 1000, true)).toEqual({ verdict: "allowed", rows: 2 });
    expect(await decide("n2", T + 1000, true)).toEqual({ verdict: "limited", rows: 1 });
    expect(await decide("n3", T + 1000, true)).toEqual({ verdict: "limited", rows: 0 });
    expect(await storedRows(stub)).toEqual(["", "a", "n1"]);
  });
});

describe("newcomers and returning clients", () => {
  it("13: ids minted for requests without a cookie that ignore Retry-After get the network's cookieless requests blocked, a new id too; a returning cookie (its state deleted as idle) is not held to that block", async () => {
    const stub = stubFor("rpc-returning");
    const decide = (client, now, newcomer = false) => stub.decide({ network: "rpc-returning", client, cls: "convert", now, newcomer });
    // The ceiling's convert burst (4) to four newcomers; then refusals, past the grace, strike
    // the network's state: the 20th blocks.
    for (let i = 0; i < 4; i++) expect((await decide(`m${i}`, T, true)).verdict).toBe("allowed");
    expect((await decide("x0", T, true)).verdict).toBe("limited");
    let d;
    let n = 0;
    do d = await decide(`x${++n}`, T + 1000, true);
    while (d.verdict !== "blocked" && n < 100);
    expect(n).toBe(20);
    expect(d).toMatchObject({ verdict: "blocked", blockedScope: "network", accountable: "network" });
    expect(await storedRows(stub)).toEqual(["", "m0", "m1", "m2", "m3"]); // no refused id was stored
    // 7 s later the ceiling has room again (one per 6.7 s): a new id is still blocked, but a
    // cookie whose state the DO does not hold — a person back after its state was deleted — is
    // a client of its own and is admitted.
    expect(await decide("new", T + 7000, true)).toMatchObject({ verdict: "blocked", blockedScope: "network" });
    // Its usage read says so too (the report's own peek would not see the network's block).
    expect(await stub.usage({ network: "rpc-returning", client: "new2", now: T + 7000, newcomer: true })).toMatchObject({ verdict: "blocked", blockedUntilMs: d.blockedUntilMs });
    expect(await decide("back", T + 7000)).toMatchObject({ verdict: "allowed", accountable: "client" });
  });
});

describe("identity", () => {
  it("7: the limiter is the network's; blocks are keyed by a hash, never by the client id or the address", async () => {
    expect(ipSubnet("203.0.113.7")).toBe("203.0.113.0/24");
    expect(ipSubnet("2001:db8:1:2aff::1")).toBe("2001:db8:1:2a00::/56");
    expect(ipSubnet("::ffff:203.0.113.9")).toBe("203.0.113.0/24");
    expect(ipSubnet("::FFFF:cb00:7109")).toBe("203.0.113.0/24"); // the same address in hex
    expect(ipSubnet("0:0:0:0:0:ffff:c633:4b01")).toBe("198.51.75.0/24");
    expect(ipSubnet(undefined)).toBe("unknown");
    expect(limiterName("203.0.113.0/24")).toBe("net:203.0.113.0/24");
    const k = await blockKey("203.0.113.0/24", "client-id");
    expect(k).toMatch(/^[0-9a-f]{32}$/);
    expect(k).not.toContain("client");
    expect(await blockKey("203.0.113.0/24", null)).not.toBe(k);
    expect(await blockKey("203.0.114.0/24", "client-id")).not.toBe(k);
  });
});

describe("middleware (HTTP)", () => {
  it("8: every /api response carries RateLimit-Policy and RateLimit (own tiers and the ceiling); the request costs one DO call", async () => {
    const b = browser("198.51.8.1");
    const res = await b("/api/status");
    expect(res.status).toBe(200);
    // The first request has no cookie: charged to the client minted for it (a newcomer) and the network.
    expect(res.headers.get("ratelimit-policy")).toBe('"usage-minute";q=30;w=60, "network-usage-minute";q=120;w=60');
    expect(res.headers.get("ratelimit")).toBe('"usage-minute";r=9;t=3, "network-usage-minute";r=19;t=1');
    expect(res.headers.get("x-trackersync-ops")).toMatch(/kv=0, .*do=1$/);
    const second = await b("/api/status");
    expect(second.headers.get("ratelimit-policy")).toBe('"usage-minute";q=30;w=60, "network-usage-minute";q=120;w=60');
    expect(second.headers.get("ratelimit")).toMatch(/^"usage-minute";r=8;t=[56], "network-usage-minute";r=18;t=[12]$/);
    for (const [path, status] of [["/api/nope", 404], ["/api/usage/me", 200]]) {
      const r = await b(path);
      expect(r.status).toBe(status);
      expect(r.headers.get("ratelimit-policy")).toContain('"usage-minute";q=30;w=60');
      expect(r.headers.get("ratelimit")).toMatch(/^"usage-minute";r=\d+;t=\d+, "network-usage-minute";r=\d+;t=\d+$/);
    }
    const r405 = await b("/api/status", { method: "DELETE" });
    expect(r405.status).toBe(405);
    expect(r405.headers.get("ratelimit")).not.toBeNull();
  });

  it("9: /api/usage/me shows every class's limits, the client's and the network's, charged as one cheap read (the usage class) and nothing else", async () => {
    const b = browser("198.51.9.1");
    const first = await b("/api/usage/me");
    const second = await b("/api/usage/me");
    // Each is one request of the usage class, the client's and the network's (attack finding:
    // uncharged, it made a fresh cookie a client for free).
    expect(first.headers.get("ratelimit")).toBe('"usage-minute";r=9;t=3, "network-usage-minute";r=19;t=1');
    expect(second.headers.get("ratelimit")).toMatch(/^"usage-minute";r=8;t=[56], "network-usage-minute";r=18;t=[12]$/);
    expect(second.headers.get("x-trackersync-ops")).toMatch(/kv=0, d1_queries=0, .*do=1$/);
    const body = await second.json();
    expect(body).toMatchObject({ blocked: false, blockedUntil: null, suspicionLevel: 0, network: { prefix: "198.51.9.0/24", anonymousBlockedUntil: null } });
    expect(body.classes.convert).toEqual([
      { name: "convert-minute", limit: 3, windowSeconds: 60, remaining: 2, resetSeconds: 0 },
      { name: "convert-hour", limit: 10, windowSeconds: 3600, remaining: 3, resetSeconds: 0 },
      { name: "convert-day", limit: 30, windowSeconds: 86400, remaining: 10, resetSeconds: 0 },
    ]);
    expect(body.network.classes.convert.map((t) => [t.name, t.limit, t.remaining])).toEqual([
      ["network-convert-minute", 12, 4], ["network-convert-hour", 40, 6], ["network-convert-day", 120, 20],
    ]);
  });

  it("10: over the limit: 429 problem+json with Retry-After, then a 403 that says when the block ends", async () => {
    const b = browser("198.51.10.1");
    await b("/api/usage/me"); // the cookie, and the first of the usage burst of 10
    const statuses = [];
    let res;
    for (let i = 0; i < 45 && statuses.at(-1) !== 403; i++) {
      res = await b("/api/status");
      statuses.push(res.status);
      // Refusals within the grace (1 s) of the first are no strikes: go on past it.
      if (res.status === 429 && statuses.indexOf(429) === statuses.length - 1) await pastGrace();
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(await res.json()).toMatchObject({ limitedBy: "client", detail: expect.stringMatching(/usage-minute limit allows 30 per 60 s\. Try again in \d+ s/) });
      }
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(200));
    expect(statuses[9]).toBe(429);
    expect(statuses.at(-1)).toBe(403);
    const body = await res.json();
    expect(body).toMatchObject({ status: 403, blockedScope: "client" });
    expect(Date.parse(body.blockedUntil)).toBeGreaterThan(Date.now() + 290_000);
    expect(body.detail).toContain(`This browser is blocked until ${body.blockedUntil}`);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(290);
    // The very next charged request is refused.
    expect((await b("/api/status")).status).toBe(403);
  }, 60_000);

  it("11: a noisy client does not touch a quiet one behind the same NAT", async () => {
    const noisy = browser("192.0.2.10");
    const quiet = browser("192.0.2.11");
    await noisy("/api/usage/me");
    await quiet("/api/usage/me");
    const noise = Promise.all(Array.from({ length: 60 }, () => noisy("/api/status")));
    const calm = [];
    for (let i = 0; i < 5; i++) calm.push(await quiet("/api/status"));
    const noisyStatuses = (await noise).map((r) => r.status);
    expect(noisyStatuses.filter((s) => s !== 200).length).toBeGreaterThanOrEqual(45);
    expect(calm.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(calm.at(-1).headers.get("ratelimit")).toMatch(/^"usage-minute";r=4;/); // 10, less its usage read and 5 reads
  }, 60_000);

  it("12: a bad LIMITER_POLICY is refused at first use with a 503 naming the field", async () => {
    expect(() => limiterFor({ LIMITER_POLICY: '{"classes":{"upload":[{"name":"m","limit":2,"periodMs":1000,"burst":3}]}}' })).toThrow(
      "LIMITER_POLICY is invalid: limiter policy: classes.upload[0].burst must be between 1 and 2",
    );
    const res = await worker.fetch(new Request("https://example.com/api/status"), { ...env, LIMITER_POLICY: '{"clases":{}}' });
    expect(res.status).toBe(503);
    expect((await res.json()).detail).toContain("LIMITER_POLICY is invalid: limiter policy: (top level) has an unknown field 'clases'");
    limiterFor(env); // back to the configured policy for the rest of this isolate
  });
});
