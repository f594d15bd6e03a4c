// The health probe: run by the cron, never by a request. It touches each binding exactly
// once — a DO ping on a dedicated instance, one trivial D1 read, one KV read of a key that
// need not exist — so the probe costs 1 DO request, 1 D1 query and 1 KV read per run
// (288 of each per day at */5), instead of the seed's write-read-delete churn per request.
import { withDeadline } from "./deadline.js";

export const PROBE_DO_NAME = "__trackersync_health_probe__";
export const PROBE_KV_KEY = "health:probe";

async function timed(fn, deadlineMs, what, clock) {
  const start = clock();
  try {
    await withDeadline(fn(), deadlineMs, what);
    return { ok: true, ms: clock() - start };
  } catch (err) {
    // The error's class only (DeadlineError, TypeError…): enough to act on, nothing personal.
    return { ok: false, ms: clock() - start, error: err?.name ?? "Error" };
  }
}

export async function probe(env, ops, { deadlineMs = 2000, clock = Date.now } = {}) {
  const [durableObject, d1, kv] = await Promise.all([
    timed(() => ops.doCall(env.RATE_LIMIT_DO, PROBE_DO_NAME, (stub) => stub.ping()).then((r) => {
      if (!r?.ok) throw new Error("ping answered not ok");
    }), deadlineMs, "durable object", clock),
    timed(() => ops.d1All("SELECT 1 AS one"), deadlineMs, "d1", clock),
    timed(() => ops.kvGet(PROBE_KV_KEY), deadlineMs, "kv", clock),
  ]);
  const components = { do: durableObject, d1, kv };
  // D1 down means uploads and conversions cannot work: "down". A DO or KV failure leaves
  // the service working (degraded mode / no snapshot refresh): "degraded".
  const status = !d1.ok ? "down" : durableObject.ok && kv.ok ? "ok" : "degraded";
  return { status, components };
}
