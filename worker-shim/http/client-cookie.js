// The signed first-party cookie that decides ownership of uploads and conversions.
//
// Terms:
//   client id — 128 random bits (storage/ids.js) minted on a client's first /api request. It is
//               the `owner` of every row that client creates; it identifies a browser, not a
//               person, and it is never logged.
//   signature — HMAC-SHA256(COOKIE_SECRET, "ts_client:" + id). A cookie whose signature does
//               not verify is ignored and a new id is issued, so a client cannot pick its id.
//
// The same id is the rate limiter's client (limiter/identity.js): its own tiers, suspicion and
// blocks; a request without a valid cookie is charged to its network instead.
//
// The name carries the `__Host-` prefix, so a browser accepts it only from this origin, over a
// secure connection, for Path=/ and without a Domain: a sibling subdomain or a network attacker
// cannot plant one (http://localhost counts as secure, so local dev works).
//
// COOKIE_SECRET: deploy it with `wrangler secret put COOKIE_SECRET`; ./scripts/dev writes a
// random one to .dev.vars. Without it nothing is served (503 naming the secret): any built-in
// fallback would be public, and a public secret lets anyone sign any client id — another
// visitor's uploads, or a fresh limiter client on every request.
import { Problem } from "./problem.js";
import { ID_PATTERN, base64url, randomId } from "../storage/ids.js";

export const COOKIE_NAME = "__Host-ts_client";
const MAX_AGE_S = 365 * 24 * 3600;

const encoder = new TextEncoder();
let cachedKey = null; // { secret, key }: importKey once per isolate, not once per request

async function hmacKey(secret) {
  if (cachedKey?.secret !== secret) {
    const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

function base64urlDecode(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function readCookie(header, name) {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export async function signClientId(id, secret) {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`ts_client:${id}`));
  return `${id}.${base64url(new Uint8Array(sig))}`;
}

// Returns the verified client id, or null (absent, malformed or forged).
async function verify(value, secret) {
  const dot = value?.indexOf(".") ?? -1;
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  const sig = value.slice(dot + 1);
  // 43 characters carry 258 bits for the 256 of the HMAC: the last one's two spare bits must be
  // zero, as base64url() writes them, or four strings would verify for one signature (atob
  // ignores those bits; helper finding). One cookie value per client id.
  if (!ID_PATTERN.test(id) || !/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(sig)) return null;
  // subtle.verify compares in constant time.
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), base64urlDecode(sig), encoder.encode(`ts_client:${id}`));
  return ok ? id : null;
}

// The caller's client: {id, verified, setCookie}. `verified` is false when the request
// carried no valid cookie: `id` is then freshly minted (it owns what this request creates) and
// `setCookie` hands it to the client. Throws a 503 Problem when COOKIE_SECRET is not set.
export async function clientIdentity(request, env) {
  const secret = env.COOKIE_SECRET;
  if (!secret)
    throw new Problem(
      503,
      "TrackerSync is not configured: the secret COOKIE_SECRET, which signs the client cookie, is not set, so no request is served. " +
        "The operator sets it with `wrangler secret put COOKIE_SECRET` (./scripts/dev writes one for local development).",
      { type: "https://trackersync.dev/problems/missing-secret" },
    );
  const id = await verify(readCookie(request.headers.get("cookie"), COOKIE_NAME), secret);
  if (id) return { id, verified: true, setCookie: null };
  const fresh = randomId();
  const value = await signClientId(fresh, secret);
  return {
    id: fresh,
    verified: false,
    setCookie: `${COOKIE_NAME}=${value}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; Secure; SameSite=Lax`,
  };
}
