// Whether the server takes one step of a plan made on this device, alone in its request: the
// rules it holds a client's step to (http/client-plan.js checkStepFiles, routes/convert-steps.js),
// checked here before the step is sent, so that a step it would refuse is converted on this
// device instead (server-convert.js), with the same core and so the same files. Without this,
// a step it refused was the end of the conversion: a workout reading a month of each of
// Google's seven per-workout files (~11 MB, ~59 ms by the estimate), each under the file cap,
// was sent, refused (a 413, or a 400 for its estimate), and the page showed the error (review
// finding). Pure: tests/node checks it.
import { STEP_MAX_MS } from "../lib/core/step-groups.js";
import { estimateMs, storedReadBytes } from "./piece-groups.js";
import { STORED_READ_MAX_BYTES, uploadLimits } from "../lib/core/upload-limits.js";

const LIMITS = uploadLimits();

// Why a step is converted here, said after the count of such steps ("2 steps on this device: …").
export const WHY_FILE = "a file larger than the server takes";
export const WHY_STEP = "more than the server takes in one step";

// step: one plan step; sent: [{path, data}], what its request would carry (a heart-rate day cut
// to its piece); pieces: {path: [offset, length, size]} or null; size(path): a file's whole
// size; stored: the paths the upload holds. → null when the server takes it, else WHY_FILE
// (a file, or a day's piece, over the file cap) or WHY_STEP (its files together over what one
// step's request carries, over what one request reads of the upload, or its estimate over
// STEP_MAX_MS).
export function refusedAlone(step, sent, pieces, { size, stored }) {
  if (sent.some((f) => f.data.length > LIMITS.maxFileBytes)) return WHY_FILE;
  if (sent.reduce((n, f) => n + f.data.length, 0) > LIMITS.stepMaxBytes) return WHY_STEP;
  if (storedReadBytes([step], stored, size) > STORED_READ_MAX_BYTES) return WHY_STEP;
  // !(ms <= …), as the server: an estimate that is not a number is over any bound.
  return estimateMs([step], pieces, size) <= STEP_MAX_MS ? null : WHY_STEP;
}
