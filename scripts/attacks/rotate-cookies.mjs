// A script collects fresh cookies (every answer to a request without one hands one out) and
// sends 30 uploads at once, each from a cookie never used before or from none, each with new
// headers. Each new cookie is a new client with its own burst; the network's ceiling is what
// they all share.
import { runIfMain, send, tally, weightUpload } from "./lib.mjs";

export const attack = {
  title: "1c. a fresh cookie (or none) and new headers on each of 30 uploads at once",
  async run(net) {
    const ip = net.ip(1);
    const cookies = [];
    for (let i = 0; i < 15; i++) cookies.push((await send("/api/usage/me", { ip })).cookie);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => send("/api/upload", { ip, method: "POST", cookie: cookies[i] ?? null, headers: { "user-agent": `ua-${i}`, "x-client-fingerprint": `${i}` }, body: weightUpload() })),
    );
    const refused = results.find((r) => r.status === 429);
    return `${results.filter((r) => r.status === 201).length} of 30 stored (${tally(results.map((r) => r.status))}); refusals say: "${refused?.body.detail.match(/^[^)]*\)/)?.[0]}"`;
  },
};
await runIfMain(import.meta.url, attack);
