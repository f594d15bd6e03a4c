// The whole page flow on a generated Takeout: drop the zip, read the report, check the chart,
// convert on this device, download the zip, and decode every FIT file in it with Garmin's
// own SDK. The downloaded zip must be byte-identical to what the same core makes in Node
// from the same files and options (the page runs core.wasm, not a copy of its logic).
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
import { dropFiles } from "./drop.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

// Two years of weigh-ins in pounds and of workouts (some with GPS tracks), three days of
// per-minute activity, New York time, Takeout layout, and Google's list of workouts with 3
// runs only it holds.
const EXPORT = generateExport({ seed: 7, years: 2, perWeek: 3, start: "2021-01-01", workoutsPerWeek: 1, minuteDays: 3, googleWorkouts: 3 });
// The page uses every file of this export (heart-rate days too: a day per step).
const SENT = EXPORT;
const ZIP = zipFiles(EXPORT);

const env = useDevServerAndBrowser();

function decodeFit(bytes) {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  assert.equal(decoder.isFIT(), true);
  assert.equal(decoder.checkIntegrity(), true);
  const { messages, errors } = decoder.read();
  assert.deepEqual(errors, []);
  return messages;
}

async function dropAndWaitForReport(page) {
  await dropFiles(page, "#dropzone", [{ name: "takeout-001.zip", type: "application/zip", bytes: ZIP }]);
  await page.locator("#report").waitFor({ state: "visible", timeout: 30_000 });
  await page.locator("#weight-chart canvas").waitFor({ timeout: 30_000 });
}

async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  return new Uint8Array(readFileSync(await dl.path()));
}

// The same conversion in Node: validate for the zone's range, convert with the options the
// page uses by default (the profile's zone, the detected unit), package.
function nodeConversion() {
  const core = createCore(new WebAssembly.Module(readFileSync(new URL("../../worker-shim/generated/core.wasm", import.meta.url))));
  const report = JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, SENT))));
  const { from, to } = report.transitionsRange;
  const options = { timeZone: timeZoneOption(report.timeZone.name, from, to), weightUnit: "auto" };
  const out = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, SENT)));
  return zipOutputs(out.files.map((f) => ({ path: f.name, data: f.data })));
}

test("1: the report shows the weight history, its unit with evidence and the profile's zone; nothing is sent", async () => {
  const { page, problems } = await openPage(env.browser, env.server.base);
  const posts = [];
  page.on("request", (r) => r.method() !== "GET" && posts.push(r.url()));
  await dropAndWaitForReport(page);
  const rows = await page.$$eval("#report-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(1).map((c) => c.textContent)));
  assert.deepEqual(
    rows.map((r) => r[0]),
    ["Weight", "Workouts", "Daily activity (steps, distance, calories, active minutes)", "Sleep", "Resting heart rate", "Heart rate (all day)"],
  );
  const [label, records, from, to, garmin] = rows[0];
  assert.equal(label, "Weight");
  assert.ok(Number(records.replace(/,/g, "")) > 250, records);
  assert.match(from, /2021$/);
  assert.match(to, /^\d{1,2} [A-Z][a-z]{2} 202[23]$/);
  assert.match(garmin, /^Yes — FIT weight files/);
  assert.match(rows[1][4], /^Yes — one activity FIT file per workout/);
  // Daily activity and sleep are dated by their 30-day files' names: the last one begins then.
  assert.match(rows[2][3], /^within a month after \d{1,2} [A-Z][a-z]{2} 20\d\d$/);
  assert.match(rows[3][3], /^within a month after \d{1,2} [A-Z][a-z]{2} 20\d\d$/);
  assert.match(rows[5][3], /^\d{1,2} [A-Z][a-z]{2} 20\d\d$/);
  assert.match(rows[3][4], /^No — written to reference\/sleep\.csv/);
  assert.match(rows[5][4], /^No — used for workouts without their own heart rate/);
  // The workouts list: one row per workout (newest first), with totals.
  const workouts = Number(rows[1][1]);
  assert.ok(workouts > 50, rows[1][1]);
  assert.equal(await page.locator("#workouts-table tbody tr").count(), Math.min(workouts, 100));
  // The list is the report's count: Google's list adds its 3 runs only it holds, not the rows
  // that are the exercise JSON's workouts again.
  assert.equal(await page.locator("#workouts-caption").textContent(), `${workouts} workouts will be imported, one FIT file each`);
  const first = await page.$$eval("#workouts-table tbody tr:first-child td", (tds) => tds.map((td) => td.textContent));
  assert.match(first[0], /2022$/);
  assert.match(first[2], /^\d+:\d\d(:\d\d)?$/);
  const auto = Number((await page.locator("#auto-count").textContent()).split(" ")[0]);
  assert.ok(auto > 0);
  await page.uncheck("#include-auto");
  assert.equal(await page.locator("#workouts-caption").textContent(), `${workouts - auto} workouts will be imported, one FIT file each`);
  await page.check("#include-auto");
  assert.equal(await page.locator("#weight-unit option").first().textContent(), "As detected: pounds");
  assert.match(await page.locator("#weight-unit-hint").textContent(), /^Decided by /);
  assert.equal(await page.inputValue("#time-zone"), "America/New_York");
  // The chart starts in the export's unit and holds every weigh-in the FIT files will.
  const chart = page.locator("#weight-chart");
  assert.equal(await chart.getAttribute("data-unit"), "lb");
  assert.equal(await chart.getAttribute("data-points"), records.replace(/,/g, ""));
  assert.match(await page.locator("#weight-summary").textContent(), /weigh-ins, from \d+\.\d lb to \d+\.\d lb/);
  await screenshot(page, "ui-convert-1-report");
  await page.check('input[name="chart-unit"][value="kg"]');
  assert.equal(await chart.getAttribute("data-unit"), "kg");
  assert.match(await page.locator("#weight-summary").textContent(), /from \d+\.\d kg to \d+\.\d kg/);
  // The zone and the unit can be changed before converting; a zone that is not one is refused.
  await page.fill("#time-zone", "Mars/Olympus_Mons");
  await page.locator('#time-zone[aria-invalid="true"]').waitFor({ timeout: 5_000 });
  assert.equal(await page.isDisabled("#convert-local"), true);
  assert.equal(await page.isDisabled("#convert-server"), true);
  assert.match(await page.locator("#time-zone-hint").textContent(), /^“Mars\/Olympus_Mons” is not a time-zone name\./);
  await page.fill("#time-zone", "America/Chicago");
  await page.locator('#time-zone[aria-invalid="false"]').waitFor({ timeout: 5_000 });
  assert.equal(await page.isEnabled("#convert-local"), true);
  // Every weigh-in of this export is in weight.csv too (in grams): the unit changes none, and
  // the summary says so rather than "read as kilograms" (helper finding: kilograms chosen on an
  // export of 1,559 weigh-ins changed the 30 only the weight logs held).
  await page.selectOption("#weight-unit", "kg");
  await page.locator("#weight-summary").getByText("all from weight.csv, in grams as it states: the unit above changes none of them.").waitFor({ timeout: 10_000 });
  assert.equal(await chart.getAttribute("data-points"), records.replace(/,/g, ""));
  await page.selectOption("#weight-unit", "auto");
  await page.locator("#weight-summary").getByText("the unit above changes none of them").waitFor({ timeout: 10_000 });
  assert.deepEqual(posts, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("2: converting on this device downloads one zip of valid FIT files, identical to the core's output in Node", async () => {
  const { page, problems } = await openPage(env.browser, env.server.base);
  const apiCalls = [];
  page.on("request", (r) => r.url().includes("/api/") && !/\/api\/(status|usage\/me)$/.test(r.url()) && apiCalls.push(r.url()));
  await dropAndWaitForReport(page);
  await page.click("#convert-local");
  await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
  assert.match(await page.locator("#package-text").textContent(), /^\d+ files in one zip/);
  assert.match(await page.locator("#download-info").textContent(), /\d+ FIT files?, \d+ files in all\.$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "result-heading");
  await screenshot(page, "ui-convert-2-done-on-device");
  const zip = await download(page);
  assert.deepEqual(apiCalls, [], "converting on this device sends nothing");

  const files = unzipSync(zip);
  const names = Object.keys(files).sort();
  assert.ok(names.includes("manifest.json") && names.includes("IMPORT.txt"), names.join(","));
  const fits = names.filter((n) => n.endsWith(".fit"));
  assert.ok(fits.length >= 1);
  let weighIns = 0;
  let activities = 0;
  for (const n of fits) {
    const m = decodeFit(files[n]);
    if (n.startsWith("weight/")) {
      assert.equal(m.fileIdMesgs[0].type, "weight");
      for (const w of m.weightScaleMesgs) {
        assert.ok(w.weight > 40 && w.weight < 200, `weight ${w.weight} kg is plausible`);
        weighIns += 1;
      }
    } else {
      assert.match(n, /^activities\//);
      assert.equal(m.fileIdMesgs[0].type, "activity");
      assert.equal(m.sessionMesgs.length, 1);
      assert.equal(m.activityMesgs.length, 1);
      activities += 1;
    }
  }
  const workouts = Number((await page.locator('#report-table tr[data-kind="workouts"] td.num').textContent()).replace(/,/g, ""));
  assert.equal(activities, workouts, "one activity file per workout");
  assert.ok(names.some((n) => n.startsWith("csv/")), "daily activity CSV");
  assert.ok(names.some((n) => n.startsWith("reference/")), "reference files");
  const records = Number((await page.locator("#report-table tbody tr td.num").first().textContent()).replace(/,/g, ""));
  assert.equal(weighIns, records, "every weigh-in of the report is in the FIT files");

  assert.ok(Buffer.from(zip).equals(Buffer.from(nodeConversion())), "the page's zip is the core's output, byte for byte");
  assert.deepEqual(problems, []);
  await page.close();
});

test("3: a kind left out is not converted, and its files are not read by the converter", async () => {
  const { page, problems } = await openPage(env.browser, env.server.base);
  await dropAndWaitForReport(page);
  await page.uncheck('#report-table tr[data-kind="daily"] input');
  await page.uncheck('#report-table tr[data-kind="sleep"] input');
  assert.equal(await page.isChecked('#report-table tr[data-kind="resting_heart_rate"] input'), true, "sleep and resting HR are two choices");
  assert.match(await page.getAttribute('#report-table tr[data-kind="daily"]', "class"), /excluded/);
  await page.click("#convert-local");
  await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
  const names = Object.keys(unzipSync(await download(page)));
  assert.ok(names.some((n) => n.startsWith("weight/")) && names.some((n) => n.startsWith("activities/")));
  // Resting heart rate and the all-day heart rate are choices of their own, kept.
  assert.deepEqual(names.filter((n) => n.startsWith("csv/") || n.startsWith("reference/")), ["reference/resting_heart_rate.csv", "reference/heart_rate_daily.csv"]);
  assert.deepEqual(problems, []);
  await page.close();
});

// Review finding: "Heart rate (all day)" unticked, while sleep and resting heart rate kept the
// health files running, was converted all the same (its files go with the workouts).
test("3b: heart rate left out, sleep kept: no heart-rate table, the workouts still converted", async () => {
  const { page, problems } = await openPage(env.browser, env.server.base);
  await dropAndWaitForReport(page);
  await page.uncheck('#report-table tr[data-kind="heart_rate"] input');
  assert.equal(await page.isChecked('#report-table tr[data-kind="sleep"] input'), true);
  assert.equal(await page.locator('#found-table tr[data-kind="heart_rate"] td:last-child').textContent(), "Read for workouts, not converted");
  await page.click("#convert-local");
  await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
  const names = Object.keys(unzipSync(await download(page)));
  assert.ok(names.some((n) => n.startsWith("activities/")), "the workouts");
  assert.ok(!names.includes("reference/heart_rate_daily.csv"), `no heart-rate table: ${names.filter((n) => n.startsWith("reference/"))}`);
  assert.ok(names.includes("reference/resting_heart_rate.csv"));
  assert.deepEqual(problems, []);
  await page.close();
});

// Helper finding: a zip holding one path twice — the whole file, then an empty copy — listed the
// whole one (the largest copy, as the CLI reads it) but the converter's worker read
// the last member of that name, so the page converted the empty copy: a day of steps written
// as 0, under "not valid JSON". The copy chosen is now read by its place in the zip.
test("4: a zip holding a path twice, whole then empty: the page converts the whole copy, as the core does", async () => {
  const steps = EXPORT.find((f) => /\/steps-[^/]+\.json$/.test(f.name));
  assert.ok(steps, "the export has a per-minute steps file");
  // fflate will not write one name twice: the empty copy goes in under a name of the same
  // length, which is then rewritten in place (the local header and the central directory).
  const twin = steps.name.replace("steps-", "stepz-");
  const zip = zipFiles([...EXPORT, { name: twin, data: "" }]);
  const from = new TextEncoder().encode(twin);
  const to = new TextEncoder().encode(steps.name);
  let rewritten = 0;
  for (let i = 0; i + from.length <= zip.length; i++) {
    if (from.every((b, k) => zip[i + k] === b)) {
      zip.set(to, i);
      rewritten += 1;
    }
  }
  assert.equal(rewritten, 2, "the name in the local header and in the central directory");
  const { page, problems } = await openPage(env.browser, env.server.base);
  await dropFiles(page, "#dropzone", [{ name: "takeout-001.zip", type: "application/zip", bytes: zip }]);
  await page.locator("#report").waitFor({ state: "visible", timeout: 30_000 });
  await page.click("#convert-local");
  await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
  const got = await download(page);
  const core = createCore(new WebAssembly.Module(readFileSync(new URL("../../worker-shim/generated/core.wasm", import.meta.url))));
  const input = [...SENT, { name: steps.name, data: new Uint8Array(0) }];
  const report = JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, input))));
  const options = { timeZone: timeZoneOption(report.timeZone.name, report.transitionsRange.from, report.transitionsRange.to), weightUnit: "auto" };
  const out = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, input)));
  const want = zipOutputs(out.files.map((f) => ({ path: f.name, data: f.data })));
  const csv = Object.entries(unzipSync(got)).find(([n]) => n.startsWith("csv/"));
  assert.ok(csv && !/no data was read for [^(]*Steps/.test(new TextDecoder().decode(unzipSync(got)["manifest.json"])), "steps were read");
  assert.ok(Buffer.from(got).equals(Buffer.from(want)), "the page's zip is the core's output from the whole copy, byte for byte");
  assert.deepEqual(problems, []);
  await page.close();
});
