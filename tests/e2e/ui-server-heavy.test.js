// A heavy ten-year export converted ON THE SERVER from the page, with the default limiter
// policy: ten years of weigh-ins, 3 workouts a week with 5-second GPS tracks and the heart-rate
// days of those without, and a year of per-minute data. The page uploads the light files and,
// for a history this long, plans it with its own core (the server's plan of ten years is past
// a request's 10 ms of CPU); POST /api/convert starts the session (one conversion), then the
// server runs the plan's steps a group per request — each group sent with its steps and the
// files it reads, read from the zip only then — and the page zips the answers.
// The zip must be the one the same page makes on the device, byte for byte. The export is
// generated once per run (about a minute here); the two conversions take several minutes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const GEN = { seed: 21, years: 10, perWeek: 3, workoutsPerWeek: 3, trackInterval: 5, minuteDays: 365, start: "2015-01-01" };
const env = useDevServerAndBrowser();
let dir, zipPath, files;

before(() => {
  files = generateExport(GEN);
  dir = mkdtempSync(path.join(os.tmpdir(), "ts-server-heavy-"));
  zipPath = path.join(dir, "takeout-heavy.zip");
  writeFileSync(zipPath, zipFiles(files));
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

async function convert(page, button) {
  const t0 = performance.now();
  await page.click(button);
  await page.locator("#result").waitFor({ state: "visible", timeout: 3_600_000 });
  const seconds = (performance.now() - t0) / 1000;
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  return { zip: readFileSync(await dl.path()), seconds };
}

test("1: a heavy ten-year export converts on the server, a group of steps per request, to the device's zip byte for byte", async () => {
  const { page, problems } = await openPage(env.browser, env.server.base);
  await page.setInputFiles("#zip-input", zipPath);
  await page.locator("#report").waitFor({ state: "visible", timeout: 300_000 });
  await page.locator("#weight-chart canvas").waitFor({ timeout: 60_000 });
  const device = await convert(page, "#convert-local");

  const requests = { upload: 0, convert: 0, groups: 0, gather: 0, assemble: 0, refused: 0 };
  page.on("request", (r) => {
    const p = new URL(r.url()).pathname;
    if (p === "/api/upload") requests.upload += 1;
    else if (p === "/api/convert") requests.convert += 1;
    else if (p.includes("/groups/") || p.endsWith("/steps")) requests.groups += 1;
    else if (p.endsWith("/gather")) requests.gather += 1;
    else if (p.endsWith("/assemble")) requests.assemble += 1;
  });
  // Who planned, from POST /api/convert's answer; how many groups ran, from the answers to
  // them (not from the page's last words: a wait before assembly rewrites them).
  let plannedBy = null;
  let ran = 0;
  page.on("response", async (r) => {
    const p = new URL(r.url()).pathname;
    if (r.status() === 429) requests.refused += 1;
    else if (p === "/api/convert" && r.ok()) plannedBy = (await r.json()).plannedBy ?? "server";
    else if ((p.includes("/groups/") || p.endsWith("/steps")) && r.ok()) ran += 1;
  });
  const server = await convert(page, "#convert-server");
  await screenshot(page, "ui-server-heavy-1-done-on-server");
  const groups = ran;
  assert.equal(plannedBy, "client", "a ten-year history is planned by the page");
  // Progress counts the plan's steps, all of them at the end (groups join and split as it goes).
  assert.match(await page.locator("#convert-text").textContent(), /^([1-9]\d*) of \1 steps converted on the server$/);
  console.log(
    `# ${files.length} files: device ${device.seconds.toFixed(0)} s; server ${server.seconds.toFixed(0)} s in ` +
      `${requests.upload} uploads, ${requests.convert} session (planned by the ${plannedBy}), ${requests.groups} group requests (${groups} groups), ` +
      `${requests.gather} gathers, ${requests.assemble} assembly, ${requests.refused} answered 429 and waited out; zip ${(server.zip.length / 2 ** 20).toFixed(1)} MB`,
  );
  assert.equal(requests.convert, 1, "one conversion, however many steps");
  assert.ok(requests.groups >= groups && groups > 10, `${groups} groups`);
  // ~1 MB of parts: gathered in runs of 256 KiB before assembly, so no request reads them all.
  assert.ok(requests.gather >= 3, `${requests.gather} gather requests`);
  assert.ok(server.zip.equals(device.zip), "the server's zip is the device's, byte for byte");
  assert.deepEqual(problems, []);
  await page.close();
});
