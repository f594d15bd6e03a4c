// One browser sends 60 uploads at once (a page's or a script's parallel burst). All are in
// flight before the first refusal's Retry-After can arrive, so none of the refusals is a
// strike (the limiter's grace, wasm/core/limiter/policy.h): it used to get the browser
// blocked for 5 minutes.
import { browser, runIfMain, tally, weightUpload } from "./lib.mjs";

export const attack = {
  title: "1e. 60 uploads at once from one cookie",
  async run(net) {
    const b = browser(net.ip(1));
    await b("/api/usage/me");
    const results = await Promise.all(Array.from({ length: 60 }, () => b("/api/upload", { method: "POST", body: weightUpload() })));
    const usage = await b("/api/usage/me");
    return `${tally(results.map((r) => r.status))}; then usage/me: blocked=${usage.body.blocked}, level ${usage.body.suspicionLevel}`;
  },
};
await runIfMain(import.meta.url, attack);
