// AtomicRateLimiter — one SQLite-backed Durable Object per client key (the blend of a
// fingerprint hash and the IP subnet, see identity.js). Calls to one instance are serialized by
// the runtime, which is what makes its decisions atomic. The decision math itself is C++
// (wasm/core/limiter, through core.js); this class only keeps the state and calls it.
//
// Protocol (RPC, called once per API request by middleware.js):
//   decide({cls, cost?, now?}) -> {verdict, level, retryAfterMs, blockedUntilMs, tiers:[…]}
//   usage({now?})              -> {verdict, level, blockedUntilMs, classes:{cls: {tiers}}}
//                                 (read-only: charges nothing, writes nothing)
// `now` defaults to this object's clock; tests pass it to be deterministic.
//
// Why decide() is synchronous: from loading the state to writing it back there is no await,
// so the runtime cannot deliver another call in between. 100 concurrent requests from one
// client are decided strictly one after another against the latest state, and a request that
// gets the client blocked is followed, on the very next call, by a refusal — whichever isolate
// sent it — because the state lives here (memory + this object's storage), not in a cache.
import { DurableObject } from "cloudflare:workers";
import { describeDecision, limiterFor, usageReport } from "./policy.js";
import { LIMITER_STATE_BYTES } from "../shared/core.js";

const MIN_ALARM_DELAY_MS = 60_000;

export class AtomicRateLimiter extends DurableObject {
  #state = undefined; // undefined = not loaded yet; null = nothing stored (a fresh client)
  #tableReady = false;
  #alarmSet = false;
  #recordedBlockUntil = 0; // the block end last written to D1's `blocks`

  // Liveness check used by tests and the cron's health probe: proves the instance is
  // reachable and its SQLite storage answers.
  async ping() {
    const row = this.ctx.storage.sql.exec("SELECT 1 AS one").one();
    return { ok: row.one === 1 };
  }

  decide({ cls, cost = 1, now = Date.now() }) {
    const limiter = limiterFor(this.env);
    const { decision, state } = limiter.decide(this.#load(), now, cls, cost);
    if (cost > 0) this.#store(state, decision.idleAtMs);
    if (decision.blockedUntilMs > this.#recordedBlockUntil) this.#recordBlock(decision, now);
    return describeDecision(limiter, cls, decision);
  }

  usage({ now = Date.now() } = {}) {
    return usageReport(limiterFor(this.env), this.#load(), now);
  }

  // A block started or grew: tell D1, so the cron can put it in KV's degraded-mode snapshot
  // (a client blocked now stays blocked if this object later cannot be reached). Rare — once
  // per block — and off the decision's critical section: decide() has already stored its state.
  #recordBlock(decision, now) {
    this.#recordedBlockUntil = decision.blockedUntilMs;
    const write = this.env.DB.prepare(
      "INSERT INTO blocks (client_key, blocked_until, level, updated_at) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (client_key) DO UPDATE SET blocked_until = excluded.blocked_until, level = excluded.level, updated_at = excluded.updated_at",
    ).bind(this.ctx.id.toString(), decision.blockedUntilMs, decision.level, now).run()
      .catch((err) => {
        this.#recordedBlockUntil = 0; // try again on the next blocked decision
        console.error(JSON.stringify({ limiter: "block not recorded", error: err?.name ?? "Error" }));
      });
    this.ctx.waitUntil?.(write);
  }

  // The alarm fires when the state was expected to become idle. If nothing happened since, the
  // state now equals a fresh one (the core's idle_at rule): delete everything, so an idle
  // client costs no storage. Otherwise wait for the new idle time.
  async alarm() {
    this.#alarmSet = false;
    const state = this.#load();
    if (state === null) return;
    const now = Date.now();
    const { decision } = limiterFor(this.env).decide(state, now, "usage", 0);
    if (decision.idleAtMs <= now) await this.#forget();
    else await this.#schedule(decision.idleAtMs);
  }

  // Reading never creates anything: a client that only ever reads its usage leaves no storage.
  #load() {
    if (this.#state === undefined) {
      const sql = this.ctx.storage.sql;
      this.#tableReady = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'limiter_state'").toArray().length > 0;
      const rows = this.#tableReady ? sql.exec("SELECT state FROM limiter_state WHERE id = 1").toArray() : [];
      this.#state = rows.length ? widened(new Uint8Array(rows[0].state)) : null;
    }
    return this.#state;
  }

  #store(state, idleAtMs) {
    const previous = this.#state;
    this.#state = state;
    // A blocked client hammering away changes nothing but the latest clock seen: skip that
    // write, so abuse does not spend the free plan's storage writes.
    if (previous && sameExceptClock(previous, state)) return;
    this.#ensureTable();
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO limiter_state (id, state) VALUES (1, ?)", state);
    // One alarm per busy period: the alarm itself moves forward if the client stayed busy.
    if (!this.#alarmSet) void this.#schedule(idleAtMs);
  }

  // Never sooner than a minute from now: cleaning up a few seconds earlier saves nothing, and a
  // busy client would otherwise reschedule constantly.
  async #schedule(idleAtMs) {
    this.#alarmSet = true;
    await this.ctx.storage.setAlarm(Math.max(idleAtMs, Date.now() + MIN_ALARM_DELAY_MS));
  }

  async #forget() {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#state = null;
    this.#tableReady = false;
  }

  #ensureTable() {
    if (this.#tableReady) return;
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS limiter_state (id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL)");
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
