// Opening the page for a browser test, with the checks every test wants: no page errors, no
// failed requests, and no request to anywhere but the dev server (the CSP promise).
import path from "node:path";
import { SCREENSHOT_DIR } from "./browser.js";

export async function openPage(browser, base, { viewport } = {}) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) problems.push(`third party: ${r.url()}`);
  });
  await page.goto(base + "/");
  return { page, problems };
}

export function screenshot(page, name) {
  return page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
