// Who a request is charged to (wasm/core/limiter/policy.h defines client, network, ceiling
// and anonymous; docs/architecture.md, "The limiter", says why the numbers are what they are):
//
//   client  — the id in the signed cookie (http/client-cookie.js). Only the server mints ids,
//             so a client cannot choose one; a script that discards its cookie to start over
//             becomes anonymous, and one that collects many cookies still shares one ceiling.
//   network — CF-Connecting-IP cut to its /24 (IPv4) or /56 (IPv6): the block a home or office
//             connection moves within. Cloudflare sets the header; a client cannot.
//
// Nothing the client chooses — User-Agent, Accept-Language, any fingerprint header, a new
// cookie — changes which network it is in, so rotating them buys nothing beyond the ceiling.
//
// The limiter's Durable Object is the network's: it holds the network's state (the ceiling,
// and the strikes and blocks of its requests without a cookie) and the state of each client
// seen from it, and decides a request against both in one call. One DO call per request, and
// a whole network's requests queue in one object — microseconds each, so even a busy network
// waits for its own traffic only (docs/architecture.md, "What it costs"). What this cannot
// stop: one party holding addresses in many networks (a /48 of IPv6 is 256 networks); that is
// for Cloudflare's rate-limiting rules in front of the Worker.
const encoder = new TextEncoder();

// The name of the AtomicRateLimiter that decides a network's requests.
export function limiterName(subnet) {
  return `net:${subnet}`;
}

// "203.0.113.7" -> "203.0.113.0/24"; "2001:db8:1:2a00::1" -> "2001:db8:1:2a00::/56".
// Anything unparseable (absent in local dev) is one shared "unknown" subnet.
export function ipSubnet(ip) {
  if (!ip) return "unknown";
  ip = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, ""); // IPv4-mapped IPv6 is IPv4
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4 && v4.slice(1).every((o) => Number(o) <= 255)) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIPv6(ip);
  if (!groups) return "unknown";
  // IPv4-mapped written in hex ("::ffff:c633:4b01"): the same IPv4 address, so the same /24
  // (helper finding: read as IPv6, every such address shared the network 0:0:0::/56, and one
  // address written both ways had two networks' allowance).
  if (groups.slice(0, 5).every((g) => parseInt(g, 16) === 0) && parseInt(groups[5], 16) === 0xffff) {
    const hi = parseInt(groups[6], 16);
    return `${hi >> 8}.${hi & 0xff}.${parseInt(groups[7], 16) >> 8}.0/24`;
  }
  // /56 = the first three groups and the high byte of the fourth.
  const fourth = (parseInt(groups[3], 16) & 0xff00).toString(16);
  return `${groups.slice(0, 3).map((g) => parseInt(g, 16).toString(16)).join(":")}:${fourth}::/56`;
}

function expandIPv6(ip) {
  if (!/^[0-9a-fA-F:]+$/.test(ip) || ip.split("::").length > 2) return null;
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const missing = 8 - h.length - t.length;
  if (tail === null ? missing !== 0 : missing < 1) return null;
  const groups = [...h, ...Array(tail === null ? 0 : missing).fill("0"), ...t];
  return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : null;
}

// What D1's `blocks` and the degraded-mode snapshot call a blocked party: a hash, so neither
// holds a client id (which owns uploads) nor an address prefix. client null = the network's
// requests without a cookie.
export async function blockKey(subnet, client) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(`${subnet}\n${client ?? ""}`)));
  let hex = "";
  for (let i = 0; i < 16; i++) hex += digest[i].toString(16).padStart(2, "0");
  return hex;
}
