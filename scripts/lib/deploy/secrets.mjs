// The secrets the Worker requires, and how the deploy makes a value for one the Worker does not
// have yet. A secret is set once and then left alone: a second deploy must not rotate the
// cookie key (that would disown every upload in flight).
import { randomBytes } from "node:crypto";

export const SECRETS = Object.freeze({
  // Signs the ts_client cookie that owns uploads (worker-shim client-cookie.js): 256 random bits.
  COOKIE_SECRET: () => randomBytes(32).toString("hex"),
});
