// Degraded mode: how a request is decided when the AtomicRateLimiter cannot answer (its call
// threw, or missed its deadline). The same C++ limiter decides, on state local to this
// isolate, and KV's blocklist snapshot (built by the cron from D1's `blocks`) keeps a client
// that was blocked before the DO failed blocked. KV is read at most once per isolate per
// minute, and only here — never on the happy path.
//
// What degraded mode cannot do: isolate-local state is per isolate, so a client (or a network)
// spread over several isolates gets each isolate's allowance. The tiers are small, the window is the
// outage, and the blocklist still holds; exactness returns with the DO, which every request
// tries first — there is no switch to reset.
import { parseSnapshot, SNAPSHOT_KEY } from "../cron/blocklist.js";
import { blockKey } from "./identity.js";
import { describeDecision, usageReport, withBlock } from "./policy.js";

export const SNAPSHOT_REFRESH_MS = 60_000;
// Bounded memory: the oldest local state is dropped first (insertion order).
export const LOCAL_STATE_MAX = 10_000;
const MINUTE_MS = 60_000;

// Isolate-local; every field is rebuilt from nothing after a restart, which only costs a KV read.
const local = {
  states: new Map(), // network + "\n" + client id ("" for the network's own) -> limiter state bytes
  snapshot: new Map(), // blockKey (identity.js) -> blockedUntil
  snapshotReadAt: -Infinity,
  isolateId: null, // made on first use: workerd forbids random values in global scope
  pending: 0, // degraded decisions not yet recorded in D1
  recordedMinute: -1,
};

// For tests: forget everything this isolate learned in degraded mode.
export function resetDegradedState() {
  local.states.clear();
  local.snapshot = new Map();
  local.snapshotReadAt = -Infinity;
  local.pending = 0;
  local.recordedMinute = -1;
}

async function refreshSnapshot(ops, now) {
  if (now - local.snapshotReadAt < SNAPSHOT_REFRESH_MS) return;
  local.snapshotReadAt = now; // also on failure: a dead KV is not retried on every request
  try {
    const text = await ops.kvGet(SNAPSHOT_KEY);
    local.snapshot = text === null ? new Map() : parseSnapshot(text);
  } catch {
    // Keep the last snapshot we had; local state still limits.
  }
}

// Records that this isolate decided without the DO, at most one D1 write per minute, so
// /api/status can say degraded mode was used recently. D1 may be failing too: then the count
// waits for the next minute.
async function recordUse(ops, now) {
  local.pending += 1;
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  if (minute === local.recordedMinute) return;
  local.isolateId ??= crypto.randomUUID();
  try {
    await ops.d1Run(
      "INSERT INTO degraded_events (isolate_id, minute, decisions) VALUES (?, ?, ?) " +
        "ON CONFLICT (isolate_id, minute) DO UPDATE SET decisions = decisions + excluded.decisions",
      local.isolateId, minute, local.pending,
    );
    local.recordedMinute = minute;
    local.pending = 0;
  } catch {
    // Not recorded now; counted again with the next attempt.
  }
}

async function prepare(ops, now) {
  ops.fallbacks += 1;
  await refreshSnapshot(ops, now);
  await recordUse(ops, now);
}

// The snapshot knows of a block this isolate's state may not: the later end wins. `client`
// null = the network's requests without a known cookie.
async function withSnapshotBlock(d, network, client, now) {
  if (local.snapshot.size === 0) return d;
  const until = local.snapshot.get(await blockKey(network, client)) ?? 0;
  if (until <= now || until <= d.blockedUntilMs) return d;
  return { ...d, verdict: "blocked", refusedBy: null, blockedUntilMs: until, retryAfterMs: until - now, accountable: client === null ? "network" : "client" };
}

function localState(network, who) {
  return local.states.get(`${network}\n${who}`) ?? null;
}

function keepLocal(network, who, state) {
  const key = `${network}\n${who}`;
  local.states.delete(key);
  local.states.set(key, state);
  if (local.states.size > LOCAL_STATE_MAX) local.states.delete(local.states.keys().next().value);
}

// Decides one request without the DO, in the shape the DO's decide() returns. `limiter` is
// this deployment's LimiterHandle; `network` the request's subnet, `client` its client id or
// null (identity.js).
export async function decideDegraded({ ops, limiter, network, client, cls, now, newcomer = false }) {
  await prepare(ops, now);
  const anonymous = client === null;
  const seen = anonymous ? null : localState(network, client);
  const r = limiter.decide({ network: localState(network, ""), client: seen, anonymous, newcomer }, now, cls, 1);
  keepLocal(network, "", r.network);
  if (r.client) keepLocal(network, client, r.client);
  // The client's own block in the snapshot holds, and a newcomer's is its network's
  // cookieless requests' block.
  let d = await withSnapshotBlock(r.decision, network, client, now);
  if (newcomer) d = await withSnapshotBlock(d, network, null, now);
  return describeDecision(limiter, cls, d);
}

// The usage report without the DO, in the shape the DO's usage() returns (charged as one
// request of the usage class first, as there).
export async function usageDegraded({ ops, limiter, network, client, now, newcomer = false }) {
  const decision = await decideDegraded({ ops, limiter, network, client, cls: "usage", now, newcomer });
  if (decision.verdict === "limited") return { refused: decision };
  const report = usageReport(limiter, { network: localState(network, ""), client: client === null ? null : localState(network, client) }, now);
  const own = client === null ? report : await withSnapshotBlock({ verdict: report.verdict, blockedUntilMs: report.blockedUntilMs }, network, client, now);
  const anonymous = await withSnapshotBlock({ verdict: "allowed", blockedUntilMs: report.anonymousBlockedUntilMs }, network, null, now);
  return withBlock(decision, { ...report, verdict: own.verdict, blockedUntilMs: own.blockedUntilMs, anonymousBlockedUntilMs: anonymous.blockedUntilMs });
}
