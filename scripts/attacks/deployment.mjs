// Hardening a deployment needs: the cookie's name and attributes, and the headers every API
// answer carries. (A missing COOKIE_SECRET cannot be shown against ./scripts/dev, which always
// writes one: tests/workers/deployment.test.js test 1 shows the 503.)
import { runIfMain, send } from "./lib.mjs";

export const attack = {
  title: "7. cookie prefix; nosniff and no-store on API answers",
  async run(net) {
    const r = await send("/api/status", { ip: net.ip(1) });
    const nf = await send("/api/nope", { ip: net.ip(1) });
    const set = r.headers.get("set-cookie") ?? "";
    const h = (x) => `${x.headers.get("x-content-type-options")}/${x.headers.get("cache-control")}`;
    return `Set-Cookie: ${set.split("=")[0]}=…; ${set.split("; ").slice(1).join("; ")}; 200: ${h(r)}, 404: ${h(nf)}`;
  },
};
await runIfMain(import.meta.url, attack);
