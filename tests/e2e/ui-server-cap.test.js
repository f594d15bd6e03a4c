// A deployment whose upload cap is below the one the page plans with (UPLOAD_MAX_BYTES
// lowered on the dev server): the server's 413 makes the page split the part again until
// every part fits; a single file over the cap cannot be split, and the 413 says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { Decoder, Stream } from "@garmin/fitsdk";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { dropFiles } from "./drop.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const CAP = 80_000;
const exportZip = (trackInterval) =>
  zipFiles(generateExport({ seed: 5, years: 0.25, perWeek: 2, start: "2022-01-01", workoutsPerWeek: 1, trackInterval, zone: "Europe/Berlin", unit: "kg" }));
// Every file under the cap (largest GPS track ~67 kB), ~140 kB in all: one part by the plan.
const FITS = exportZip(20);
// One GPS track of ~115 kB: over this server's cap, under the page's.
const ONE_TOO_BIG = exportZip(10);
// Generous limits: this file is about the size cap, not the rate limits.
const tier = { name: "minute", limit: 100, periodMs: 60_000, burst: 100 };
const POLICY = JSON.stringify({ classes: { upload: [tier], validate: [tier], convert: [tier], download: [tier] } });

let page;
let problems;
useDevServerAndBrowser({
  args: ["--var", `UPLOAD_MAX_BYTES:${CAP}`, "--var", `LIMITER_POLICY:${POLICY}`],
  async setup({ browser, server }) {
    ({ page, problems } = await openPage(browser, server.base));
  },
});

async function drop(bytes) {
  await dropFiles(page, "#dropzone", [{ name: "takeout.zip", type: "application/zip", bytes }]);
  await page.locator("#workouts-table tbody tr").first().waitFor({ timeout: 30_000 });
}

test("1: the server's 413 splits the upload further, and the conversion still completes", async () => {
  await drop(FITS);
  assert.equal(await page.locator("#server-plan").textContent(), "On the server: one upload.");
  await page.click("#convert-server");
  await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
  const parts = Number((await page.locator("#upload-text").textContent()).match(/^Uploaded (\d+) parts\.$/)[1]);
  assert.ok(parts >= 2, `${parts} parts`);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const files = unzipSync(new Uint8Array(readFileSync(await dl.path())));
  const names = Object.keys(files);
  for (let i = 1; i <= parts; i++) assert.ok(names.includes(`part-${i}/manifest.json`), `part-${i}`);
  for (const n of names.filter((x) => x.endsWith(".fit"))) {
    const decoder = new Decoder(Stream.fromByteArray(files[n]));
    assert.equal(decoder.checkIntegrity(), true, n);
    assert.deepEqual(decoder.read().errors, []);
  }
  assert.deepEqual(problems, []);
});

test("2: one file over the server's cap: the 413 explains the split and what to do", async () => {
  await drop(ONE_TOO_BIG);
  await page.click("#convert-server");
  await page.locator("#error").waitFor({ state: "visible", timeout: 60_000 });
  assert.equal(await page.locator("#error").getAttribute("data-status"), "413");
  assert.equal(await page.locator("#error-title").textContent(), "Too large for one upload");
  const detail = await page.locator("#error-detail").textContent();
  assert.match(detail, /TrackerSync sends your Fitbit files in parts below that size/);
  assert.match(detail, /A single file larger than the limit cannot be split\.$/);
  assert.match(await page.locator("#error-action").textContent(), /Convert on this device/);
  await screenshot(page, "ui-server-cap-413");
  assert.deepEqual(problems, []);
});
