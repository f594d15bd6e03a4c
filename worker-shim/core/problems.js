// How a core error becomes an HTTP problem. The core's messages name files, record indexes
// and fields, never personal values (wasm/core/common/status.h), so they can be shown as
// they are.
import { CoreError } from "../shared/core.js";
import { Problem } from "../http/problem.js";

// `read`: what the core was reading, for a refusal of its bytes (format, integrity,
// unsupported): the uploaded files by default; gathering and assembly read the steps' parts,
// and blaming the upload for a part sent twice misled (attack finding).
export const READING_PARTS = "The parts sent could not be taken as the steps wrote them (each step's part.json, once, in plan order)";

export function coreProblem(err, read = "The uploaded files could not be read as a Fitbit export") {
  if (!(err instanceof CoreError)) return err; // not the core's: a storage failure, answered 503
  switch (err.code) {
    case "invalid_argument":
      return new Problem(400, `The conversion options were refused: ${err.message}`);
    case "capacity":
      // Out of memory: any request can meet it (an upload, a group, assembly), so the advice
      // is to send less at once. Otherwise the core's words say what to leave out.
      if (err.outOfMemory) {
        return new Problem(413, "This request was more than the converter can hold in memory at once (it has been restarted, and the service goes on). Send fewer or smaller files in one request, or convert on this device.");
      }
      return new Problem(413, `This is more than one conversion can handle: ${err.message}`);
    default: // format, integrity, unsupported: the files themselves
      return new Problem(422, `${read}: ${err.message}`);
  }
}

// Calls the core, turning its errors into problems (`read` as coreProblem's).
export function callCore(ctx, fn, read = undefined) {
  try {
    return fn(ctx.core());
  } catch (err) {
    throw coreProblem(err, read);
  }
}
