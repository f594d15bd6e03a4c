// What TrackerSync keeps in D1, counted against one cap for every client together. D1's free
// plan holds 500 MB, and the limiter bounds each client's and each network's requests, not
// what many networks store together: 3 networks' upload bursts stored 60 MiB of noise in 4 s,
// so a few dozen would fill the database, and every write — uploads, sessions, the cron's
// health record — would fail for everyone until rows expired (attack finding). With the cap,
// such a flood stops new uploads and server conversions (a 503 saying to convert on the
// device, where nothing is stored) while the database keeps working.
//
// How: the storage_budget row (d1-migrations/0006) holds the bytes the live rows keep. A
// request that stores bytes charges what it adds in the same D1 batch as the rows, first; the
// row's trigger aborts a charge past the cap, and the batch with it (one transaction), so no
// byte is stored uncounted. Maintenance recounts the row from the live rows after deleting
// expired ones (cron/maintenance.js), so what expired is given back within five minutes. One
// row written more per storing request (docs/architecture.md, op accounting).
import { Problem } from "../http/problem.js";
import { SQL } from "./queries.js";

// Base64 text and metadata, as stored. 350 MB of the free plan's 500 MB: SQLite's pages,
// indexes and the other tables (health, blocks) take the rest with room to spare.
export const STORAGE_MAX_BYTES = 350_000_000;
// Maintenance runs every five minutes (wrangler.toml): the soonest the count can fall.
const RETRY_AFTER_S = 300;

export function storageCap(env) {
  const n = Number(env.STORAGE_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : STORAGE_MAX_BYTES;
}

// What stored texts take, as the recount measures them (SQLite's length(): characters; the
// base64 and JSON are ASCII but for file names). Statements' text parameters included.
export function storedBytes(...items) {
  let n = 0;
  for (const t of items.flat(2)) if (typeof t === "string") n += t.length;
  return n;
}

function spent() {
  return new Problem(
    503,
    "The server's storage is full just now: it keeps every visitor's files for an hour or two, and they fill it. Nothing of this request was stored. " +
      "Convert on this device instead (nothing is uploaded that way), or try again in a few minutes, as older files expire.",
    { headers: { "Retry-After": String(RETRY_AFTER_S) } },
  );
}

// Runs `statements` as one D1 batch after the charge of `bytes`; their results (the charge's
// left out). A charge past the cap is a 503 that stored nothing.
export async function storeCharged(ops, statements, bytes) {
  try {
    const results = await ops.d1Batch([[SQL.chargeStorage, Math.ceil(bytes), storageCap(ops.env)], ...statements]);
    return results.slice(1);
  } catch (err) {
    if (/storage budget spent/.test(String(err?.message))) throw spent();
    throw err;
  }
}
