// The limiter middleware: once per /api request, before any work, one RPC to the request's
// network's AtomicRateLimiter — idFromName(limiterName(network)), get, decide({network, client,
// cls}) — through Ops#doCall, so the DO call is counted; plus what the decision means for HTTP:
//   RateLimit-Policy and RateLimit (IETF draft-ietf-httpapi-ratelimit-headers, structured
//   fields) on every /api response, the client's own tiers and its network's ceiling:
//   "upload-minute";q=10;w=60, "network-upload-minute";q=40;w=60  /  "upload-minute";r=9;t=6, …
//   429 + Retry-After when a tier refuses, saying whose limit it was; 403 + Retry-After when
//   the client (or, for a request without a cookie, its network) is blocked, the problem+json
//   saying who and until when.
// Each route names its endpoint class (route table `limit`); the READ_ONLY route (/api/usage/me)
// is charged as one request of the usage class and then reads every class's limits, and is
// answered even while blocked — that answer is how a blocked page learns when the block ends.
import { withDeadline } from "./deadline.js";
import { ipSubnet, limiterName } from "./identity.js";
import { decideDegraded, usageDegraded } from "./degraded.js";
import { limiterFor } from "./policy.js";
import { problem } from "../http/problem.js";

export const READ_ONLY = "read-only";
// How long a request waits for its limiter before degraded mode decides (var
// LIMITER_DEADLINE_MS overrides). A healthy DO answers in a few ms.
export const DEFAULT_LIMITER_DEADLINE_MS = 1000;

// Returns {refusal: Response | null, admitted, usage, decorate(response)}: the caller answers
// with `refusal` when there is one, and passes its final response through decorate().
export async function limitRequest(ctx, cls) {
  const network = ipSubnet(ctx.request.headers.get("cf-connecting-ip"));
  // A request without a valid cookie is decided for the client id minted for it: a newcomer
  // (limiter.h), whose strikes and block are its network's cookieless requests', and which is
  // a client of its own if this request is admitted — the cookie is handed out only then
  // (index.js). A cookie whose state the DO no longer holds is a returning client, never
  // held to its network's cookieless block.
  const client = ctx.client.id;
  const newcomer = !ctx.client.verified;
  const readOnly = cls === READ_ONLY;
  let limiter;
  try {
    limiter = limiterFor(ctx.env); // validates LIMITER_POLICY here too, so a bad one fails fast and clearly
  } catch (err) {
    return { refusal: unavailable(err), admitted: false, usage: null, decorate: (r) => r };
  }
  let result;
  let degraded = false;
  try {
    const deadline = Number(ctx.env.LIMITER_DEADLINE_MS) || DEFAULT_LIMITER_DEADLINE_MS;
    result = await withDeadline(
      ctx.ops.doCall(ctx.env.RATE_LIMIT_DO, limiterName(network), (stub) =>
        readOnly ? stub.usage({ network, client, newcomer }) : stub.decide({ network, client, cls, newcomer }),
      ),
      deadline, "rate limiter",
    );
  } catch (err) {
    // The DO threw or is too slow: decide here, with the same math (degraded.js).
    console.error(JSON.stringify({ limiter: "degraded", error: err?.name ?? "Error" }));
    degraded = true;
    try {
      const args = { ops: ctx.ops, limiter, network, client, cls, now: ctx.now, newcomer };
      result = readOnly ? await usageDegraded(args) : await decideDegraded(args);
    } catch (err2) {
      return { refusal: unavailable(err2), admitted: false, usage: null, decorate: (r) => r };
    }
  }
  // The usage read's headers describe the cheap-read class it was charged to.
  const decision = readOnly ? (result.refused ?? result.decision) : result;
  const headers = rateLimitHeaders([...decision.tiers, ...decision.ceiling]);
  // Responses decided without the DO say so; clients and tests can tell.
  if (degraded) headers["x-trackersync-degraded"] = "limiter";
  const refused = readOnly ? result.refused ?? null : decision;
  return {
    refusal: refused ? refusal(refused, network, decision.accountable === "network", ctx.now) : null,
    // Whether the limiter admitted this request (its client's state now held: index.js hands
    // out a newcomer's cookie only then). The usage read is answered while blocked, but not
    // admitted: a blocked network's requests without a cookie each got a fresh cookie from it,
    // and walked out of their block (attack finding).
    admitted: decision.verdict !== "blocked" && decision.verdict !== "limited",
    usage: readOnly && !result.refused ? { ...result, network } : null,
    decorate(response) {
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      return response;
    },
  };
}

export function rateLimitHeaders(tiers) {
  const limited = tiers.filter((t) => t.limit >= 0); // unlimited tiers advertise nothing
  if (limited.length === 0) return {};
  return {
    "ratelimit-policy": limited.map((t) => `"${t.name}";q=${t.limit};w=${t.periodMs / 1000}`).join(", "),
    ratelimit: limited.map((t) => `"${t.name}";r=${t.remaining};t=${Math.ceil(t.resetMs / 1000)}`).join(", "),
  };
}

function seconds(ms) {
  return Math.max(1, Math.ceil(ms / 1000));
}

function refusal(d, network, anonymous, now) {
  if (d.verdict === "blocked") {
    const until = new Date(d.blockedUntilMs).toISOString();
    const wait = seconds(d.blockedUntilMs - now);
    const extra = { blockedUntil: until, blockedScope: d.blockedScope };
    const detail =
      d.blockedScope === "network"
        ? `Requests without a TrackerSync cookie from your network (${network}) are blocked until ${until} (in ${wait} s): ` +
          "such requests kept coming before the Retry-After of the network's shared limit. Keep the cookie an admitted answer sets " +
          "(a browser does; curl: -c jar -b jar) and your requests are your own, limited on their own; people on your network who have a cookie are not affected."
        : `This browser is blocked until ${until} (in ${wait} s) after repeated requests that ignored Retry-After. ` +
          "Requests before then are refused; waiting it out is the only way back, and each new block lasts longer. Others on your network are not affected.";
    return problem(403, detail, { headers: { "retry-after": String(wait) }, extra });
  }
  if (d.verdict === "limited") {
    const wait = seconds(d.retryAfterMs);
    if (d.refusedBy === "ceiling") {
      const tier = d.ceiling.find((t) => t.limit >= 0 && t.remaining === 0) ?? d.ceiling[0];
      const which = tier ? ` Its ${tier.name} limit allows ${tier.limit} per ${tier.periodMs / 1000} s for everyone on it together.` : "";
      return problem(
        429,
        `Too many requests from your network (${network}).${which} Try again in ${wait} s; ` +
          (anonymous
            ? "requests without a cookie that retry sooner get all such requests from your network blocked, so keep the cookie this answer sets."
            : "retrying sooner makes your own limits stricter."),
        { headers: { "retry-after": String(wait) }, extra: { limitedBy: "network" } },
      );
    }
    const tier = d.tiers.find((t) => t.limit >= 0 && t.remaining === 0) ?? d.tiers[0];
    const which = tier ? ` The ${tier.name} limit allows ${tier.limit} per ${tier.periodMs / 1000} s.` : "";
    return problem(429, `Too many requests.${which} Try again in ${wait} s; retrying sooner makes the limits stricter.`, {
      headers: { "retry-after": String(wait) },
      extra: { limitedBy: "client" },
    });
  }
  return null;
}

// The limiter could not decide: fail closed. A bad LIMITER_POLICY is the operator's to fix, so
// its message (field names only) is shown; anything else is "try again".
function unavailable(err) {
  const message = String(err?.message ?? "");
  console.error(JSON.stringify({ limiter: "unavailable", error: err?.name ?? "Error", policy: message.includes("LIMITER_POLICY") }));
  if (message.includes("LIMITER_POLICY is invalid"))
    return problem(503, `TrackerSync's rate-limit policy is misconfigured, so no request can be admitted. ${message.slice(message.indexOf("LIMITER_POLICY"))}`);
  return problem(503, "TrackerSync could not reach its rate limiter just now. Nothing was done; please try again in a minute.");
}
