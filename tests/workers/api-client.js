// A client for the Worker under test that keeps its cookie like a browser does, so two
// clients are two owners (and two limiter clients), and comes from its own network (a /56 of
// the IPv6 documentation prefix in CF-Connecting-IP), so two clients never share a network's
// ceiling, as two households would not. `rotateNetwork` gives every request a network of its
// own instead: one owner whose requests the limiter cannot link (a client's state is kept per
// network), for tests that send more requests than a burst allows and are not about limits.
// Requests go through SELF (the real fetch handler in workerd).
import { SELF } from "cloudflare:test";

export const BASE = "https://trackersync.test";
let networks = 0;
function nextNetwork() {
  networks += 1;
  return `2001:db8:${(networks >> 8).toString(16)}:${(networks & 0xff).toString(16)}00::1`;
}

export function newClient({ rotateNetwork = false } = {}) {
  let cookie = null;
  const ip = nextNetwork();
  return {
    get cookie() {
      return cookie;
    },
    // The client id the Worker minted for this client (the part of the cookie before the dot).
    get id() {
      return cookie?.split("=")[1].split(".")[0] ?? null;
    },
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
      if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", rotateNetwork ? nextNetwork() : ip);
      const res = await SELF.fetch(BASE + path, { ...init, headers });
      const set = res.headers.get("set-cookie");
      if (set) cookie = set.split(";")[0];
      return res;
    },
    async upload(files) {
      return this.fetch("/api/upload", { method: "POST", body: form(files) });
    },
    async postJson(path, body) {
      return this.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    },
  };
}

// files: [[path, string | Uint8Array], …] -> multipart body with one `file` part each.
export function form(files) {
  const fd = new FormData();
  for (const [name, data] of files) fd.append("file", new Blob([data]), name);
  return fd;
}

// X-TrackerSync-Ops -> {kv, d1_queries, d1_rows_read, d1_rows_written, do}
export function opsOf(res) {
  const header = res.headers.get("x-trackersync-ops");
  if (!header) throw new Error("response has no X-TrackerSync-Ops header");
  return Object.fromEntries(header.split(", ").map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
}

export async function expectProblem(res, status, detailPattern) {
  const { expect } = await import("vitest");
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = await res.json();
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (detailPattern) expect(body.detail).toMatch(detailPattern);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+|Error:/);
  return body;
}

// A D1 binding that fails the way an unreachable database does: every call rejects.
export const unavailableD1 = {
  prepare() {
    const fail = () => Promise.reject(new Error("D1_ERROR: Network connection lost."));
    const statement = { bind: () => statement, all: fail, run: fail, first: fail, raw: fail };
    return statement;
  },
  batch: () => Promise.reject(new Error("D1_ERROR: Network connection lost.")),
};
