// Requests another website makes a visitor's browser send (http/cross-site.js): refused with a
// 403 before the cookie, the limiter or any binding is touched, so a page elsewhere cannot
// spend — or get refused — a visitor's quota. Scripts, which send neither header, still work.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker-shim/index.js";
import { expectProblem, opsOf } from "./api-client.js";

const BASE = "https://trackersync.test";
// A limiter deadline long enough that a loaded test machine never goes to degraded mode.
const patient = { ...env, LIMITER_DEADLINE_MS: "60000" };

function visitor(ip) {
  let cookie = null;
  return async (path, headers = {}, init = {}) => {
    const h = new Headers(headers);
    h.set("cf-connecting-ip", ip);
    if (cookie) h.set("cookie", cookie);
    const res = await worker.fetch(new Request(BASE + path, { ...init, headers: h }), patient);
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    return res;
  };
}

describe("cross-site requests", () => {
  it("1: another site's no-cors loop (Sec-Fetch-Site: cross-site) is refused, charges nothing, and leaves the visitor's own usage untouched", async () => {
    const v = visitor("192.0.2.50");
    const before = await (await v("/api/usage/me", { "sec-fetch-site": "same-origin" })).json();
    for (let i = 0; i < 60; i++) {
      const res = await v("/api/status", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" });
      expect(res.status).toBe(403);
      expect(res.headers.get("x-trackersync-ops")).toBeNull(); // no binding was touched
      expect(res.headers.get("ratelimit")).toBeNull(); // the limiter was not asked
      expect(res.headers.get("set-cookie")).toBeNull(); // nor the cookie
    }
    const last = await v("/api/upload", { "sec-fetch-site": "cross-site" }, { method: "POST", body: "x" });
    const body = await expectProblem(last, 403, /another website, so it was refused and nothing was charged/);
    expect(body.type).toBe("https://trackersync.dev/problems/cross-site");
    const after = await v("/api/usage/me", { "sec-fetch-site": "same-origin" });
    expect(after.status).toBe(200);
    const usage = await after.json();
    expect(usage.blocked).toBe(false);
    const { usage: usageAfter, ...restAfter } = usage.classes;
    const { usage: usageBefore, ...restBefore } = before.classes;
    expect(restAfter).toEqual(restBefore);
    // The one charge in between is this usage read itself (a cheap read of the usage class),
    // give or take what the tiers refilled meanwhile.
    for (const [a, b] of [[usageAfter[0], usageBefore[0]], [usage.network.classes.usage[0], before.network.classes.usage[0]]]) {
      expect(a.remaining).toBeGreaterThanOrEqual(b.remaining - 1);
      expect(a.remaining).toBeLessThanOrEqual(b.remaining);
    }
    expect((await v("/api/status", { "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("2: an Origin that is not this site's is refused, the detail naming it; 'null' too", async () => {
    const v = visitor("192.0.2.51");
    for (const origin of ["https://evil.example", "http://trackersync.test", "https://trackersync.test.evil.example", "null"]) {
      const res = await v("/api/convert", { origin, "content-type": "application/json" }, { method: "POST", body: "{}" });
      await expectProblem(res, 403, new RegExp(`came from ${origin.replace(/\./g, "\\.")}, another website`));
    }
  });

  it("3: the site's own page (same origin) and scripts that send neither header are served, at 1 DO call", async () => {
    const v = visitor("192.0.2.52");
    for (const headers of [{}, { origin: BASE }, { "sec-fetch-site": "same-origin", origin: BASE }, { "sec-fetch-site": "none" }]) {
      const res = await v("/api/status", headers);
      expect(res.status).toBe(200);
      expect(opsOf(res)).toMatchObject({ kv: 0, do: 1 });
    }
  });

  it("5: a page on another host of the same site (Sec-Fetch-Site: same-site, no Origin on a no-cors GET) is refused too, charging nothing", async () => {
    // Attack finding: a sibling subdomain of a custom domain could spend the visitor's tiers,
    // its browser sending the cookie (SameSite=Lax) and no Origin.
    const v = visitor("192.0.2.53");
    for (const path of ["/api/usage/me", "/api/status", "/api/download/abc"]) {
      const res = await v(path, { "sec-fetch-site": "same-site", "sec-fetch-mode": "no-cors" });
      await expectProblem(res, 403, /another website, so it was refused and nothing was charged/);
      expect(res.headers.get("ratelimit")).toBeNull();
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("4: static pages are not API requests: another site may link to the page", async () => {
    const res = await SELF.fetch(`${BASE}/`, { headers: { "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(200);
  });
});
