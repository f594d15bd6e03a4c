// TrackerSync Worker entry. Bindings it needs (see wrangler.toml):
//   RATE_LIMIT_DO  Durable Object namespace -> AtomicRateLimiter (SQLite-backed)
//   DB             D1: uploads, conversions, file_chunks, health (d1-migrations/)
//   DEGRADED_KV    KV: degraded-mode blocklist snapshot only — never on the happy path
//   ASSETS         static web UI (worker-shim/public)
//   OPS_HEADER     var: when non-empty, responses carry X-TrackerSync-Ops
//   COOKIE_SECRET  secret: signs the client cookie that owns uploads (client-cookie.js)
//   UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES  vars: override the upload caps (upload-limits.js)
//   LIMITER_POLICY var: the limiter policy JSON; empty = the core's defaults
// The Worker keeps no state but the instantiated core; it routes and calls bindings through
// Ops (ops.js), and leaves decisions to the C++ core (core.js).
import { Ops } from "./storage/ops.js";
import { Problem, cut, problem } from "./http/problem.js";
import { clientIdentity } from "./http/client-cookie.js";
import { crossSiteRefusal } from "./http/cross-site.js";
import { getCore } from "./core/instance.js";
import { limitRequest, READ_ONLY } from "./limiter/middleware.js";
import { getStatus } from "./http/routes/status.js";
import { getUsage } from "./http/routes/usage.js";
import { postUpload } from "./http/routes/upload.js";
import { postValidate } from "./http/routes/validate.js";
import { postConvert } from "./http/routes/convert.js";
import { postAssemble, postGather, postGroup, postSteps } from "./http/routes/convert-steps.js";
import { getDownload } from "./http/routes/download.js";
import { runScheduled } from "./cron/scheduled.js";

export { AtomicRateLimiter } from "./limiter/atomic-rate-limiter.js";
export { getCore };

// Handlers get the request context and the pattern's captures. `name` is what the log line
// says instead of the path, which can hold an id. `limit`: the endpoint class the limiter
// charges (wasm/core/limiter/policy.h), or READ_ONLY.
const ROUTES = [
  { method: "GET", name: "/api/status", pattern: /^\/api\/status$/, limit: "usage", handler: (ctx) => getStatus(ctx.ops, ctx.now) },
  { method: "GET", name: "/api/usage/me", pattern: /^\/api\/usage\/me$/, limit: READ_ONLY, handler: (ctx) => getUsage(ctx.usage) },
  { method: "POST", name: "/api/upload", pattern: /^\/api\/upload$/, limit: "upload", handler: postUpload },
  { method: "POST", name: "/api/validate", pattern: /^\/api\/validate$/, limit: "validate", handler: postValidate },
  { method: "POST", name: "/api/convert", pattern: /^\/api\/convert$/, limit: "convert", handler: postConvert },
  { method: "POST", name: "/api/convert/{id}/groups/{n}", pattern: /^\/api\/convert\/([^/]+)\/groups\/([^/]+)$/, limit: "step", handler: postGroup },
  { method: "POST", name: "/api/convert/{id}/steps", pattern: /^\/api\/convert\/([^/]+)\/steps$/, limit: "step", handler: postSteps },
  { method: "POST", name: "/api/convert/{id}/gather", pattern: /^\/api\/convert\/([^/]+)\/gather$/, limit: "step", handler: postGather },
  { method: "POST", name: "/api/convert/{id}/assemble", pattern: /^\/api\/convert\/([^/]+)\/assemble$/, limit: "step", handler: postAssemble },
  { method: "GET", name: "/api/download/{id}", pattern: /^\/api\/download\/([^/]+)$/, limit: "download", handler: getDownload },
  { method: "GET", name: "/api/download/{id}/{path}", pattern: /^\/api\/download\/([^/]+)\/(.+)$/, limit: "download", handler: getDownload },
];

async function route(request, env) {
  const url = new URL(request.url);
  // Refused before anything is read or charged: another website's request (cross-site.js),
  // then a deployment without its cookie secret (client-cookie.js). No binding is touched.
  let response = crossSiteRefusal(request, url);
  let client = null;
  if (!response) {
    try {
      client = await clientIdentity(request, env);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      response = err.response();
    }
  }
  if (response) {
    console.log(JSON.stringify({ route: "refused before the limiter", status: response.status }));
    return apiHeaders(request, response);
  }
  const ops = new Ops(env);
  const ctx = { request, env, ops, url, now: Date.now(), core: getCore, client };
  const matches = ROUTES.filter((r) => r.pattern.test(url.pathname));
  // HEAD is GET without the body (RFC 9110 §9.3.2): the same route, limit, checks and headers,
  // so a client can ask what a download is (its type, its length) the way it would fetch it.
  // apiHeaders drops the body.
  const match = matches.find((r) => r.method === (request.method === "HEAD" ? "GET" : request.method));
  const routeName = matches[0]?.name ?? "unknown";
  // The one limiter call of this request, before any work; unmatched requests are cheap reads.
  const gate = await limitRequest(ctx, match?.limit ?? "usage");
  ctx.usage = gate.usage;
  response = gate.refusal;
  if (response) {
    // Refused: nothing else runs.
  } else if (matches.length === 0) {
    response = problem(404, `There is no API endpoint at ${cut(url.pathname)}. See the README for the endpoints TrackerSync offers.`);
  } else {
    if (!match) {
      const allow = matches.flatMap((r) => (r.method === "GET" ? ["GET", "HEAD"] : [r.method])).join(", ");
      response = problem(405, `${cut(request.method)} is not allowed on ${cut(url.pathname)}; use ${allow}.`, { headers: { allow } });
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
  gate.decorate(response);
  console.log(ops.logLine(routeName, response.status));
  // The cookie goes only with an admitted request, whose id the limiter now holds: a refused
  // one hands out nothing, nor the usage read answered while blocked, so no cookie exists that
  // was never admitted — a newcomer's id is never a client the limiter has not met
  // (wasm/core/limiter/limiter.h "newcomer").
  if (client.setCookie && gate.admitted) response.headers.append("set-cookie", client.setCookie);
  if (env.OPS_HEADER) response.headers.set("x-trackersync-ops", ops.header());
  return apiHeaders(request, response);
}

// Every /api answer is personal (a client's files, limits or block) and typed exactly: never
// stored by a cache or a proxy, never content-sniffed into something a browser would run. An
// answer to HEAD is the same answer without its body, refusals included.
function apiHeaders(request, response) {
  if (request.method === "HEAD" && response.body) {
    response.body.cancel();
    response = new Response(null, response);
  }
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("cache-control", "no-store");
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
