// A heavy ten-year export converted ON THE DEVICE: ten years of weigh-ins, 3 workouts a week
// with 5-second GPS tracks and the heart-rate days of those without, and a year of per-minute
// data. The page reads only the light files for its report, then converts step by step in its
// worker (each step's files read from the zip when it runs) and streams the download; the zip
// must be byte-identical to the same steps run in Node, and the core's memory must stay far
// below the export's size. The export is generated once per run (about a minute here).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { createCore } from "../../worker-shim/shared/core.js";
import { planInputs, runSteps } from "../../worker-shim/shared/convert-steps.js";
import { zipOutputs } from "../../worker-shim/shared/packaging.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const GEN = { seed: 21, years: 10, perWeek: 3, workoutsPerWeek: 3, trackInterval: 5, minuteDays: 365, start: "2015-01-01" };
const env = useDevServerAndBrowser();
const enc = new TextEncoder();
let dir, zipPath, byName, exportBytes;

before(async () => {
  const t0 = performance.now();
  const files = generateExport(GEN);
  byName = new Map(files.map((f) => [f.name, typeof f.data === "string" ? enc.encode(f.data) : f.data]));
  exportBytes = [...byName.values()].reduce((n, d) => n + d.length, 0);
  dir = mkdtempSync(path.join(os.tmpdir(), "ts-steps-e2e-"));
  zipPath = path.join(dir, "takeout-heavy.zip");
  writeFileSync(zipPath, zipFiles(files));
  console.log(`# generated ${byName.size} files, ${(exportBytes / 2 ** 20).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

// The same conversion in Node: plan from the light files, every step, the options the page
// uses by default (the profile's zone over the report's range, the detected unit).
async function nodeConversion() {
  const core = createCore(new WebAssembly.Module(readFileSync(new URL("../../worker-shim/generated/core.wasm", import.meta.url))));
  const light = await planInputs(core, [...byName].map(([p, d]) => ({ path: p, bytes: d.length })), async (p) => byName.get(p));
  const { report } = core.plan({}, light.files, light.sizes);
  const { from, to } = report.transitionsRange;
  const options = { timeZone: timeZoneOption(report.timeZone.name, from, to), weightUnit: "auto" };
  const outputs = [];
  await runSteps({
    core,
    options,
    plan: core.plan(options, light.files, light.sizes),
    readFiles: async (names) => names.map((name) => ({ name, data: byName.get(name) })),
    onOutput: (p, data) => outputs.push({ path: p, data }),
  });
  return zipOutputs(outputs);
}

test("1: a heavy ten-year export converts on this device, step by step, to the same zip Node makes", async () => {
  const { page, problems } = await openPage(env.browser, env.server.base);
  const apiCalls = [];
  page.on("request", (r) => r.url().includes("/api/") && !/\/api\/(status|usage\/me)$/.test(r.url()) && apiCalls.push(r.url()));
  const t0 = performance.now();
  await page.setInputFiles("#zip-input", zipPath);
  await page.locator("#report").waitFor({ state: "visible", timeout: 300_000 });
  await page.locator("#weight-chart canvas").waitFor({ timeout: 60_000 });
  const tReport = performance.now();
  const kinds = await page.$$eval("#report-table tbody tr", (trs) => trs.map((tr) => tr.dataset.kind));
  assert.deepEqual(kinds, ["weight", "workouts", "daily", "sleep", "resting_heart_rate", "heart_rate"]);
  await page.click("#convert-local");
  await page.locator("#convert-text").getByText(/^Converting on this device: step \d+ of \d+/).waitFor({ timeout: 120_000 });
  await page.locator("#result").waitFor({ state: "visible", timeout: 1_800_000 });
  const tDone = performance.now();
  await screenshot(page, "ui-steps-1-heavy-done-on-device");
  const dl = page.locator("#download");
  const steps = Number(await dl.getAttribute("data-steps"));
  const heap = Number(await dl.getAttribute("data-heap-bytes"));
  const largest = Number(await dl.getAttribute("data-largest-step-bytes"));
  assert.match(await page.locator("#convert-text").textContent(), new RegExp(`^Converted on this device in ${steps} steps\\.$`));
  const [download] = await Promise.all([page.waitForEvent("download"), dl.click()]);
  const zip = readFileSync(await download.path());
  console.log(
    `# ${byName.size} files, ${(exportBytes / 2 ** 20).toFixed(0)} MB: report after ${((tReport - t0) / 1000).toFixed(1)} s, ` +
      `converted in ${((tDone - tReport) / 1000).toFixed(1)} s, ${steps} steps (largest ${(largest / 2 ** 20).toFixed(1)} MB), ` +
      `peak WASM memory ${(heap / 2 ** 20).toFixed(0)} MB, zip ${(zip.length / 2 ** 20).toFixed(0)} MB`,
  );
  assert.ok(steps > 1000, `${steps} steps`);
  assert.ok(heap < exportBytes / 3, `peak WASM memory ${heap} stays far below the export's ${exportBytes} bytes`);
  assert.deepEqual(apiCalls, [], "converting on this device sends nothing");
  assert.ok(Buffer.from(zip).equals(Buffer.from(await nodeConversion())), "the page's zip is the steps' output in Node, byte for byte");
  assert.deepEqual(problems, []);
  await page.close();
});
