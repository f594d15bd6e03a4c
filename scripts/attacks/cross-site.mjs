// What another website's page makes a visitor's browser send: 60 `fetch(B + "/api/status",
// {mode: "no-cors"})` (Sec-Fetch-Site: cross-site, no cookie: SameSite=Lax), and POSTs with a
// foreign Origin. Each is refused before anything is charged (tests/workers/cross-site.test.js
// sends the same requests inside workerd).
import { browser, runIfMain, tally } from "./lib.mjs";

export const attack = {
  title: "3. another site's page: 60 no-cors GETs (Sec-Fetch-Site: cross-site) + POSTs with its Origin",
  async run(net) {
    const visitor = browser(net.ip(1));
    const before = (await visitor("/api/usage/me")).body.classes.usage[0].remaining;
    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push((await visitor("/api/status", { headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" } })).status);
    const post = await visitor("/api/upload", { method: "POST", headers: { origin: "https://evil.example" }, body: "x" });
    const after = await visitor("/api/usage/me");
    return `cross-site: ${tally(statuses)}, foreign Origin POST: ${post.status}; visitor's usage remaining ${before} -> ${after.body.classes.usage[0].remaining}, blocked=${after.body.blocked}`;
  },
};
await runIfMain(import.meta.url, attack);
