// Whether a group of a plan made on this device, its heart-rate days sent as PIECES
// (wasm/core/convert/step_pieces.h), is one request the server takes. The page cuts its plan
// into groups before it reads any heavy file (server-convert.js clientGroups), so by whole
// files: a workouts step with two 1-4 MB days of all-day heart rate goes alone. Once a group's
// days are read, their pieces are known, and the page joins the groups after it while the
// joined group passes this check: the rules the server holds a client's group to
// (http/client-plan.js checkStepFiles), on the real pieces. On real exports' workouts this
// joins 766 requests into about 73 (one person's 775 workouts), 273 into about 134 (another's
// 321). Pure: tests/node checks it.
import { GROUP_BUDGET_MS, MAX_STEPS_PER_GROUP, piecedCostMs } from "../lib/core/step-groups.js";
import { STORED_READ_MAX_BYTES } from "../lib/core/upload-limits.js";

// Whole files this device holds while a group grows: what joining may cost in memory.
export const HOLD_MAX_BYTES = 48 * 1024 * 1024;

// steps: the group's plan steps; sent: [{path, data}], what its request carries (pieces cut);
// pieces: {path: [offset, length, size]} or null; size(path): a file's whole size; stored: the
// paths the upload holds; maxBytes: the request cap. → true when the server takes it as one
// request of several steps.
export function oneRequest(steps, sent, pieces, { size, stored, maxBytes }) {
  if (steps.length > MAX_STEPS_PER_GROUP) return false;
  if (sent.reduce((n, f) => n + f.data.length, 0) > maxBytes) return false;
  if (storedReadBytes(steps, stored, size) > STORED_READ_MAX_BYTES) return false;
  // !(ms <= …), as the server: an estimate that is not a number is over any budget.
  return estimateMs(steps, pieces, size) <= GROUP_BUDGET_MS;
}

// What steps read of the upload, each stored file once (the server's STORED_READ_MAX_BYTES
// check, http/client-plan.js checkStepFiles).
export function storedReadBytes(steps, stored, size) {
  const read = new Set(steps.flatMap((st) => st.files).filter((f) => stored.has(f)));
  return [...read].reduce((n, f) => n + size(f), 0);
}

// The server's estimate of steps, each file sent as a piece counted by it (pieces: {path:
// [offset, length, size]} or null).
export function estimateMs(steps, pieces, size) {
  const pieceOf = (f) => (pieces && Object.hasOwn(pieces, f) ? { length: pieces[f][1], size: pieces[f][2] } : undefined);
  return steps.reduce((n, st) => n + piecedCostMs(st, pieceOf, size), 0);
}
