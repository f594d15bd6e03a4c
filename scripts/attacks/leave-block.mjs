// A client gets itself blocked (requests that ignore Retry-After), then tries to walk out of
// the block by changing its User-Agent and fingerprint — which used to give it a new limiter key.
import { browser, runIfMain } from "./lib.mjs";

export const attack = {
  title: "1b. blocked, then a new User-Agent and fingerprint",
  async run(net) {
    const b = browser(net.ip(1));
    await b("/api/usage/me");
    let r;
    // Until blocked, for at most 10 s: refusals within the grace (a second) of a wait's first are no strikes.
    for (const end = Date.now() + 10_000; r?.status !== 403 && Date.now() < end; ) r = await b("/api/status");
    if (r.status !== 403) return `never blocked (last ${r.status})`;
    const after = await b("/api/status", { headers: { "user-agent": "a brand-new browser", "x-client-fingerprint": "new", "accept-language": "fr" } });
    return `blocked, then with new headers: ${after.status} (${after.body.blockedScope ?? ""} block, retry-after ${after.headers.get("retry-after")} s)`;
  },
};
await runIfMain(import.meta.url, attack);
