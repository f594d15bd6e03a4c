// TrackerSync Worker entry. Bindings it needs (see wrangler.toml):
//   RATE_LIMIT_DO  Durable Object namespace -> AtomicRateLimiter (SQLite-backed)
//   DB             D1: uploads, conversions, file_chunks, health (d1-migrations/)
//   DEGRADED_KV    KV: degraded-mode blocklist snapshot only — never on the happy path
//   ASSETS         static web UI (worker-shim/public)
//   OPS_HEADER     var: when non-empty, responses carry X-TrackerSync-Ops
//   COOKIE_SECRET  secret: signs the client cookie that owns uploads (client-cookie.js)
//   UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES  vars: override the upload caps (upload-limits.js)
// The Worker keeps no state but the instantiated core; it routes and calls bindings through
// Ops (ops.js), and leaves decisions to the C++ core (core.js).
import wasmModule from "./generated/core.wasm";
import { createCore } from "./core.js";
import { Ops } from "./ops.js";
import { Problem, problem } from "./problem.js";
import { clientIdentity } from "./client-cookie.js";
import { getStatus } from "./routes/status.js";
import { postUpload } from "./routes/upload.js";
import { postValidate } from "./routes/validate.js";
import { postConvert } from "./routes/convert.js";
import { getDownload } from "./routes/download.js";
import { runScheduled } from "./scheduled.js";

export { AtomicRateLimiter } from "./limiter-do.js";

let core = null;
// Instantiated once per isolate, on first use (not at import, to keep cold starts cheap for
// requests that never need it).
export function getCore() {
  core ??= createCore(wasmModule);
  return core;
}

// Handlers get the request context and the pattern's captures. `name` is what the log line
// says instead of the path, which can hold an id.
const ROUTES = [
  { method: "GET", name: "/api/status", pattern: /^\/api\/status$/, handler: (ctx) => getStatus(ctx.ops, ctx.now) },
  { method: "POST", name: "/api/upload", pattern: /^\/api\/upload$/, handler: postUpload },
  { method: "POST", name: "/api/validate", pattern: /^\/api\/validate$/, handler: postValidate },
  { method: "POST", name: "/api/convert", pattern: /^\/api\/convert$/, handler: postConvert },
  { method: "GET", name: "/api/download/{id}", pattern: /^\/api\/download\/([^/]+)$/, handler: getDownload },
  { method: "GET", name: "/api/download/{id}/{path}", pattern: /^\/api\/download\/([^/]+)\/(.+)$/, handler: getDownload },
];

async function route(request, env) {
  const url = new URL(request.url);
  const ops = new Ops(env);
  const ctx = { request, env, ops, url, now: Date.now(), core: getCore, client: await clientIdentity(request, env) };
  let response;
  const matches = ROUTES.filter((r) => r.pattern.test(url.pathname));
  const routeName = matches[0]?.name ?? "unknown";
  if (matches.length === 0) {
    response = problem(404, `There is no API endpoint at ${url.pathname}. See the README for the endpoints TrackerSync offers.`);
  } else {
    const match = matches.find((r) => r.method === request.method);
    if (!match) {
      const allow = matches.map((r) => r.method).join(", ");
      response = problem(405, `${request.method} is not allowed on ${url.pathname}; use ${allow}.`, { headers: { allow } });
    } else {
      try {
        response = await match.handler(ctx, ...match.pattern.exec(url.pathname).slice(1));
      } catch (err) {
        if (err instanceof Problem) {
          response = err.response();
        } else {
          // Never a stack trace to the client; the log line carries the error's name only.
          console.error(JSON.stringify({ route: routeName, error: err?.name ?? "Error" }));
          response = problem(503, "TrackerSync could not reach its storage just now. Nothing was lost; please try again in a minute.");
        }
      }
    }
  }
  console.log(ops.logLine(routeName, response.status));
  if (ctx.client.setCookie) response.headers.append("set-cookie", ctx.client.setCookie);
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
