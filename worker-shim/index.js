// TrackerSync Worker entry. Bindings it needs (see wrangler.toml):
//   RATE_LIMIT_DO  Durable Object namespace -> AtomicRateLimiter (SQLite-backed)
//   DB             D1: uploads, conversions, file_chunks, health (d1-migrations/)
//   DEGRADED_KV    KV: degraded-mode blocklist snapshot only — never on the happy path
//   ASSETS         static web UI (worker-shim/public)
//   OPS_HEADER     var: when non-empty, responses carry X-TrackerSync-Ops
//   LIMITER_POLICY var: the limiter policy JSON; empty = the core's defaults
// The Worker keeps no state but the instantiated core; it routes and calls bindings through
// Ops (ops.js), and leaves decisions to the C++ core (core.js).
import { Ops } from "./ops.js";
import { problem } from "./problem.js";
import { limitRequest, READ_ONLY } from "./limiter-middleware.js";
import { getStatus } from "./routes/status.js";
import { runScheduled } from "./scheduled.js";
import { getUsage } from "./routes/usage.js";

export { AtomicRateLimiter } from "./limiter-do.js";
import { getCore } from "./core-instance.js";

export { getCore };

// `limit`: the endpoint class the limiter charges (wasm/core/limiter/policy.h), or READ_ONLY.
const ROUTES = [
  { method: "GET", pattern: /^\/api\/status$/, limit: "usage", handler: (ctx) => getStatus(ctx.ops, ctx.now) },
  { method: "GET", pattern: /^\/api\/usage\/me$/, limit: READ_ONLY, handler: (ctx) => getUsage(ctx.usage) },
];

async function route(request, env) {
  const url = new URL(request.url);
  const ops = new Ops(env);
  const ctx = { request, env, ops, url, now: Date.now() };
  const matches = ROUTES.filter((r) => r.pattern.test(url.pathname));
  const match = matches.find((r) => r.method === request.method);
  // The one limiter call of this request, before any work; unmatched requests are cheap reads.
  const gate = await limitRequest(ctx, match?.limit ?? "usage");
  ctx.usage = gate.usage;
  let response = gate.refusal;
  if (response) {
    // Refused: nothing else runs.
  } else if (matches.length === 0) {
    response = problem(404, `There is no API endpoint at ${url.pathname}. See the README for the endpoints TrackerSync offers.`);
  } else {
    if (!match) {
      const allow = matches.map((r) => r.method).join(", ");
      response = problem(405, `${request.method} is not allowed on ${url.pathname}; use ${allow}.`, { headers: { allow } });
    } else {
      try {
        response = await match.handler(ctx);
      } catch (err) {
        // Never a stack trace to the client; the log line carries the error's name only.
        console.error(JSON.stringify({ route: url.pathname, error: err?.name ?? "Error" }));
        response = problem(503, "TrackerSync could not reach its storage just now. Nothing was lost; please try again in a minute.");
      }
    }
  }
  gate.decorate(response);
  console.log(ops.logLine(url.pathname, response.status));
  if (env.OPS_HEADER) response.headers.set("x-trackersync-ops", ops.header());
  return response;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/") || url.pathname === "/api") return route(request, env);
    return env.ASSETS.fetch(request);
  },

  async scheduled(controller, env) {
    const ops = new Ops(env);
    const result = await runScheduled(env, ops, getCore(), controller.scheduledTime ?? Date.now());
    console.log(JSON.stringify({ cron: controller.cron, health: result.status, ...ops.counts() }));
  },
};
