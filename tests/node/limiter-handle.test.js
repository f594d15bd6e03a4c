// The limiter's in-place hot path (core.js LimiterHandle -> ts_limiter_decide) against the JSON
// replay of the same core: the frame is decoded correctly, errors arrive as CoreError, and
// nothing leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { wasmModule } from "./load-core.js";
import { CoreError, createCore, LIMITER_CLASSES, LIMITER_STATE_BYTES } from "../../worker-shim/shared/core.js";

const T0 = 1_700_000_000_000;

// A deterministic pseudo-random stream (LCG) over every class, from two clients and requests
// without a cookie in one network, with same-instant bursts, gaps, and a clock that sometimes
// goes backwards.
function stream(n, seed = 7) {
  let x = seed >>> 0; // mulberry32
  const rnd = (m) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % m);
  };
  const steps = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const k = rnd(10);
    at += k < 5 ? 0 : k < 8 ? rnd(3000) : k < 9 ? rnd(200000) : -rnd(5000);
    steps.push({ at, class: LIMITER_CLASSES[rnd(5)], cost: rnd(4) === 0 ? 0 : 1, client: [null, "a", "b", "a"][rnd(4)] });
  }
  return steps;
}

test("1: the in-place frame decides exactly like the JSON replay (2000 mixed requests, two clients and anonymous ones, default policy)", () => {
  const core = createCore(wasmModule);
  const steps = stream(2000);
  const replay = core.callJson("ts_limiter_replay", { network: true, steps }).steps;
  const limiter = core.limiter("");
  let network = null;
  const clients = { a: null, b: null };
  let latest = -Infinity;
  const verdicts = new Set();
  const refusedBy = new Set();
  steps.forEach((s, i) => {
    const anonymous = s.client === null;
    const r = limiter.decide({ network, client: anonymous ? null : clients[s.client], anonymous }, T0 + s.at, s.class, s.cost);
    network = r.network;
    if (!anonymous) clients[s.client] = r.client;
    const d = r.decision;
    latest = Math.max(latest, T0 + s.at);
    verdicts.add(d.verdict);
    refusedBy.add(d.refusedBy);
    assert.deepEqual(
      {
        admitted: d.verdict === "allowed" ? 1 : 0, verdict: d.verdict, level: d.level, retryAfterMs: d.retryAfterMs,
        blockedForMs: d.blockedUntilMs ? d.blockedUntilMs - latest : 0,
        idleInMs: Math.max(0, (d.accountable === "network" ? d.networkIdleAtMs : d.clientIdleAtMs) - latest),
        tiers: d.tiers.map((t) => [t.remaining, t.resetMs]),
        refusedBy: d.refusedBy,
        ceiling: d.ceiling.map((t) => [t.remaining, t.resetMs]),
        networkIdleInMs: Math.max(0, d.networkIdleAtMs - latest),
        accountable: d.accountable,
      },
      replay[i],
      `step ${i}`,
    );
  });
  assert.deepEqual([...verdicts].sort(), ["allowed", "blocked", "limited"], "the stream reached every verdict");
  assert.deepEqual([...refusedBy].sort(), ["ceiling", "client", null], "both sets of tiers refused some request");
  assert.equal(network.length, LIMITER_STATE_BYTES);
  assert.equal(clients.a.length, LIMITER_STATE_BYTES);
});

test("2: a bad policy is a CoreError naming the field; a bad state or class is refused", () => {
  const core = createCore(wasmModule);
  assert.throws(() => core.limiter('{"classes":{"convert":[{"name":"h","limit":10,"periodMs":3600000,"burst":0}]}}'),
    (e) => e instanceof CoreError && e.code === "invalid_argument" && e.message === "limiter policy: classes.convert[0].burst must be between 1 and 10");
  const limiter = core.limiter("");
  assert.throws(() => limiter.decide({ client: new Uint8Array(10) }, T0, "upload"), (e) => e instanceof CoreError && e.code === "integrity");
  assert.throws(() => limiter.decide({ network: new Uint8Array(LIMITER_STATE_BYTES).fill(7) }, T0, "upload"),
    (e) => e instanceof CoreError && e.code === "integrity" && /not a limiter state/.test(e.message));
  assert.throws(() => limiter.decideRaw(null, null, true, T0, 9), (e) => e instanceof CoreError && e.message === "unknown endpoint class");
  assert.throws(() => limiter.decideRaw(null, null, true, T0 + 0.5, 0), (e) => e instanceof CoreError && /whole number of ms/.test(e.message));
  assert.throws(() => limiter.decide({}, T0, "uploads"), TypeError);
  // The in-place export is not callable through the copy-in/copy-out path.
  assert.throws(() => core.callBytes("ts_limiter_decide", new Uint8Array(1)), TypeError);
  // After errors the handle keeps deciding.
  assert.equal(limiter.decide({}, T0, "upload").decision.verdict, "allowed");
});

test("3: 200,000 decisions and 100 handles opened and closed leave the heap where it was", () => {
  const core = createCore(wasmModule);
  const warm = core.limiter("");
  warm.decideRaw(null, null, true, T0, 0);
  warm.close();
  const before = core.heapBytes;
  for (let i = 0; i < 100; i++) core.limiter("").close();
  const limiter = core.limiter("");
  limiter.decideRaw(null, null, true, T0, 0);
  for (let i = 0; i < 200_000; i++) limiter.decideRaw(undefined, undefined, i % 3 !== 0, T0 + i * 100, i % 5);
  limiter.close();
  assert.equal(core.heapBytes, before);
});
