// What a deployment must not get wrong: no public fallback for COOKIE_SECRET, a cookie only
// this origin can set, and API answers no cache keeps and no browser sniffs.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker-shim/index.js";
import { COOKIE_NAME } from "../../worker-shim/http/client-cookie.js";
import { expectProblem, newClient, opsOf } from "./api-client.js";
import { weightFiles } from "./fixtures.js";

const countingEnv = () => {
  const touched = [];
  const watch = (name, binding) =>
    new Proxy(binding, {
      get(target, prop) {
        touched.push(`${name}.${String(prop)}`);
        const v = target[prop];
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  return { touched, env: { ...env, COOKIE_SECRET: "", DB: watch("DB", env.DB), RATE_LIMIT_DO: watch("RATE_LIMIT_DO", env.RATE_LIMIT_DO), DEGRADED_KV: watch("DEGRADED_KV", env.DEGRADED_KV) } };
};

describe("deployed safely", () => {
  it("1: without COOKIE_SECRET every /api request is a 503 naming the secret, and no binding is touched", async () => {
    const { touched, env: e } = countingEnv();
    for (const [method, path] of [["GET", "/api/status"], ["GET", "/api/usage/me"], ["POST", "/api/upload"]]) {
      const res = await worker.fetch(new Request(`https://trackersync.test${path}`, { method, headers: { "cf-connecting-ip": "192.0.2.60" } }), e);
      const body = await expectProblem(res, 503, /the secret COOKIE_SECRET, which signs the client cookie, is not set/);
      expect(body.detail).toContain("wrangler secret put COOKIE_SECRET");
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const { COOKIE_SECRET: _unset, ...without } = e;
    const missing = await worker.fetch(new Request("https://trackersync.test/api/status"), without);
    expect(missing.status).toBe(503);
    expect(touched).toEqual([]);
  });

  it("2: the cookie is __Host- prefixed: Secure, Path=/, no Domain", async () => {
    expect(COOKIE_NAME).toBe("__Host-ts_client");
    const res = await newClient().fetch("/api/status");
    const set = res.headers.get("set-cookie");
    expect(set).toMatch(/^__Host-ts_client=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; /);
    for (const attr of ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"]) expect(set).toContain(attr);
    expect(set).not.toMatch(/domain=/i);
    // The old, unprefixed name is not read: a cookie planted under it owns nothing.
    const planted = res.headers.get("set-cookie").split(";")[0].replace("__Host-ts_client", "ts_client");
    const again = await newClient().fetch("/api/status", { headers: { cookie: planted } });
    expect(again.headers.get("set-cookie")).toMatch(/^__Host-ts_client=/);
  });

  it("3: every API answer — success, problem, refusal, download — says nosniff and no-store", async () => {
    const client = newClient();
    const answers = [await client.fetch("/api/status"), await client.fetch("/api/nope"), await client.fetch("/api/usage/me")];
    const up = await client.upload(weightFiles(3));
    answers.push(up);
    const { uploadId } = await up.clone().json();
    const conv = await client.postJson("/api/convert", { uploadId });
    answers.push(conv);
    const { conversionId } = await conv.clone().json();
    answers.push(await client.fetch(`/api/download/${conversionId}`));
    answers.push(await client.fetch(`/api/download/${conversionId}/manifest.json`));
    answers.push(await worker.fetch(new Request("https://trackersync.test/api/status", { headers: { "sec-fetch-site": "cross-site" } }), env));
    expect(answers.map((r) => r.status)).toEqual([200, 404, 200, 201, 201, 200, 200, 403]);
    for (const r of answers) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("cache-control")).toBe("no-store");
    }
    expect(opsOf(answers[0])).toMatchObject({ kv: 0, do: 1 });
  });
});
