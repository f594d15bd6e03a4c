// Converting through the API from the page: the same generated Takeout converted on this
// device and on the server gives the same zip, byte for byte; an export larger than one
// upload goes in parts (waiting out the limiter's short 429s) into one zip; the remaining
// quota is shown; a 429 from the real limiter (a dev server whose policy allows three
// uploads per hour) is explained with when to retry; the page fits a phone's screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { Decoder, Stream } from "@garmin/fitsdk";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import path from "node:path";
import { SCREENSHOT_DIR } from "./browser.js";
import { dropFiles } from "./drop.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const ZIP = zipFiles(generateExport({ seed: 11, years: 2, perWeek: 3, start: "2020-03-01", zone: "Europe/Berlin", unit: "kg" }));
// A year of weight and weekly GPS workouts: more than one upload may hold (two parts).
const BIG_ZIP = zipFiles(generateExport({ seed: 3, years: 1, perWeek: 3, start: "2022-01-01", workoutsPerWeek: 1, trackInterval: 30, zone: "Europe/Berlin", unit: "kg" }));
// One upload for test 1, two for test 2; the fourth is refused for an hour (test 3).
const POLICY = JSON.stringify({ classes: { upload: [{ name: "hour", limit: 3, periodMs: 3_600_000, burst: 3 }] } });

let page;
let problems;
useDevServerAndBrowser({
  args: ["--var", `LIMITER_POLICY:${POLICY}`],
  async setup({ browser, server }) {
    ({ page, problems } = await openPage(browser, server.base));
    await dropFiles(page, "#dropzone", [{ name: "takeout-001.zip", type: "application/zip", bytes: ZIP }]);
    await page.locator("#weight-chart canvas").waitFor({ timeout: 30_000 });
  },
});

async function convertAndDownload(button) {
  await page.click(button);
  await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  return readFileSync(await dl.path());
}

test("1: on the server and on this device, the same zip; its FIT files decode with Garmin's SDK", async () => {
  await page.locator("#quota").waitFor({ state: "visible", timeout: 10_000 });
  // The tightest of the upload and conversion tiers, as conversions a person can still do.
  assert.match(await page.locator("#quota").textContent(), /^\d+ more conversions? on the server (is|are) possible in the next (minute|hour)/);
  assert.equal(await page.locator("#server-plan").textContent(), "On the server: one upload.");
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
  await page.locator("#quota").getByText(/^\d+ more conversions? on the server (is|are) possible in the next (minute|hour)/).waitFor({ timeout: 10_000 });
  await screenshot(page, "ui-server-1-done-on-server");
  assert.deepEqual(problems, []);
});

test("2: an export larger than one upload goes in parts, into one zip with a folder per part", async () => {
  await dropFiles(page, "#dropzone", [{ name: "takeout-002.zip", type: "application/zip", bytes: BIG_ZIP }]);
  await page.locator("#workouts-table tbody tr").first().waitFor({ timeout: 30_000 });
  assert.match(await page.locator("#server-plan").textContent(), /^On the server: 2 uploads of at most /);
  const zip = await convertAndDownload("#convert-server");
  assert.equal(await page.locator("#upload-text").textContent(), "Uploaded 2 parts.");
  assert.match(await page.locator("#download-info").textContent(), /converted in 2 parts \(one folder each\)\.$/);
  const files = unzipSync(new Uint8Array(zip));
  const names = Object.keys(files);
  for (const part of ["part-1", "part-2"]) assert.ok(names.includes(`${part}/manifest.json`), `${part}/manifest.json in ${names.slice(0, 5)}`);
  const fits = names.filter((n) => n.endsWith(".fit"));
  assert.ok(fits.some((n) => n.includes("/activities/")) && fits.some((n) => n.includes("/weight/")));
  for (const n of fits) {
    const decoder = new Decoder(Stream.fromByteArray(files[n]));
    assert.equal(decoder.checkIntegrity(), true, n);
    assert.deepEqual(decoder.read().errors, []);
  }
  await screenshot(page, "ui-server-2-parts");
  assert.deepEqual(problems, []);
});

test("3: a 429 says when to try again, and offers this device", async () => {
  await page.click("#convert-server");
  await page.locator("#error").waitFor({ state: "visible", timeout: 30_000 });
  assert.equal(await page.locator("#error").getAttribute("data-status"), "429");
  assert.equal(await page.locator("#error-title").textContent(), "The server needs a pause");
  assert.match(await page.locator("#error-action").textContent(), /^Try again in \d+ (minutes?|hours?( \d+ minutes?)?) \(after \d\d:\d\d\)\. Or convert on this device now: it has no limits\.$/);
  // Said once, in words: not the limiter's tier name, not the wait again in seconds.
  assert.doesNotMatch(await page.locator("#error").textContent(), /upload-hour|hour limit|\d+ s\b|Retry-After/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "error");
  await screenshot(page, "ui-server-3-429");
});

test("4: the upload shows real byte progress and can be cancelled", async () => {
  // Slow the upload down (Chromium's own throttling) so it is seen half done.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 20 * 1024 });
  try {
    await page.click("#convert-server");
    await page.waitForFunction(() => {
      const bar = document.getElementById("upload-progress");
      return bar.hasAttribute("value") && bar.value > 0 && bar.value < bar.max;
    }, null, { timeout: 30_000 });
    assert.match(await page.locator("#upload-text").textContent(), /^\d+(\.\d)? kB of \d+ kB$/);
    await screenshot(page, "ui-server-4-uploading");
    await page.click("#cancel");
    await page.locator("#cancelled").waitFor({ state: "visible", timeout: 10_000 });
    assert.equal(await page.locator("#error").isHidden(), true);
    assert.equal(await page.locator("#cancel").isHidden(), true);
    assert.equal(await page.locator("#convert-server").isEnabled(), true);
  } finally {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
});

test("5: on a phone-sized screen nothing is wider than the screen", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300); // the chart follows its container's width
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, chart: document.querySelector("#weight-chart canvas").getBoundingClientRect().right }));
  assert.ok(widths.doc <= 375, `page is ${widths.doc}px wide`);
  assert.ok(widths.chart <= 375, `chart ends at ${widths.chart}px`);
  await screenshot(page, "ui-server-5-phone");
  await page.locator("#report").screenshot({ path: path.join(SCREENSHOT_DIR, "ui-server-5-phone-report.png") });
});
