// Who is asking: the limiter's client key (docs/architecture.md, "HTTP contract").
//
//   ip subnet        — CF-Connecting-IP cut to its /24 (IPv4) or /56 (IPv6): the block a home or
//                      office connection moves within, so a new address from the same line is
//                      the same client.
//   fingerprint hash — SHA-256 of stable browser signals: User-Agent, Accept-Language, and the
//                      page's own X-Client-Fingerprint when sent.
//   client key       — SHA-256(fingerprint signals) XOR SHA-256(subnet), hex: the name of the
//                      client's AtomicRateLimiter: fingerprint_hash ⊕ ip_subnet.
//
// What the blend does: clearing cookies changes nothing (the cookie is not part of it; the
// signed cookie only decides who owns uploads and conversions); a new address in the same
// subnet changes nothing; two browsers behind one NAT are two clients; and because every
// (browser, subnet) pair is its own Durable Object, no one instance carries a meaningful
// slice of traffic, and a noisy client queues only behind itself.
//
// What it cannot stop: a client that rotates its signals — a new User-Agent, Accept-Language or
// X-Client-Fingerprint, or a new subnet — is a new key with fresh limits, and a script can do
// that on every request. Nothing keyed per client can stop that. What limits the damage: each
// key still gets only the per-tier caps (a burst of 5 uploads, 2 conversions), refusals that
// ignore Retry-After raise suspicion and then block that key, and uploads and conversions are
// bounded in size and lifetime; beyond that it is the platform's job (Cloudflare's own
// per-IP rate limiting rules in front of the Worker).
const encoder = new TextEncoder();

// "203.0.113.7" -> "203.0.113.0/24"; "2001:db8:1:2a00::1" -> "2001:db8:1:2a00::/56".
// Anything unparseable (absent in local dev) is one shared "unknown" subnet.
export function ipSubnet(ip) {
  if (!ip) return "unknown";
  ip = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, ""); // IPv4-mapped IPv6 is IPv4
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4 && v4.slice(1).every((o) => Number(o) <= 255)) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIPv6(ip);
  if (!groups) return "unknown";
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

async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export function fingerprintSignals(request) {
  const h = request.headers;
  // Length-prefixed so no two different signal sets can concatenate to the same text.
  return [h.get("user-agent") ?? "", h.get("accept-language") ?? "", h.get("x-client-fingerprint") ?? ""]
    .map((s) => `${s.length}:${s}`)
    .join("|");
}

// The AtomicRateLimiter name for this request's client.
export async function clientKey(request) {
  const [fp, net] = await Promise.all([
    sha256(fingerprintSignals(request)),
    sha256(ipSubnet(request.headers.get("cf-connecting-ip"))),
  ]);
  let hex = "";
  for (let i = 0; i < fp.length; i++) hex += (fp[i] ^ net[i]).toString(16).padStart(2, "0");
  return hex;
}
