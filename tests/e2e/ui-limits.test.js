// The limiter as a visitor's browser meets it. 1: a page on another site loops no-cors fetches
// at the API from the visitor's own browser (same address, same User-Agent): every one is
// refused before anything is charged, and the visitor's page afterwards shows its quota
// untouched. 2: a browser that ignores Retry-After gets itself blocked; the page, reloaded,
// still reads its usage and says until when the server has paused it.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const ctx = useDevServerAndBrowser();

// Another site: a page on http://localhost:<its own port> (the dev server is
// http://127.0.0.1:<port>, another site) whose script fires `n` no-cors GETs at `target`.
async function otherSite() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>another site</title><p>hello</p>");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://localhost:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const usage = (page) => page.evaluate(async () => (await fetch("/api/usage/me")).json());

test("1: another site's no-cors loop in the visitor's browser is refused and charges the visitor nothing", async () => {
  const { page, problems } = await openPage(ctx.browser, ctx.server.base);
  await page.locator("#quota").getByText(/^On the server: /).waitFor({ timeout: 30_000 });
  const before = await usage(page);
  const site = await otherSite();
  try {
    const evil = await page.context().newPage(); // the same browser: its address, its User-Agent
    const statuses = [];
    evil.on("response", (r) => {
      if (r.url().startsWith(ctx.server.base)) statuses.push(r.status());
    });
    await evil.goto(site.url);
    await evil.evaluate(async (target) => {
      for (let i = 0; i < 80; i++) await fetch(`${target}/api/status`, { mode: "no-cors" }).catch(() => {});
      await fetch(`${target}/api/upload`, { method: "POST", mode: "no-cors", body: "x" }).catch(() => {});
    }, ctx.server.base);
    await evil.close();
    assert.equal(statuses.length, 81);
    assert.deepEqual([...new Set(statuses)], [403]);
  } finally {
    await site.close();
  }
  await page.reload();
  await page.locator("#quota").getByText(/^On the server: /).waitFor({ timeout: 30_000 });
  const after = await usage(page);
  assert.equal(after.blocked, false);
  assert.deepEqual(after.classes, before.classes);
  assert.equal(await page.locator("#quota").getAttribute("data-state"), "ok");
  await screenshot(page, "ui-limits-1-after-cross-site");
  assert.deepEqual(problems, []);
});

test("2: a browser that gets itself blocked is told by the page until when", async () => {
  const { page } = await openPage(ctx.browser, ctx.server.base);
  await page.locator("#quota").getByText(/^On the server: /).waitFor({ timeout: 30_000 });
  // Ignoring every Retry-After, as a runaway script in the page would.
  const statuses = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 60 && out.at(-1) !== 403; i++) out.push((await fetch("/api/status")).status);
    return out;
  });
  assert.equal(statuses.at(-1), 403);
  await page.reload();
  const quota = page.locator("#quota");
  await quota.getByText(/^The server has paused requests from this browser until \d\d:\d\d \(in \d+ minutes?\)/).waitFor({ timeout: 30_000 });
  assert.equal(await quota.getAttribute("data-state"), "blocked");
  assert.match(await quota.textContent(), /Converting on this device still works\.$/);
  await screenshot(page, "ui-limits-2-blocked");
});
