// The page, loaded by a real headless Chromium from a running ./scripts/dev.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { SCREENSHOT_DIR } from "./browser.js";
import { useDevServerAndBrowser } from "./page-helpers.js";

const env = useDevServerAndBrowser();

test("1: the page loads from wrangler dev; a service without a health record yet shows no status line", async () => {
  const page = await env.browser.newPage();
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  const res = await page.goto(env.server.base + "/");
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-security-policy"] ?? "", /default-src 'self'/);
  assert.equal(await page.locator("h1").textContent(), "TrackerSync");
  await page.locator('#status[data-state="unknown"]').waitFor({ state: "attached", timeout: 10_000 });
  assert.equal(await page.locator("#status").isHidden(), true);
  assert.deepEqual(failed, []);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "foundation-home.png"), fullPage: true });
  await page.close();
});

test("2: an unknown API path answers problem+json through the dev server", async () => {
  const res = await fetch(env.server.base + "/api/does-not-exist");
  assert.equal(res.status, 404);
  assert.match(res.headers.get("content-type"), /application\/problem\+json/);
  assert.match(res.headers.get("x-trackersync-ops"), /^kv=0, /);
});
