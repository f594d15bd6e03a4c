// A neighbour (same /24, same User-Agent and Accept-Language as the victim, no cookie) sends
// 80 GET /api/status; then the victim, who has a cookie, uploads. It used to get the victim's
// own upload a 403 "blocked".
import { browser, runIfMain, send, tally, weightUpload } from "./lib.mjs";

export const attack = {
  title: "2. a neighbour's 80 cookieless requests, then the victim's upload",
  async run(net) {
    const same = { "user-agent": "Mozilla/5.0 (same browser)", "accept-language": "en-GB" };
    const victim = browser(net.ip(2));
    await victim("/api/usage/me", { headers: same });
    const results = await Promise.all(Array.from({ length: 80 }, () => send("/api/status", { ip: net.ip(1), headers: same })));
    const blocked = results.find((r) => r.status === 403);
    const upload = await victim("/api/upload", { method: "POST", headers: same, body: weightUpload() });
    const usage = await victim("/api/usage/me", { headers: same });
    return `neighbour: ${tally(results.map((r) => r.status))} (403 scope "${blocked?.body.blockedScope}"); victim's upload: ${upload.status}; victim's usage: blocked=${usage.body.blocked}`;
  },
};
await runIfMain(import.meta.url, attack);
