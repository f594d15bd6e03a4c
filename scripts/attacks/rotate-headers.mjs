// One client (one cookie) sends 30 uploads, each with a new User-Agent, Accept-Language and
// X-Client-Fingerprint — headers it chooses. They used to make it a new limiter client each
// time (30 of 30 stored); now the cookie is the client.
import { browser, runIfMain, tally, weightUpload } from "./lib.mjs";

export const attack = {
  title: "1a. new User-Agent / Accept-Language / X-Client-Fingerprint on every upload, one cookie",
  async run(net) {
    const b = browser(net.ip(1));
    await b("/api/usage/me");
    const statuses = [];
    for (let i = 0; i < 30; i++) {
      const headers = { "user-agent": `agent-${i}`, "accept-language": `x-${i}`, "x-client-fingerprint": `fp-${i}` };
      statuses.push((await b("/api/upload", { method: "POST", headers, body: weightUpload() })).status);
    }
    return `${statuses.filter((s) => s === 201).length} of 30 stored; first refusal at upload ${statuses.indexOf(429) + 1} (${tally(statuses)})`;
  },
};
await runIfMain(import.meta.url, attack);
