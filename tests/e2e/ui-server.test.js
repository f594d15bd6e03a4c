// Converting through the API from the page: the same generated Takeout converted on this
// device and on the server gives the same zip, byte for byte; the remaining quota is shown;
// a 429 from the real limiter (a dev server whose policy allows one upload per hour) is
// explained with when to retry; the page fits a phone's screen.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { Decoder, Stream } from "@garmin/fitsdk";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { startDevServer } from "./dev-server.js";
import path from "node:path";
import { launchBrowser, SCREENSHOT_DIR } from "./browser.js";
import { dropFiles } from "./drop.js";
import { openPage, screenshot } from "./page-helpers.js";

const ZIP = zipFiles(generateExport({ seed: 11, years: 2, perWeek: 3, start: "2020-03-01", zone: "Europe/Berlin", unit: "kg" }));
const POLICY = JSON.stringify({ classes: { upload: [{ name: "hour", limit: 1, periodMs: 3_600_000, burst: 1 }] } });

let server;
let browser;
let page;
let problems;
before(async () => {
  server = await startDevServer({ args: ["--var", `LIMITER_POLICY:${POLICY}`] });
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, server.base));
  await dropFiles(page, "#dropzone", [{ name: "takeout-001.zip", type: "application/zip", bytes: ZIP }]);
  await page.locator("#weight-chart canvas").waitFor({ timeout: 30_000 });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function convertAndDownload(button) {
  await page.click(button);
  await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  return readFileSync(await dl.path());
}

test("1: on the server and on this device, the same zip; its FIT files decode with Garmin's SDK", async () => {
  assert.match(await page.locator("#quota").textContent(), /^On the server: .*1 of 1 uploads left/);
  const here = await convertAndDownload("#convert-local");
  assert.equal(await page.locator("#download").getAttribute("data-where"), "device");
  const posts = [];
  page.on("request", (r) => r.method() === "POST" && posts.push(new URL(r.url()).pathname));
  const there = await convertAndDownload("#convert-server");
  assert.equal(await page.locator("#download").getAttribute("data-where"), "server");
  assert.deepEqual(posts, ["/api/upload", "/api/validate", "/api/convert"]);
  assert.equal(await page.locator("#upload-text").textContent(), "Uploaded 1 part.");
  assert.equal(await page.locator("#convert-text").textContent(), "1 of 1 part converted on the server");
  assert.ok(here.equals(there), "identical bytes both ways");
  const files = unzipSync(new Uint8Array(there));
  const fits = Object.keys(files).filter((n) => n.endsWith(".fit"));
  assert.ok(fits.length >= 1);
  for (const n of fits) {
    const decoder = new Decoder(Stream.fromByteArray(files[n]));
    assert.equal(decoder.checkIntegrity(), true);
    const { messages, errors } = decoder.read();
    assert.deepEqual(errors, []);
    assert.ok(messages.weightScaleMesgs.length > 0);
  }
  await page.locator("#quota").getByText("0 of 1 uploads left").waitFor({ timeout: 10_000 });
  await screenshot(page, "ui-server-1-done-on-server");
  assert.deepEqual(problems, []);
});

test("2: a 429 says when to try again, and offers this device", async () => {
  await page.click("#convert-server");
  await page.locator("#error").waitFor({ state: "visible", timeout: 30_000 });
  assert.equal(await page.locator("#error").getAttribute("data-status"), "429");
  assert.equal(await page.locator("#error-title").textContent(), "Too many requests for now");
  assert.match(await page.locator("#error-action").textContent(), /^Try again in \d+ (minutes?|hours?( \d+ minutes?)?) \(after \d\d:\d\d\)\. Or convert on this device: it has no limits\.$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "error");
  await screenshot(page, "ui-server-2-429");
});

test("3: on a phone-sized screen nothing is wider than the screen", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300); // the chart follows its container's width
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, chart: document.querySelector("#weight-chart canvas").getBoundingClientRect().right }));
  assert.ok(widths.doc <= 375, `page is ${widths.doc}px wide`);
  assert.ok(widths.chart <= 375, `chart ends at ${widths.chart}px`);
  await screenshot(page, "ui-server-3-phone");
  await page.locator("#report").screenshot({ path: path.join(SCREENSHOT_DIR, "ui-server-3-phone-report.png") });
});
