// Shared by the attack scripts in this folder: each one replays, against a running
// `./scripts/dev`, an attack on the limiter or the API, and says what it gets now.
//   PORT=8817 ./scripts/dev &        then        PORT=8817 node scripts/attacks/run.mjs
// One attack alone: PORT=8817 [NET=n] node scripts/attacks/<name>.mjs. Each attack comes from a network
// of its own (CF-Connecting-IP, which local dev takes from the request), so one attack's
// refusals never spill into another's; on a deployed Worker Cloudflare sets that header.
import { fileURLToPath } from "node:url";
import { weightFiles } from "../../tests/workers/fixtures.js";

export const BASE = process.env.BASE ?? `http://localhost:${process.env.PORT ?? 8787}`;

// A network of its own for attack number n (TEST-NET-derived, never a real one).
export function networkFor(n) {
  return { ip: (host) => `198.19.${n}.${host}`, prefix: `198.19.${n}.0/24` };
}

// One request. Returns {status, headers, body (parsed JSON when it is JSON), cookie (the
// Set-Cookie pair, if any)}.
export async function send(path, { ip, cookie, headers = {}, method = "GET", body } = {}) {
  const h = new Headers(headers);
  if (ip) h.set("cf-connecting-ip", ip);
  if (cookie) h.set("cookie", cookie);
  const res = await fetch(BASE + path, { method, headers: h, body });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  const set = res.headers.get("set-cookie");
  return { status: res.status, headers: res.headers, body: parsed, cookie: set ? set.split(";")[0] : null };
}

// A client that keeps its cookie, like a browser or `curl -c jar -b jar`.
export function browser(ip) {
  let cookie = null;
  return async (path, init = {}) => {
    const r = await send(path, { ...init, ip, cookie });
    cookie = r.cookie ?? cookie;
    return r;
  };
}

// A minimal weight export (the API tests' own fixture): one weigh-in file and the profile.
export function weightUpload(n = 1) {
  const fd = new FormData();
  for (const [name, data] of weightFiles(n)) fd.append("file", new Blob([data]), name);
  return fd;
}

export const tally = (statuses) => Object.entries(statuses.reduce((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {})).map(([s, n]) => `${n}×${s}`).join(", ");

// Runs `attack` when its file is the script node was started with.
export async function runIfMain(url, attack, n = Number(process.env.NET ?? 1)) {
  if (process.argv[1] !== fileURLToPath(url)) return;
  const answer = await attack.run(networkFor(n));
  console.log(`${attack.title}\n  ${answer}`);
}
