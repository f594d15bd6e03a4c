// AtomicRateLimiter — one SQLite-backed Durable Object per client key (the blend of a
// fingerprint hash and the IP subnet, see ARCHITECTURE.md "Identity"). Calls to one instance
// are serialized by the runtime, which is what makes its decisions atomic. The decision math
// itself is C++ (wasm/core/limiter); this class only keeps state and calls it.
import { DurableObject } from "cloudflare:workers";

export class AtomicRateLimiter extends DurableObject {
  // Liveness check used by tests and the cron's health probe: proves the instance is
  // reachable and its SQLite storage answers.
  async ping() {
    const row = this.ctx.storage.sql.exec("SELECT 1 AS one").one();
    return { ok: row.one === 1 };
  }
}
