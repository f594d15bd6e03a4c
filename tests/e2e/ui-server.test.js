// Converting through the API from the page: the same generated Takeout converted on this
// device and on the server gives the same zip, byte for byte — a small one the server
// finishes within its plan's request, and one with workouts and per-minute data that goes a
// group of steps per request, the files each group needs sent with it. A limiter policy with
// tight step tiers makes the server answer 429s: the page counts each Retry-After down on the
// page and goes on where it was. includeAutoDetected unticked gives the device's zip too; a
// cancelled conversion resumes from where it stopped; the page fits a phone's screen; a
// workout whose files are over one request's cap together still goes to the server; an export
// with files no step reads (named in the manifest) gives the CLI's zip both ways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { Decoder, Stream } from "@garmin/fitsdk";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { createCore } from "../../worker-shim/shared/core.js";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { zipOutputs } from "../../worker-shim/shared/packaging.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import path from "node:path";
import { SCREENSHOT_DIR } from "./browser.js";
import { dropFiles } from "./drop.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const ZIP = zipFiles(generateExport({ seed: 11, years: 2, perWeek: 3, start: "2020-03-01", zone: "Europe/Berlin", unit: "kg" }));
// Half a year of weight, workouts (some auto-detected) with tracks and heart-rate days, and
// per-minute data, and Google's list of workouts with 2 runs only it holds: many steps, in
// several groups.
const STEPS_ZIP = zipFiles(generateExport({ seed: 3, years: 0.5, perWeek: 3, start: "2022-01-01", workoutsPerWeek: 3, trackInterval: 20, minuteDays: 45, zone: "Europe/Berlin", unit: "kg", googleWorkouts: 2 }));
// About two weeks of a watch worn all day (a heart-rate reading every 5 s, ~1.1 MB a day) and
// GPS runs at 1 s: three workouts' track and heart-rate day are over one request's 2 MiB
// together, so each goes alone in a request past that cap (upload-limits.js STEP_MAX_FILES).
const ALL_DAY_ZIP = zipFiles(generateExport({ seed: 42, years: 0.03, perWeek: 3, workoutsPerWeek: 6, trackInterval: 1, allDayHeartRate: 11, start: "2023-06-01" }));
// Steps: at most 2 back to back, then one every 3 seconds: a conversion in groups meets 429s.
// Conversions: generous, so this file's five conversions in a few minutes meet only the step
// tier (the convert tiers are the limiter tests' subject, not this file's).
const POLICY = JSON.stringify({
  classes: {
    step: [{ name: "minute", limit: 21, periodMs: 60_000, burst: 2 }],
    convert: [{ name: "minute", limit: 100, periodMs: 60_000, burst: 100 }],
  },
});

let page;
let problems;
useDevServerAndBrowser({
  args: ["--var", `LIMITER_POLICY:${POLICY}`],
  async setup({ browser, server }) {
    ({ page, problems } = await openPage(browser, server.base));
  },
});

async function drop(bytes, name = "takeout-001.zip") {
  await dropFiles(page, "#dropzone", [{ name, type: "application/zip", bytes }]);
  await page.locator("#weight-chart canvas").waitFor({ timeout: 60_000 });
}

async function convertAndDownload(button, timeout = 120_000) {
  await page.click(button);
  await page.locator("#result").waitFor({ state: "visible", timeout });
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  return readFileSync(await dl.path());
}

function checkFits(zip) {
  const files = unzipSync(new Uint8Array(zip));
  const fits = Object.keys(files).filter((n) => n.endsWith(".fit"));
  assert.ok(fits.length >= 1);
  for (const n of fits) {
    const decoder = new Decoder(Stream.fromByteArray(files[n]));
    assert.equal(decoder.checkIntegrity(), true, n);
    assert.deepEqual(decoder.read().errors, [], n);
  }
  return files;
}

// Records, in the page, each POST …/steps the page sends (an XHR with a Blob body, which the
// browser's protocol does not hand to Playwright): the ids of the steps it carries (its
// bundle's options) and its status. stepRequests() reads them back: [{ids, status}].
async function recordStepRequests() {
  await page.evaluate(() => {
    window.__stepRequests = [];
    const { open, send } = XMLHttpRequest.prototype;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      this.__url = String(url);
      return open.call(this, method, url, ...rest);
    };
    XMLHttpRequest.prototype.send = function (body) {
      if (this.__url.endsWith("/steps") && body instanceof Blob) {
        const entry = { ids: "", status: 0 };
        window.__stepRequests.push(entry);
        body.text().then((t) => { entry.ids = [...t.matchAll(/"id":"([a-z_]+-\d+)"/g)].map((m) => m[1]).join(","); });
        this.addEventListener("loadend", () => { entry.status = this.status; });
      }
      return send.call(this, body);
    };
  });
}
const stepRequests = () => page.evaluate(() => window.__stepRequests.map((e) => ({ ...e })));

test("1: a small export: planned on this device, converted on the server in one request of steps and one of assembly; the same zip as on this device", async () => {
  await drop(ZIP);
  await page.locator("#quota").waitFor({ state: "visible", timeout: 10_000 });
  assert.match(await page.locator("#quota").textContent(), /^\d+ more conversions? on the server (is|are) possible in the next (minute|hour)/);
  assert.match(await page.locator("#server-plan").textContent(), /^On the server: the files the plan reads \([\d.]+ kB\) in one upload, then the conversion a few steps per request\./);
  const here = await convertAndDownload("#convert-local");
  assert.equal(await page.locator("#download").getAttribute("data-where"), "device");
  const calls = [];
  const listen = (r) => r.url().includes("/api/") && !/\/api\/(status|usage\/me)$/.test(r.url()) && calls.push(`${r.method()} ${new URL(r.url()).pathname.replace(/[0-9a-z]{9}[A-Za-z0-9_-]{22}/, "{id}")}`);
  page.on("request", listen);
  const there = await convertAndDownload("#convert-server");
  page.off("request", listen);
  assert.equal(await page.locator("#download").getAttribute("data-where"), "server");
  // The server's own plan of one request is over its CPU budget from a cold isolate
  // (server-convert.js): the page plans, the server starts the session and runs the steps.
  assert.deepEqual(calls, ["POST /api/upload", "POST /api/convert", "POST /api/convert/{id}/steps", "POST /api/convert/{id}/assemble"]);
  assert.ok(here.equals(there), "identical bytes both ways");
  const files = checkFits(there);
  assert.ok(Object.keys(files).some((n) => n.startsWith("weight/")));
  await screenshot(page, "ui-server-1-done-on-server");
  assert.deepEqual(problems, []);
});

test("2: in groups of steps, waiting out every 429 with a countdown: the device's zip, byte for byte", async () => {
  await drop(STEPS_ZIP, "takeout-002.zip");
  await page.locator("#workouts-table tbody tr").first().waitFor({ timeout: 30_000 });
  const here = await convertAndDownload("#convert-local");
  const calls = [];
  const listen = (r) => r.url().includes("/api/convert") && calls.push(new URL(r.url()).pathname);
  page.on("request", listen);
  await recordStepRequests();
  await page.click("#convert-server");
  // The countdown is on the page while the server asks to wait.
  await page.locator("#convert-text").getByText(/The server asked to wait: the request for steps? \d+(–\d+)? of \d+ goes on in \d+ s…/).waitFor({ timeout: 120_000 });
  await screenshot(page, "ui-server-2-waiting");
  await page.locator("#result").waitFor({ state: "visible", timeout: 600_000 });
  page.off("request", listen);
  const sent = await stepRequests();
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const there = readFileSync(await dl.path());
  assert.ok(sent.some((r) => r.status === 429), "the limiter refused some groups");
  // Every group was converted once (a refused one was sent again, never one already done).
  const done = sent.filter((r) => r.status === 200).map((r) => r.ids);
  assert.ok(done.every((ids) => ids.length > 0), "each request names its steps");
  assert.equal(new Set(done).size, done.length);
  assert.ok(calls.some((p) => p.endsWith("/assemble")));
  assert.equal(calls.filter((p) => p === "/api/convert").length, 1, "one conversion, however many steps");
  assert.ok(here.equals(there), "identical bytes both ways");
  checkFits(there);
  assert.deepEqual(problems, []);
});

test("3: includeAutoDetected unticked: the server gives the device's zip, without the auto-detected workouts", async () => {
  await page.uncheck("#include-auto");
  const here = await convertAndDownload("#convert-local");
  const there = await convertAndDownload("#convert-server", 600_000);
  assert.ok(here.equals(there), "identical bytes both ways");
  const manifest = JSON.parse(new TextDecoder().decode(unzipSync(new Uint8Array(there))["manifest.json"]));
  assert.equal(manifest.files.filter((f) => f.autoDetected).length, 0);
  assert.match(JSON.stringify(manifest.skipped), /auto-detected workout\(s\) left out/);
  await page.check("#include-auto");
});

test("4: a conversion on the server asks before the page is left; cancelled, it goes on from where it stopped, and the zip is the same", async () => {
  const here = await convertAndDownload("#convert-local");
  await recordStepRequests();
  await page.click("#convert-server");
  await page
    .locator("#convert-text")
    .getByText(/^[1-9]\d* of \d+ steps converted on the server$/)
    .waitFor({ timeout: 120_000 })
    .catch(async (err) => {
      // Say where the page was instead (a wait, an error), not only that the text never came.
      const where = await page.evaluate(() => ({ convert: document.getElementById("convert-text")?.textContent, error: document.getElementById("error")?.hidden ? null : document.getElementById("error").textContent }));
      throw new Error(`${err.message}\npage: ${JSON.stringify(where)}`);
    });
  // Leaving the page now would lose the run: the browser is asked to confirm (a beforeunload
  // the page cancels); once cancelled, nothing is lost by leaving.
  const leaving = () => page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  assert.equal(await leaving(), true, "leaving during the run is asked about");
  await page.click("#cancel");
  await page.locator("#cancelled").waitFor({ state: "visible", timeout: 10_000 });
  assert.equal(await leaving(), false, "after Cancel, leaving is not asked about");
  const before = (await stepRequests()).length;
  const calls = [];
  const listen = (r) => r.url().includes("/api/") && calls.push(new URL(r.url()).pathname);
  page.on("request", listen);
  await page.click("#convert-server");
  await page.locator("#convert-text").getByText(/^Going on from where the conversion stopped| steps converted on the server$/).first().waitFor({ timeout: 60_000 });
  await page.locator("#result").waitFor({ state: "visible", timeout: 600_000 });
  page.off("request", listen);
  assert.ok(!calls.includes("/api/upload") && !calls.includes("/api/convert"), `resumed without uploading or planning again: ${calls.slice(0, 3)}`);
  const sent = await stepRequests();
  const resent = sent.slice(before).map((r) => r.ids);
  assert.ok(before > 0 && resent.length > 0 && sent[0].ids);
  assert.ok(!resent.includes(sent[0].ids), "the first group was not sent again");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.ok(here.equals(readFileSync(await dl.path())), "identical bytes both ways");
});

test("5: on a phone-sized screen nothing is wider than the screen", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300); // the chart follows its container's width
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    chart: document.querySelector("#weight-chart canvas").getBoundingClientRect().right,
    // The innermost visible elements that reach past the screen's edge, to say which.
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > 375 && ![...el.children].some((c) => c.getBoundingClientRect().right > 375))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}: ${el.textContent.trim().slice(0, 60)}`),
  }));
  assert.ok(widths.doc <= 375, `page is ${widths.doc}px wide; past the edge: ${widths.wide.join(" | ")}`);
  assert.ok(widths.chart <= 375, `chart ends at ${widths.chart}px`);
  await screenshot(page, "ui-server-5-phone");
  await page.locator("#report").screenshot({ path: path.join(SCREENSHOT_DIR, "ui-server-5-phone-report.png") });
});

test("6: all-day heart rate and 1 s tracks: a workout whose track and day are over one request's cap together converts on the server to the device's zip", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await drop(ALL_DAY_ZIP, "takeout-all-day.zip");
  const here = await convertAndDownload("#convert-local");
  const there = await convertAndDownload("#convert-server", 600_000);
  assert.ok(here.equals(there), "identical bytes both ways");
  const files = checkFits(there);
  assert.ok(Object.keys(files).includes("reference/heart_rate_daily.csv"));
});

// Two weeks of a watch reading every 2 s: days of ~3.6 MB, over the server's 2 MiB file cap
// (real exports have such days: 169 of one person's, up to 4.2 MB), and one workout left
// running for 48 hours (as one of that person's was), which reads all of a day.
const BIG_DAYS = (() => {
  const files = generateExport({ seed: 46, years: 0.03, perWeek: 3, workoutsPerWeek: 6, allDayHeartRate: 11, heartRateInterval: 2, start: "2023-06-01" });
  const ex = files.find((f) => /exercise-\d+\.json$/.test(f.name));
  const records = JSON.parse(ex.data);
  const long = records.find((r) => r.startTime.startsWith("06/0"));
  long.duration = long.activeDuration = 48 * 3600 * 1000;
  ex.data = JSON.stringify(records);
  return files;
})();

test("8: heart-rate days over the server's file cap: each group sends the pieces its steps read (a workout's windows, a slice of the day for the heart-rate table), every request under the cap; the 48-hour workout, which reads a whole day, is converted on this device; the zip is the device's", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const days = BIG_DAYS.filter((f) => /heart_rate-/.test(f.name));
  assert.ok(days.some((f) => f.data.length > 2 * 1024 * 1024));
  await drop(zipFiles(BIG_DAYS), "takeout-big-days.zip");
  assert.equal(await page.locator("#convert-server").isDisabled(), false);
  const here = await convertAndDownload("#convert-local");
  const bodies = [];
  const listen = (r) => r.url().includes("/steps") && bodies.push(r.postDataBuffer()?.length ?? 0);
  page.on("request", listen);
  const there = await convertAndDownload("#convert-server", 600_000);
  page.off("request", listen);
  assert.ok(here.equals(there), "identical bytes both ways");
  const files = checkFits(there);
  assert.ok(Object.keys(files).includes("reference/heart_rate_daily.csv"));
  // Every request under the file cap, though the days are over it.
  assert.ok(bodies.length > 0 && bodies.every((n) => n < 2 * 1024 * 1024), `steps requests: ${bodies.join(", ")}`);
  assert.match(await page.locator("#convert-text").textContent(), /\(1 step on this device: a file larger than the server takes\)/);
});

// What a real export carries besides its data, in two Takeout parts: files no reader takes
// (another product's, a badge file, a macOS twin, Google's CSV copy), other health CSVs (one
// ending in ".CSV"), and a workout's track cut off (empty) in the first part and whole in the
// second. The CLI is given every file of both parts; the page the same drop.
const JUNK_EXPORT = (() => {
  const files = generateExport({ seed: 17, years: 0.3, perWeek: 3, start: "2023-01-01", workoutsPerWeek: 2, trackInterval: 20, junk: true });
  const track = files.find((f) => f.name.endsWith(".tcx"));
  const other = [
    { name: "Takeout/Fitbit/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-02.CSV", data: "timestamp,value\n2023-01-02T00:00:00,97.0\n" },
    { name: "Takeout/Fitbit/Temperature/Computed Temperature - 2023-01-02.csv", data: "type,sleep_start,sleep_end,temperature_samples,nightly_temperature\nSKIN,2023-01-01T23:00,2023-01-02T07:00,400,33.1\n" },
  ];
  const first = [...files.map((f) => (f === track ? { ...f, data: "" } : f)), ...other];
  return { first, second: [track], track: track.name };
})();

test("7: junk, other health CSVs and a track cut off in one part: the same zip on this device, on the server and from the CLI's files", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await dropFiles(page, "#dropzone", [
    { name: "takeout-20240101T000000Z-001.zip", type: "application/zip", bytes: zipFiles(JUNK_EXPORT.first) },
    { name: "takeout-20240101T000000Z-002.zip", type: "application/zip", bytes: zipFiles(JUNK_EXPORT.second) },
  ]);
  await page.locator("#weight-chart canvas").waitFor({ timeout: 60_000 });
  const here = await convertAndDownload("#convert-local");
  const there = await convertAndDownload("#convert-server", 300_000);
  assert.ok(here.equals(there), "identical bytes both ways");
  // The CLI's view: every file of both parts, in order (wasm/cli: the core reads them all).
  const all = [...JUNK_EXPORT.first, ...JUNK_EXPORT.second];
  const core = createCore(new WebAssembly.Module(readFileSync(new URL("../../worker-shim/generated/core.wasm", import.meta.url))));
  const report = JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, all))));
  const { from, to } = report.transitionsRange;
  const options = { timeZone: timeZoneOption(report.timeZone.name, from, to), weightUnit: "auto" };
  const out = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, all)));
  const cli = zipOutputs(out.files.map((f) => ({ path: f.name, data: f.data })));
  assert.ok(Buffer.from(cli).equals(here), "the page's zip is the one the CLI's conversion writes");
  const files = checkFits(here);
  const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
  const codes = manifest.skippedFiles.map((s) => s.code).sort();
  // The junk steps_…csv copies steps JSON this export does not hold: google-csv-no-json.
  for (const code of ["google-csv-no-json", "os-metadata", "repeated"]) assert.ok(codes.includes(code), `${code} named in ${codes}`);
  assert.deepEqual(manifest.skippedFiles.find((s) => s.code === "repeated").paths, [JUNK_EXPORT.track]);
  assert.deepEqual(Object.keys(files).filter((n) => n.startsWith("reference/other/")).sort(), [
    "reference/other/Oxygen Saturation (SpO2)/Minute SpO2 - 2023-01-02.CSV",
    "reference/other/Temperature/Computed Temperature - 2023-01-02.csv",
  ]);
  const logId = Number(JUNK_EXPORT.track.match(/(\d+)\.tcx$/)[1]);
  assert.equal(manifest.files.find((f) => f.logId === logId)?.gps, true, "the workout keeps the track of the part that holds it");
});

// The 2026 "Google Health" Takeout shape (gen-takeout --google-health): Google's per-second
// files a month a file, heart rate only in Google's CSVs (a month of all-day readings over the
// server's 2 MiB file cap: the steps that read it run on this device), sleeps only in
// UserSleeps_*.csv. Helper findings: the monthly files were read only within a day of their
// name, and heart rate and sleeps were named copies of JSON this shape does not have.
const GOOGLE_HEALTH_ZIP = zipFiles(generateExport({
  seed: 8, years: 0.1, perWeek: 3, start: "2026-09-01", zone: "Europe/Berlin", unit: "kg", workoutsPerWeek: 3, takeoutGps: true,
  takeoutPace: true, allDayHeartRate: 5, minuteDays: 20, googleHealth: true,
}));

test("9: the 2026 Google Health shape: the same zip on this device and on the server, with the workouts' heart rate, the heart-rate summary and the sleeps", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await drop(GOOGLE_HEALTH_ZIP, "takeout-20261006T130645Z-1-001.zip");
  const here = await convertAndDownload("#convert-local");
  const there = await convertAndDownload("#convert-server", 300_000);
  assert.ok(here.equals(there), "identical bytes both ways");
  const files = checkFits(there);
  for (const table of ["reference/heart_rate_daily.csv", "reference/sleep.csv"]) assert.ok(files[table], table);
  const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
  const activities = manifest.files.filter((f) => f.kind === "activity");
  assert.ok(activities.length >= 8);
  assert.ok(activities.every((f) => !f.summaryOnly), "every workout has its records (positions or pace)");
  assert.deepEqual(manifest.skippedFiles.filter((s) => s.code === "google-csv-copy"), [], "nothing of this shape is named a copy");
  assert.deepEqual(problems, []);
});
