// Opening the page for a browser test, with the checks every test wants: no page errors, no
// failed requests, and no request to anywhere but the dev server (the CSP promise).
import path from "node:path";
import { after, before } from "node:test";
import { launchBrowser, SCREENSHOT_DIR } from "./browser.js";
import { startDevServer } from "./dev-server.js";

// One ./scripts/dev and one Chromium for a test file: started before its first test, stopped
// after its last. `args` go to wrangler dev; `setup(ctx)` runs once both are up (a file's
// own `before` hooks may not wait for this one). Returns {server, browser}, filled in before
// the first test.
export function useDevServerAndBrowser({ args = [], setup } = {}) {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await startDevServer({ args });
    ctx.browser = await launchBrowser();
    await setup?.(ctx);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

// `init`: a function run in the page before its own scripts (page.addInitScript), to hold or
// watch something the page does.
export async function openPage(browser, base, { viewport, init } = {}) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  if (init) await page.addInitScript(init);
  const problems = [];
  // The first load's requests, until a retry below abandons it: the retry's navigation aborts
  // what is still pending of them, and those "failures" came after problems were reset (one CI
  // run failed on the first load's style.css and app.js so). Every other failure counts.
  const firstLoad = new Set();
  const apiFailed = new Map(); // "METHOD url" -> the problem it added, until answered again
  let loading = true; // the first load is under way
  let retrying = false;
  // An API request that failed in the network and was then sent again and answered: the page
  // retries a network failure (js/server-convert.js patiently), and the local dev server now
  // and then resets a connection under a long run (CI run of 2026-12-07: one POST …/steps of
  // a server conversion, which then completed to the device's bytes). Such a failure is taken
  // back when a later request of the same method and URL is answered below 500; one never
  // answered again stays a problem, and so does every other failure.
  const retried = (r) => `${r.method()} ${r.url()}`;
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (!(retrying && firstLoad.has(r))) problems.push(`requestfailed: ${r.url()}`);
    if (new URL(r.url()).pathname.startsWith("/api/")) apiFailed.set(retried(r), `requestfailed: ${r.url()}`);
  });
  page.on("response", (res) => {
    const key = retried(res.request());
    if (res.status() < 500 && apiFailed.has(key)) {
      const at = problems.lastIndexOf(apiFailed.get(key));
      if (at >= 0) problems.splice(at, 1);
      apiFailed.delete(key);
    }
  });
  page.on("request", (r) => {
    if (loading && !retrying) firstLoad.add(r);
    if (!r.url().startsWith(base) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) problems.push(`third party: ${r.url()}`);
  });
  // The local wrangler dev server has, rarely, left the page's load waiting past the 30 s
  // default while every other test of the run passed (one of 34 in one full run; the same
  // test alone passed): one more try, with what the first one saw forgotten. A page that does
  // not load twice still fails here.
  try {
    await page.goto(base + "/");
    loading = false;
  } catch (err) {
    if (err?.name !== "TimeoutError") throw err;
    retrying = true;
    problems.length = 0;
    await page.goto(base + "/", { timeout: 60_000 });
  }
  return { page, problems };
}

export function screenshot(page, name) {
  return page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
