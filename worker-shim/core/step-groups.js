// How the Worker cuts a conversion plan's steps (wasm/core/convert/steps.h) into GROUPS, one
// group per request: consecutive steps, in plan order, whose estimated core CPU stays within
// GROUP_BUDGET_MS. The estimate is a straight line per step kind,
//     CPU ms ≈ fixed + per MiB × the step's bytes (its files, light ones included),
// measured by scripts/bench-step-cpu on fresh generated exports (the numbers it prints are
// the ones below). GROUP_BUDGET_MS is half the free plan's 10 ms: the other half is the
// request's own work (multipart, D1, the response), a cold isolate and slower machines. A
// step whose own estimate is over the budget still runs, alone, in a group of its own.
import { BUDGET_MS } from "../shared/upload-limits.js";

export const SAFETY = 0.5;
export const GROUP_BUDGET_MS = BUDGET_MS * SAFETY;
export const MAX_STEPS_PER_GROUP = 64;

// ms per step, and ms per MiB of the step's files, by step kind (scripts/bench-step-cpu).
export const STEP_COST = Object.freeze({
  fixedMs: 0.15,
  msPerMiB: Object.freeze({ weight: 6.0, workouts: 4.0, daily: 4.5, sleep: 8.0, resting_hr: 8.0, heart_rate: 4.5, other: 2.0 }),
});
const FALLBACK_MS_PER_MIB = 8.0;

export function stepCostMs(step, cost = STEP_COST) {
  return cost.fixedMs + ((cost.msPerMiB[step.kind] ?? FALLBACK_MS_PER_MIB) * (step.bytes ?? 0)) / (1024 * 1024);
}

// steps: the plan's steps -> [[first, count], …] covering every step in order. A group's
// files that are sent with its request (sendBytes(step): the bytes of the step's files the
// upload does not hold) also stay within maxSendBytes, the deployment's request cap: a group
// the server would refuse as too large is never planned. (No single file is over that cap:
// POST /api/convert refuses one with a 413 naming it.)
export function groupSteps(
  steps,
  { budgetMs = GROUP_BUDGET_MS, maxSteps = MAX_STEPS_PER_GROUP, cost = STEP_COST, sendBytes = () => 0, maxSendBytes = Infinity } = {},
) {
  const groups = [];
  let first = 0;
  let spent = 0;
  let sent = 0;
  for (let i = 0; i < steps.length; i++) {
    const ms = stepCostMs(steps[i], cost);
    const bytes = sendBytes(steps[i]);
    const count = i - first;
    if (count > 0 && (spent + ms > budgetMs || count >= maxSteps || sent + bytes > maxSendBytes)) {
      groups.push([first, count]);
      first = i;
      spent = 0;
      sent = 0;
    }
    spent += ms;
    sent += bytes;
  }
  if (steps.length > first) groups.push([first, steps.length - first]);
  return groups;
}
