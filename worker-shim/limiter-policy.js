// The limiter policy of this deployment: the wrangler var LIMITER_POLICY (one JSON object; empty
// or unset = the core's defaults, see wasm/core/limiter/policy.cpp), validated and compiled by
// the core at first use and then kept, compiled, for the isolate's life.
import { getCore } from "./core-instance.js";

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
