// A deployment whose request cap is below the one the page plans with (UPLOAD_MAX_BYTES
// lowered on the dev server): the server's 413 makes the page split an upload request again
// until each fits, and the conversion is the device's all the same; a step whose file is over
// this server's cap is converted on the device.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { Decoder, Stream } from "@garmin/fitsdk";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { dropFiles } from "./drop.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const CAP = 60_000;
// Four weigh-ins a day for three months: about 81 kB of light files (the largest 18.5 kB).
const exportZip = (trackInterval) =>
  zipFiles(generateExport({ seed: 5, years: 0.25, perWeek: 28, start: "2022-01-01", workoutsPerWeek: 1, trackInterval, zone: "Europe/Berlin", unit: "kg" }));
// Every file under the cap (largest: a heart-rate day of 54 kB, sent with its group): the light files are one request by the
// page's plan, more than one by this server's cap.
const FITS = exportZip(40);
// One GPS track of ~115 kB: over this server's cap, under the page's.
const ONE_TOO_BIG = exportZip(10);
// Generous limits: this file is about the size cap, not the rate limits.
const tier = { name: "minute", limit: 100, periodMs: 60_000, burst: 100 };
const POLICY = JSON.stringify({ classes: { upload: [tier], validate: [tier], convert: [tier], download: [tier], step: [tier] } });

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

test("1: the server's 413 splits an upload request further, and the conversion is the device's", async () => {
  await drop(FITS);
  await page.click("#convert-local");
  await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
  const [local] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const here = readFileSync(await local.path());
  const uploads = [];
  const listen = (r) => r.url().includes("/api/upload") && uploads.push(r.url());
  page.on("response", listen);
  const statuses = [];
  const seen = (r) => r.url().includes("/api/") && statuses.push(`${r.status()} ${new URL(r.url()).pathname.replace(/[0-9a-f]{20,}/, "…")}`);
  page.on("response", seen);
  await page.click("#convert-server");
  await page
    .locator("#result")
    .waitFor({ state: "visible", timeout: 120_000 })
    .catch(async (err) => {
      // Say where the page was instead (a wait, an error) and what the server answered.
      const where = await page.evaluate(() => ({ convert: document.getElementById("convert-text")?.textContent, error: document.getElementById("error")?.hidden ? null : document.getElementById("error").textContent }));
      throw new Error(`${err.message}\npage: ${JSON.stringify(where)}\nanswers: ${statuses.slice(-12).join(", ")}`);
    });
  page.off("response", listen);
  page.off("response", seen);
  assert.ok(uploads.length >= 3, `${uploads.length} upload requests (one refused as too large, then its halves)`);
  assert.ok(uploads.slice(1).some((u) => u.includes("uploadId=")), "the halves add to one upload");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const zip = readFileSync(await dl.path());
  assert.ok(here.equals(zip), "identical bytes both ways");
  const files = unzipSync(new Uint8Array(zip));
  for (const n of Object.keys(files).filter((x) => x.endsWith(".fit"))) {
    const decoder = new Decoder(Stream.fromByteArray(files[n]));
    assert.equal(decoder.checkIntegrity(), true, n);
    assert.deepEqual(decoder.read().errors, []);
  }
  assert.deepEqual(problems, []);
});

test("2: review finding: one file over this server's cap (under the page's) goes with a step the server refuses as too large; that step is converted on this device, the rest on the server, and the zip is the device's", async () => {
  await drop(ONE_TOO_BIG);
  await page.click("#convert-local");
  await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
  const [local] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const here = readFileSync(await local.path());
  const refused = [];
  const seen = (r) => r.url().includes("/api/convert/") && r.status() === 413 && refused.push(r.url());
  page.on("response", seen);
  await page.click("#convert-server");
  await page.locator("#result").waitFor({ state: "visible", timeout: 120_000 });
  page.off("response", seen);
  // Before: the conversion ended on the 413 ("a single file larger than the server's limit
  // cannot be split"), though this device could run that step.
  // Groups over this cap are cut in two at each 413 until the track's step is alone.
  assert.ok(refused.length >= 1, "the server refused requests as too large");
  assert.match(await page.locator("#convert-text").textContent(), /\(1 step on this device: more than the server takes in one step\)/);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.ok(here.equals(readFileSync(await dl.path())), "identical bytes both ways");
  await screenshot(page, "ui-server-cap-step-here");
  assert.deepEqual(problems, []);
});

