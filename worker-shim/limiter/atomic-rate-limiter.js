// AtomicRateLimiter — one SQLite-backed Durable Object per network (identity.js): it keeps the
// network's state (its ceiling, and the strikes and blocks of its requests without a cookie)
// and the state of every client seen from it. Calls to one instance are serialized by the
// runtime, which is what makes its decisions atomic. The decision math itself is C++
// (wasm/core/limiter, through core.js); this class only keeps the states and calls it.
//
// Protocol (RPC, called once per API request by middleware.js):
//   decide({network, client, cls, cost?, now?, newcomer?})
//       -> {verdict, refusedBy, blockedScope, level, retryAfterMs, blockedUntilMs, tiers, ceiling}
//   usage({network, client, now?, newcomer?})
//       -> {decision, verdict, level, blockedUntilMs, anonymousBlockedUntilMs, classes: {cls: {tiers, ceiling}}}
//          (charged as one request of the usage class: `decision`), or {refused: decision}
//          when that class refuses it
// `network` is the subnet this object is named for (it cannot read its own name); `client` the
// cookie's client id, or the id minted for a request without one (`newcomer: true`,
// wasm/core/limiter/limiter.h), or null for an anonymous decision (tests). `now` defaults to this object's
// clock; tests pass it to be deterministic.
//
// Why decide() is synchronous: from loading the two states to writing them back there is no
// await, so the runtime cannot deliver another call in between. 100 concurrent requests from
// one network are decided strictly one after another against the latest states — a client's
// own tiers and the ceiling it shares move together — and a request that gets a client blocked
// is followed, on the very next call, by a refusal, whichever isolate sent it, because the
// state lives here (memory + this object's storage), not in a cache.
import { DurableObject } from "cloudflare:workers";
import { blockKey } from "./identity.js";
import { describeDecision, limiterFor, usageReport, withBlock } from "./policy.js";
import { LIMITER_STATE_BYTES } from "../shared/core.js";

const MIN_ALARM_DELAY_MS = 60_000;
// States kept decoded in memory; the rest are one indexed SQLite read away. Bounded, so a
// network that mints a cookie per request cannot grow this object's memory.
const CACHED_STATES = 256;
const NETWORK = ""; // the `who` of the network's own row; clients are their ids

export class AtomicRateLimiter extends DurableObject {
  #cache = new Map(); // who -> state bytes, or null when nothing is stored
  #tableReady = undefined; // undefined = not checked yet
  #alarmSet = false;
  #unrecorded = new Set(); // who, for blocks D1 did not take: written again on their next refusal

  // Liveness check used by tests and the cron's health probe: proves the instance is
  // reachable and its SQLite storage answers.
  async ping() {
    const row = this.ctx.storage.sql.exec("SELECT 1 AS one").one();
    return { ok: row.one === 1 };
  }

  decide({ network, client = null, cls, cost = 1, now = Date.now(), newcomer = false }) {
    const limiter = limiterFor(this.env);
    const anonymous = client === null;
    const before = { network: this.#load(NETWORK), client: anonymous ? null : this.#load(client) };
    const r = limiter.decide({ network: before.network, client: before.client, anonymous, newcomer }, now, cls, cost);
    const d = r.decision;
    if (cost > 0) {
      this.#store(NETWORK, before.network, r.network, d.networkIdleAtMs);
      // null: a newcomer the decision did not admit, still a client never seen (limiter.h).
      if (r.client) this.#store(client, before.client, r.client, d.clientIdleAtMs);
    }
    // Whose strikes and block these are: the network's for a request without a cookie and
    // for a newcomer's, the client's once it has been admitted.
    const byNetwork = d.accountable === "network";
    const who = byNetwork ? NETWORK : client;
    const accountable = byNetwork ? before.network : before.client;
    if (d.blockedUntilMs > blockedUntil(accountable) || (d.verdict === "blocked" && this.#unrecorded.has(who)))
      this.#recordBlock(network, byNetwork ? null : client, who, d, now);
    return describeDecision(limiter, cls, d);
  }

  // GET /api/usage/me: one cheap read, charged to the usage class as /api/status is — limited
  // and struck like any request (attack finding: uncharged, a script could read it without
  // end and, while every answer handed out a cookie, collect fresh cookies for free) — then
  // the report, read after the charge. Answered while blocked: the report is how a blocked
  // page learns when its block ends, and a 403 would cost the same.
  usage({ network, client = null, now = Date.now(), newcomer = false }) {
    const decision = this.decide({ network, client, cls: "usage", now, newcomer });
    if (decision.verdict === "limited") return { refused: decision };
    const report = usageReport(limiterFor(this.env), { network: this.#load(NETWORK), client: client === null ? null : this.#load(client) }, now);
    return withBlock(decision, report);
  }

  // A block started or grew: tell D1, so the cron can put it in KV's degraded-mode snapshot
  // (a client blocked now stays blocked if this object later cannot be reached). Rare — once
  // per block — and off the decision's critical section: decide() has already stored its state.
  #recordBlock(network, client, who, decision, now) {
    this.#unrecorded.delete(who);
    const write = blockKey(network, client)
      .then((key) =>
        this.env.DB.prepare(
          "INSERT INTO blocks (client_key, blocked_until, level, updated_at) VALUES (?, ?, ?, ?) " +
            "ON CONFLICT (client_key) DO UPDATE SET blocked_until = excluded.blocked_until, level = excluded.level, updated_at = excluded.updated_at",
        ).bind(key, decision.blockedUntilMs, decision.level, now).run(),
      )
      .catch((err) => {
        if (this.#unrecorded.size < CACHED_STATES) this.#unrecorded.add(who); // try again on its next blocked decision
        console.error(JSON.stringify({ limiter: "block not recorded", error: err?.name ?? "Error" }));
      });
    this.ctx.waitUntil?.(write);
  }

  // The alarm fires when the earliest state was expected to become idle. A state past its
  // idle time equals a fresh one (the core's idle_at rule), so deleting it gives nothing away:
  // an idle network and idle clients cost no storage.
  async alarm() {
    this.#alarmSet = false;
    if (!this.#hasTable()) return;
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    sql.exec("DELETE FROM limiter_states WHERE idle_at <= ?", now);
    this.#cache.clear();
    const next = sql.exec("SELECT MIN(idle_at) AS next FROM limiter_states").one().next;
    if (next === null) {
      await this.ctx.storage.deleteAll();
      this.#tableReady = false;
    } else {
      await this.#schedule(next);
    }
  }

  // Reading never creates anything: a client that only ever reads its usage leaves no storage.
  #load(who) {
    let state = this.#cache.get(who);
    if (state === undefined) {
      const rows = this.#hasTable() ? this.ctx.storage.sql.exec("SELECT state FROM limiter_states WHERE who = ?", who).toArray() : [];
      state = rows.length ? widened(new Uint8Array(rows[0].state)) : null;
    }
    this.#remember(who, state);
    return state;
  }

  #remember(who, state) {
    this.#cache.delete(who); // re-inserted last: the Map's order is least recently used first
    this.#cache.set(who, state);
    if (this.#cache.size > CACHED_STATES) this.#cache.delete(this.#cache.keys().next().value);
  }

  #store(who, previous, state, idleAtMs) {
    this.#remember(who, state);
    // A blocked client hammering away changes nothing but the latest clock seen: skip that
    // write, so abuse does not spend the free plan's storage writes.
    if (previous && sameExceptClock(previous, state)) return;
    this.#ensureTable();
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO limiter_states (who, state, idle_at) VALUES (?, ?, ?)", who, state, idleAtMs);
    // One alarm per busy period: the alarm itself moves forward while states stay busy.
    if (!this.#alarmSet) void this.#schedule(idleAtMs);
  }

  // Never sooner than a minute from now: cleaning up a few seconds earlier saves nothing, and a
  // busy network would otherwise reschedule constantly.
  async #schedule(idleAtMs) {
    this.#alarmSet = true;
    await this.ctx.storage.setAlarm(Math.max(idleAtMs, Date.now() + MIN_ALARM_DELAY_MS));
  }

  #hasTable() {
    this.#tableReady ??=
      this.ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'limiter_states'").toArray().length > 0;
    return this.#tableReady;
  }

  #ensureTable() {
    if (this.#hasTable()) return;
    // WITHOUT ROWID and no index on idle_at: a state update is one b-tree row, the unit the
    // free plan counts storage writes in; the alarm scans the few rows a network has instead.
    this.ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS limiter_states (who TEXT PRIMARY KEY, state BLOB NOT NULL, idle_at INTEGER NOT NULL) WITHOUT ROWID",
    );
    this.#tableReady = true;
  }
}

// A state stored before an endpoint class was added is shorter: the new class's tier times
// come last in the state (limiter.h), and zero is a tier never used, so zeros make it whole.
function widened(state) {
  if (state.length >= LIMITER_STATE_BYTES) return state;
  const out = new Uint8Array(LIMITER_STATE_BYTES);
  out.set(state);
  return out;
}

// State bytes 8..15 hold the latest `now` seen (State::last_now_ms in limiter.h).
function sameExceptClock(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && (i < 8 || i >= 16)) return false;
  return true;
}

// State bytes 32..39: State::blocked_until_ms (0 for a state never seen).
function blockedUntil(state) {
  return state ? Number(new DataView(state.buffer, state.byteOffset, state.byteLength).getBigInt64(32, true)) : 0;
}
