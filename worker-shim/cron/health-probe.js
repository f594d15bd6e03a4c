// The health probe: run by the cron, never by a request. It touches each binding exactly
// once — a DO ping on a dedicated instance, one trivial D1 read, one KV read — so the probe
// costs 1 DO request, 1 D1 query and 1 KV read per run (288 of each per day at */5) whatever
// the traffic; a probe on the request path would spend operations per request. The KV read
// is of the blocklist
// snapshot itself, so the same read tells whether the snapshot needs rewriting.
import { SNAPSHOT_KEY } from "./blocklist.js";
import { withDeadline } from "../limiter/deadline.js";

export const PROBE_DO_NAME = "__trackersync_health_probe__";

async function timed(fn, deadlineMs, what, clock, keep = () => {}) {
  const start = clock();
  try {
    keep(await withDeadline(fn(), deadlineMs, what));
    return { ok: true, ms: clock() - start };
  } catch (err) {
    // The error's class only (DeadlineError, TypeError…): enough to act on, nothing personal.
    return { ok: false, ms: clock() - start, error: err?.name ?? "Error" };
  }
}

// Returns {status, components, kvSnapshot}; kvSnapshot (the snapshot text, or null) is for
// the caller only and never stored with the health record.
export async function probe(env, ops, { deadlineMs = 2000, clock = Date.now } = {}) {
  let kvSnapshot = null;
  const [durableObject, d1, kv] = await Promise.all([
    timed(() => ops.doCall(env.RATE_LIMIT_DO, PROBE_DO_NAME, (stub) => stub.ping()).then((r) => {
      if (!r?.ok) throw new Error("ping answered not ok");
    }), deadlineMs, "durable object", clock),
    timed(() => ops.d1All("SELECT 1 AS one"), deadlineMs, "d1", clock),
    timed(() => ops.kvGet(SNAPSHOT_KEY), deadlineMs, "kv", clock, (v) => (kvSnapshot = v)),
  ]);
  const components = { do: durableObject, d1, kv };
  // D1 down means uploads and conversions cannot work: "down". A DO or KV failure leaves
  // the service working (degraded mode / no snapshot refresh): "degraded".
  const status = !d1.ok ? "down" : durableObject.ok && kv.ok ? "ok" : "degraded";
  return { status, components, kvSnapshot };
}
