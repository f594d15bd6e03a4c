// A script that hammers past its Retry-Afters and, each time, swaps to a fresh cookie to
// escape the strikes (any request without one hands a cookie out). Each new cookie is a
// newcomer until one of its requests is admitted (wasm/core/limiter/limiter.h), so its
// refusals strike the network's cookieless requests, and their block holds every new cookie.
import { runIfMain, send, tally } from "./lib.mjs";

export const attack = {
  title: "1d. hammer /api/status for 3 s, a fresh cookie after every refusal",
  async run(net) {
    const ip = net.ip(1);
    const statuses = [];
    let cookie = null;
    for (const end = Date.now() + 3000; Date.now() < end; ) {
      const r = await send("/api/status", { ip, cookie });
      statuses.push(r.status);
      cookie = r.status === 200 ? r.cookie ?? cookie : null; // refused: start over with a fresh one
    }
    const last = await send("/api/status", { ip });
    return `${tally(statuses)}; then a brand-new cookie's request: ${last.status} (${last.body.blockedScope ?? last.body.limitedBy ?? "ok"})`;
  },
};
await runIfMain(import.meta.url, attack);
