// A blocked client asks GET /api/usage/me when its block ends. It used to get a 403 too, so
// the page could not say when the pause ends.
import { browser, runIfMain } from "./lib.mjs";

export const attack = {
  title: "4. GET /api/usage/me while blocked",
  async run(net) {
    const b = browser(net.ip(1));
    await b("/api/usage/me");
    let r;
    // Until blocked, for at most 10 s: refusals within the grace (a second) of a wait's first are no strikes.
    for (const end = Date.now() + 10_000; r?.status !== 403 && Date.now() < end; ) r = await b("/api/status");
    const u1 = await b("/api/usage/me");
    const u2 = await b("/api/usage/me");
    const same = JSON.stringify(u1.body.classes) === JSON.stringify(u2.body.classes);
    return `${u1.status} {blocked: ${u1.body.blocked}, blockedUntil: ${u1.body.blockedUntil}}; a second read charges nothing: ${same}`;
  },
};
await runIfMain(import.meta.url, attack);
