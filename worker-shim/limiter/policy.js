// The limiter policy of this deployment: the wrangler var LIMITER_POLICY (one JSON object; empty
// or unset = the core's defaults, see wasm/core/limiter/policy.cpp), validated and compiled by
// the core at first use and then kept, compiled, for the isolate's life.
import { LIMITER_CLASSES } from "../shared/core.js";
import { getCore } from "../core/instance.js";

export class LimiterPolicyError extends Error {
  constructor(message) {
    super(message);
    this.name = "LimiterPolicyError";
  }
}

let compiled = null; // { text, handle } — recompiled only if the var changes (tests, reloads)

// Returns the LimiterHandle (core.js) for env's policy, or throws LimiterPolicyError with the
// core's message naming the bad field, e.g. "limiter policy: classes.upload[0].burst must be
// between 1 and 2".
export function limiterFor(env) {
  const text = env.LIMITER_POLICY ?? "";
  if (compiled?.text !== text) {
    let handle;
    try {
      handle = getCore().limiter(text);
    } catch (err) {
      throw new LimiterPolicyError(`LIMITER_POLICY is invalid: ${err.message}`);
    }
    compiled?.handle.close();
    compiled = { text, handle };
  }
  return compiled.handle;
}

// Tier names for headers and /api/usage/me, in the order the core reports tiers: a client's
// own are "upload-minute", the network's ceiling "network-upload-minute".
export function tierNames(handle, cls) {
  return handle.policy.classes[cls].map((t) => `${cls}-${t.name}`);
}

export function ceilingNames(handle, cls) {
  return handle.policy.ceiling[cls].map((t) => `network-${cls}-${t.name}`);
}

// A decision in the shape the middleware and /api/usage/me use: tiers carry their header names.
// A block is the network's when the request had no cookie or a newcomer's (limiter.h).
export function describeDecision(handle, cls, d) {
  const names = tierNames(handle, cls);
  const ceiling = ceilingNames(handle, cls);
  return {
    verdict: d.verdict,
    refusedBy: d.refusedBy,
    accountable: d.accountable,
    blockedScope: d.verdict === "blocked" ? d.accountable : null,
    level: d.level,
    retryAfterMs: d.retryAfterMs,
    blockedUntilMs: d.blockedUntilMs,
    tiers: d.tiers.map((t, i) => ({ name: names[i], ...t })),
    ceiling: d.ceiling.map((t, i) => ({ name: ceiling[i], ...t })),
  };
}

// What GET /api/usage/me reports (every figure a peek of cost 0, after the request's own charge): every
// class's limits for the client — a client never seen when the request had no cookie, since it
// is given one now — and its network's ceiling; whether the client is blocked; and whether the
// network's requests without a cookie are.
export function usageReport(handle, { network, client }, now) {
  const classes = {};
  let last;
  for (const cls of LIMITER_CLASSES) {
    last = handle.decide({ network, client }, now, cls, 0).decision;
    classes[cls] = describeDecision(handle, cls, last);
  }
  const anonymous = handle.decide({ network, anonymous: true }, now, "usage", 0).decision;
  return {
    verdict: last.verdict,
    level: last.level,
    blockedUntilMs: last.blockedUntilMs,
    anonymousBlockedUntilMs: anonymous.blockedUntilMs,
    classes,
  };
}

// The usage report of a request the decision found blocked says so, whoever's block it is (a
// newcomer's is its network's cookieless requests': the report's own peek cannot see it).
export function withBlock(decision, report) {
  if (decision.verdict !== "blocked") return { decision, ...report };
  return { decision, ...report, verdict: "blocked", level: decision.level, blockedUntilMs: decision.blockedUntilMs };
}
