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

// Tier names for headers and /api/usage/me, in the order the core reports tiers.
export function tierNames(handle, cls) {
  return handle.policy.classes[cls].map((t) => `${cls}-${t.name}`);
}

// A decision in the shape the middleware and /api/usage/me use: tiers carry their header names.
export function describeDecision(handle, cls, d) {
  const names = tierNames(handle, cls);
  return {
    verdict: d.verdict,
    level: d.level,
    retryAfterMs: d.retryAfterMs,
    blockedUntilMs: d.blockedUntilMs,
    tiers: d.tiers.map((t, i) => ({ name: names[i], ...t })),
  };
}

// Every class's limits for one client state, charging nothing (each is a peek of cost 0).
export function usageReport(handle, state, now) {
  const classes = {};
  let last;
  for (const cls of LIMITER_CLASSES) {
    last = handle.decide(state, now, cls, 0).decision;
    classes[cls] = describeDecision(handle, cls, last);
  }
  return { verdict: last.verdict, level: last.level, blockedUntilMs: last.blockedUntilMs, classes };
}
