// The page as a newcomer meets it, at a desk (1280 px) and on a phone (390 px), light and dark:
// step 1 says where to get the export and that the Garmin import needs a computer; the report
// follows every choice; the import steps are the zip's own; .tgz Takeouts, missing parts and
// zips without Fitbit data are explained; cancelling is calm; an axe-core audit finds nothing
// serious or critical in any main state. Screenshots of each state go to test-results/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { unzipSync } from "fflate";
import { packTar } from "modern-tar";
import { generateExport } from "../../scripts/gen-takeout.mjs";
import { zipFiles } from "../../scripts/lib/zip-write.mjs";
import { auditBothSchemes, seriousFindings } from "./axe.js";
import { dropFiles } from "./drop.js";
import path from "node:path";
import { SCREENSHOT_DIR } from "./browser.js";
import { openPage, screenshot, useDevServerAndBrowser } from "./page-helpers.js";

const OTHER = [
  { name: "Takeout/Photos/IMG_0001.jpg", data: "not really a photo" },
  { name: "Takeout/Mail/All mail.mbox", data: "From nobody" },
];
// A year of weigh-ins (pounds), weekly workouts (some auto-detected, some with GPS), three days
// of per-minute activity with sleep and resting heart rate; New York time; Takeout layout.
const EXPORT = [...generateExport({ seed: 5, years: 1, perWeek: 3, start: "2022-01-01", workoutsPerWeek: 1, minuteDays: 3 }), ...OTHER];
const ZIP = zipFiles(EXPORT);
// Weight only, small enough for one server upload (the workouts' GPS tracks above are not).
const SMALL_EXPORT = generateExport({ seed: 11, years: 2, perWeek: 3, start: "2020-03-01", zone: "Europe/Berlin", unit: "kg" });
const SMALL_ZIP = zipFiles(SMALL_EXPORT);
const PART = "takeout-20261127T101500Z";
const WIDTHS = [1280, 390];
const PHONE = 390;

const env = useDevServerAndBrowser();

async function open(width, init) {
  const { page, problems } = await openPage(env.browser, env.server.base, { viewport: { width, height: width === PHONE ? 844 : 900 }, init });
  return { page, problems };
}

// Run in the page before its scripts: every read of a weight file picked from a folder waits
// until window.__releaseReads() is called, and window.__readsHeld counts the reads waiting. So
// a test can press "Stop reading" while a read is surely under way, on any machine.
function holdWeightReads() {
  const original = Blob.prototype.arrayBuffer;
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  window.__readsHeld = 0;
  window.__releaseReads = () => release();
  Blob.prototype.arrayBuffer = function () {
    if (this instanceof File && this.name.startsWith("weight-")) {
      window.__readsHeld += 1;
      return gate.then(() => original.call(this));
    }
    return original.call(this);
  };
}

// prefix: before every name ("./" as `tar czf x.tgz -C folder .` writes); cut: keep that
// share of the tar's bytes, then gzip it whole (a tar cut short inside a good gzip stream).
async function tarOf(files, prefix = "") {
  const enc = new TextEncoder();
  const entries = files.map((f) => {
    const body = typeof f.data === "string" ? enc.encode(f.data) : f.data;
    return { header: { name: prefix + f.name, size: body.length, mtime: new Date(2020, 0, 1) }, body };
  });
  return packTar(entries);
}
async function tgzOf(files, { prefix = "", cut = 1, cutBytes = null } = {}) {
  const tar = await tarOf(files, prefix);
  return gzipSync(tar.subarray(0, cutBytes ?? Math.floor(tar.length * cut)));
}

async function dropExport(page, name = `${PART}-001.zip`, bytes = ZIP, type = "application/zip", ready = "#workouts-table tbody tr") {
  await dropFiles(page, "#dropzone", [{ name, type, bytes }]);
  await page.locator("#report").waitFor({ state: "visible", timeout: 60_000 });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
}

const shot = (page, state, width, scheme = "light") => screenshot(page, `newcomer-${state}-${width}-${scheme}`);
// What one screen shows (the sticky summary bar is where it really is, not mid-page).
const screenShot = (page, state, width) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `newcomer-${state}-${width}-screen.png`) });

// Screenshots in both schemes, then the audit in both.
async function shotsAndAudit(page, state, width) {
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(page, state, width, scheme);
  }
  const findings = await auditBothSchemes(page);
  assert.deepEqual(findings, [], `axe: serious or critical findings in state "${state}" at ${width} px:\n${JSON.stringify(findings, null, 2)}`);
}

const text = (page, sel) => page.locator(sel).textContent();
const reportBox = (page, kind) => page.locator(`#report-table tr[data-kind="${kind}"] input`);

for (const width of WIDTHS) {
  test(`${width} px, item 7/4/5: step 1 links Google Takeout with the format and the wait, says a computer is needed; no status, quota or announcement on load`, async () => {
    const { page, problems } = await open(width);
    const link = page.locator("#takeout-link");
    assert.equal(await link.getAttribute("href"), "https://takeout.google.com");
    const steps = await text(page, ".takeout-steps");
    assert.match(steps, /only Fitbit/);
    assert.match(steps, /file type \.zip and file size 2 GB or larger/);
    assert.match(steps, /within a few hours; a long history can take a day or two/);
    assert.ok(await page.locator("#needs-computer").isVisible());
    assert.match(await text(page, "#needs-computer"), /needs a computer: Garmin takes files only on its website/);
    // Nothing about the server before there is anything to convert, and the health line only
    // when something is wrong (a fresh dev server has no health record: nothing to say).
    await page.waitForLoadState("networkidle");
    assert.equal(await page.locator("#quota").isHidden(), true);
    assert.equal(await page.locator("#status").isHidden(), true);
    // No live region has anything to read out on load.
    const spoken = await page.evaluate(() =>
      [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"], output')]
        .filter((el) => el.checkVisibility() && el.textContent.trim() !== "")
        .map((el) => `${el.id}: ${el.textContent.trim()}`),
    );
    assert.deepEqual(spoken, []);
    // Dragging over the page lights the drop zone up and says what happens.
    await page.dispatchEvent("#dropzone", "dragover");
    assert.ok(await page.locator(".drop-cue").isVisible());
    if (width === PHONE) assert.ok((await page.locator("#dropzone").boundingBox()).y < 844 * 1.6, "the drop zone is near the top on a phone");
    await shot(page, "drag-over", width);
    await page.dispatchEvent("#dropzone", "dragleave");
    // The audit can fail: an image without a text alternative is a critical finding.
    await page.evaluate(() => document.querySelector("main").append(Object.assign(document.createElement("img"), { id: "bad-img", src: "data:," })));
    assert.deepEqual((await seriousFindings(page)).map((f) => f.id), ["image-alt"]);
    await page.evaluate(() => document.getElementById("bad-img").remove());
    await shotsAndAudit(page, "1-start", width);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`${width} px, items 2/8/4: the report follows every choice, focus and an announcement move to it, each hint is tied to its control`, async () => {
    const { page, problems } = await open(width);
    await dropExport(page);
    // Focus and a spoken summary move to the report.
    assert.equal(await page.evaluate(() => document.activeElement?.id), "report-heading");
    await screenShot(page, "2-report", width);
    await page.locator("#announce").getByText(/^Your export is read\. To convert: \d+ weigh-ins, \d+ workouts and daily activity; also sleep, resting heart rate and heart rate \(all day\), kept as CSV/).waitFor({ timeout: 5_000 });
    await shotsAndAudit(page, "2-report", width);

    // Each kind's checkbox is its own: leaving out sleep keeps resting heart rate.
    await reportBox(page, "sleep").uncheck();
    assert.equal(await reportBox(page, "resting_heart_rate").isChecked(), true);
    assert.match(await page.getAttribute('#report-table tr[data-kind="sleep"]', "class"), /excluded/);
    assert.doesNotMatch((await page.getAttribute('#report-table tr[data-kind="resting_heart_rate"]', "class")) ?? "", /excluded/);
    assert.equal(await text(page, '#found-table tr[data-kind="sleep"] td:last-child'), "Left out (your choice)");
    assert.equal(await text(page, '#found-table tr[data-kind="resting_heart_rate"] td:last-child'), "Yes");
    assert.match(await text(page, "#found-summary"), /; 1 more is left out by your choices below\./);
    assert.match(await text(page, "#report-summary"), /; also resting heart rate and heart rate \(all day\), kept as CSV for your records/);
    assert.doesNotMatch(await text(page, "#report-summary"), /sleep/);

    // Weight left out: its logs are still read, for the UTC offsets their times show (helper
    // finding: the table said "Yes", as if they were converted).
    await reportBox(page, "weight").uncheck();
    assert.equal(await text(page, '#found-table tr[data-kind="weight"] td:last-child'), "Read for workouts, daily activity and the health files, not converted");
    await reportBox(page, "weight").check();
    assert.equal(await text(page, '#found-table tr[data-kind="weight"] td:last-child'), "Yes");

    // Workouts left out: the caption and the list say so.
    const total = Number((await text(page, '#report-table tr[data-kind="workouts"] td.num')).replace(/,/g, ""));
    await reportBox(page, "workouts").uncheck();
    assert.equal(await text(page, "#workouts-caption"), `Workouts are left out: none of the ${total} will be imported`);
    assert.equal(await page.locator("#workouts-table tbody tr:not(.excluded)").count(), 0);
    assert.doesNotMatch(await text(page, "#summary-text"), /workouts/);
    await reportBox(page, "workouts").check();
    const auto = Number((await text(page, "#auto-count")).split(" ")[0]);
    assert.ok(auto > 0, "the export has auto-detected workouts");
    await page.uncheck("#include-auto");
    assert.equal(await text(page, "#workouts-caption"), `${total - auto} workouts will be imported, one FIT file each`);
    assert.match(await text(page, "#report-summary"), new RegExp(`, ${total - auto} workouts and daily activity`));
    assert.match(await text(page, "#summary-text"), new RegExp(` · ${total - auto} workouts · `));
    await page.check("#include-auto");

    // Nothing ticked: both buttons off, and why, next to them and in the summary bar.
    for (const kind of ["weight", "workouts", "daily", "resting_heart_rate", "heart_rate"]) await reportBox(page, kind).uncheck();
    assert.equal(await page.isDisabled("#convert-local"), true);
    assert.equal(await page.isDisabled("#convert-server"), true);
    assert.equal(await page.isDisabled("#summary-convert"), true);
    const why = "Nothing to convert: tick at least one kind in the table above.";
    assert.equal(await text(page, "#convert-why"), why);
    assert.ok(await page.locator("#convert-why").isVisible());
    assert.equal(await text(page, "#summary-text"), why);
    assert.match(await page.getAttribute("#convert-local", "aria-describedby"), /\bconvert-why\b/);
    await page.locator("#convert-why").scrollIntoViewIfNeeded();
    await shotsAndAudit(page, "3-nothing-ticked", width);
    for (const kind of ["weight", "workouts", "daily", "sleep", "resting_heart_rate", "heart_rate"]) await reportBox(page, kind).check();
    assert.equal(await page.isEnabled("#convert-local"), true);
    assert.equal(await page.locator("#convert-why").isHidden(), true);

    // The zone's hint follows what is typed.
    await page.fill("#time-zone", "Europe/Berlin");
    assert.equal(
      await text(page, "#time-zone-hint"),
      "You chose Europe/Berlin, instead of America/New_York from your Fitbit profile: every Fitbit clock time is read as Europe/Berlin time, with its daylight-saving changes.",
    );
    // A fixed offset has no daylight-saving changes; an empty field is said as empty (helper findings).
    await page.fill("#time-zone", "+05:30");
    assert.match(await text(page, "#time-zone-hint"), /read as \+05:30 time, the same offset all year\.$/);
    await page.fill("#time-zone", "Mars/Olympus_Mons");
    assert.match(await text(page, "#convert-why"), /^Fix the time zone above first: “Mars\/Olympus_Mons” is not a time-zone name\.$/);
    await page.fill("#time-zone", "");
    assert.match(await text(page, "#convert-why"), /^Fix the time zone above first: the time zone is empty\.$/);
    assert.match(await text(page, "#time-zone-hint"), /^The time zone is empty\. Pick one from the list/);
    await page.fill("#time-zone", "America/New_York");
    assert.match(await text(page, "#time-zone-hint"), /^From your Fitbit profile/);
    await page.locator("#workouts-table tbody tr").first().waitFor();

    // The chart's unit does not flip workout distances; distances have their own switch.
    const distances = () => page.$$eval("#workouts-table tbody td:nth-child(4)", (tds) => tds.map((td) => td.textContent).filter((t) => t !== "—"));
    await page.check('input[name="distance-unit"][value="km"]');
    const km = await distances();
    assert.ok(km.length > 0 && km.every((d) => / km$/.test(d)), km.join());
    await page.check('input[name="chart-unit"][value="kg"]');
    assert.deepEqual(await distances(), km, "the chart's kg/lb switch leaves distances alone");
    assert.equal(await page.getAttribute("#weight-chart", "data-unit"), "kg");
    await page.check('input[name="distance-unit"][value="mi"]');
    assert.ok((await distances()).every((d) => / mi$/.test(d)));
    assert.equal(await page.getAttribute("#weight-chart", "data-unit"), "kg", "and the distance switch leaves the chart alone");

    // Every hint is tied to its control; the chart is described by its summary only.
    const untied = await page.evaluate(() =>
      [...document.querySelectorAll("#report .hint[id], #convert .hint[id], #pick [id$='-hint']")]
        .filter((h) => !document.querySelector(`[aria-describedby~="${h.id}"]`))
        .map((h) => h.id),
    );
    assert.deepEqual(untied, []);
    assert.equal(await page.getAttribute("#weight-unit", "aria-describedby"), "weight-unit-hint");
    assert.equal(await page.getAttribute("#weight-chart", "role"), "img");
    assert.equal(await page.getAttribute("#weight-chart", "aria-describedby"), "weight-summary");
    assert.equal(await page.getAttribute("#weight-chart .u-legend", "aria-hidden"), "true");

    if (width === PHONE) {
      // Phone: nothing wider than the screen; report rows are cards; sizes never wrap; the
      // summary bar with the action is on screen while the report is read.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE);
      assert.equal(await page.$eval('#report-table tr[data-kind="weight"]', (tr) => getComputedStyle(tr).display), "grid");
      assert.equal(await page.$eval('#report-table tr[data-kind="weight"] td:nth-child(6)', (td) => td.dataset.label), "Garmin Connect");
      // A value on one line has one line box (its cell may still be as tall as its row).
      const wrapped = await page.$$eval("#found-table td.num, #report-table td.num, #workouts-table td", (tds) =>
        tds.filter((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        }).map((td) => td.textContent),
      );
      assert.deepEqual(wrapped, [], "numbers and sizes stay on one line");
      await page.locator("#report-heading").scrollIntoViewIfNeeded();
      const bar = await page.locator("#summary-bar").boundingBox();
      assert.ok(bar && bar.y + bar.height <= 844 + 1 && bar.y > 400, `the summary bar is at the bottom of the screen (${JSON.stringify(bar)})`);
      assert.ok(await page.locator("#summary-convert").isEnabled());
      await screenShot(page, "4-phone-report-cards", width);
      await page.locator("#workouts").scrollIntoViewIfNeeded();
      await screenShot(page, "4-phone-workouts", width);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`${width} px, item 1: the import steps are the zip's IMPORT.txt, one per folder produced, with rounds, units and the Import Data link`, async () => {
    const { page, problems } = await open(width);
    await dropExport(page);
    // From the summary bar: the action is one tap away from the report.
    await page.click("#summary-convert");
    await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "result-heading");
    await page.locator("#announce").getByText(/^Your Garmin files are ready/).waitFor({ timeout: 5_000 });
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const zip = unzipSync(new Uint8Array(readFileSync(await dl.path())));
    const importTxt = new TextDecoder().decode(zip["IMPORT.txt"]);
    // IMPORT.txt's numbered paragraphs, unwrapped, are the page's list items, word for word.
    const paragraphs = importTxt.split("\n\n").slice(1).filter(Boolean).map((p) => p.replace(/\n +/g, " ").replace(/^\d+\. /, ""));
    const items = await page.$$eval("#import-steps li", (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(items, paragraphs);
    const count = (dir) => Object.keys(zip).filter((n) => n.startsWith(dir)).length;
    const folders = await page.$$eval("#import-steps li[data-folder]", (lis) => lis.map((li) => li.dataset.folder));
    assert.deepEqual(folders, ["weight/", "activities/", "csv/", "reference/"]);
    // reference/ holds copied JSON files beside its CSVs: "the N files".
    for (const f of folders)
      assert.match(await text(page, `#import-steps li[data-folder="${f}"]`), new RegExp(`the ${count(f)} ${f === "reference/" ? "" : "(FIT|CSV) "}files? in the folder ${f}`));
    assert.match(await text(page, '#import-steps li[data-folder="csv/"]'), /When Garmin asks for units, choose Metric/);
    assert.match(await text(page, '#import-steps li[data-folder="activities/"]'), /in one go|rounds of at most 100/);
    assert.equal(await page.getAttribute("#import-steps a", "href"), "https://connect.garmin.com/modern/import-data");
    // The manifest's warnings, under the steps, word for word (helper finding: the page showed
    // only the report's, and real exports' "written as 0 on every day" went unsaid).
    const warnings = JSON.parse(new TextDecoder().decode(zip["manifest.json"])).warnings;
    assert.ok(warnings.length > 0, "this export's conversion has warnings");
    assert.deepEqual(await page.$$eval("#result-warnings li", (lis) => lis.map((li) => li.textContent)), warnings);
    await screenShot(page, "5-result", width);
    await shotsAndAudit(page, "5-result", width);

    // Weight only: the steps name the weight folder and nothing else.
    for (const kind of ["workouts", "daily", "sleep", "resting_heart_rate", "heart_rate"]) await reportBox(page, kind).uncheck();
    await page.click("#convert-local");
    await page.locator("#import-steps li").first().waitFor({ timeout: 60_000 });
    await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
    assert.deepEqual(await page.$$eval("#import-steps li[data-folder]", (lis) => lis.map((li) => li.dataset.folder)), ["weight/"]);
    assert.doesNotMatch(await text(page, "#import-steps"), /activities\/|csv\/|reference\//);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`${width} px, item 3: a .tgz Takeout reads as its .zip does; a lone later part is named; a zip without Fitbit data says so in words`, async () => {
    const { page, problems } = await open(width);
    // Other products' members first: each is walked past before the Fitbit ones are kept.
    await dropExport(page, `${PART}-001.tgz`, await tgzOf([...OTHER, ...EXPORT.filter((f) => !OTHER.includes(f))]), "application/gzip");
    const tgzFound = await page.$$eval("#found-table tbody tr", (trs) => trs.map((tr) => tr.textContent));
    const tgzReport = await page.$$eval("#report-table tbody tr", (trs) => trs.map((tr) => tr.textContent));
    assert.match(await text(page, "#found-summary"), /2 other files \(29 B\) are skipped/);
    await shot(page, "6-tgz-report", width);
    // Helper finding: converting a .tgz on the device stopped at its first step ("Cannot read
    // properties of undefined (reading 'file')"): its members had no source for the worker.
    await page.click("#convert-local");
    await page.locator("#result").waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await page.locator("#error").isHidden(), true);
    assert.ok((await page.$$eval("#import-steps li[data-folder]", (lis) => lis.map((li) => li.dataset.folder))).includes("weight/"));
    // Helper findings: names under "./" were all unsafe paths ("no Fitbit data"); a tar cut
    // short inside a whole gzip stream lost the files past the cut without a word.
    await dropExport(page, `${PART}-001.tgz`, await tgzOf(EXPORT, { prefix: "./" }), "application/gzip");
    assert.deepEqual(await page.$$eval("#report-table tbody tr", (trs) => trs.map((tr) => tr.textContent)), tgzReport);
    // Helper finding: a .tgz of two tars (two .tgz joined with `cat`, or one gzip of both) was
    // read to the first tar's end, and the second's files — Profile.csv and the weigh-ins
    // among them — were lost without a word (js/tar-joined.js).
    const half = Math.floor(EXPORT.length / 2);
    const [tar1, tar2] = [await tarOf(EXPORT.slice(0, half)), await tarOf(EXPORT.slice(half))];
    for (const joined of [Buffer.concat([gzipSync(tar1), gzipSync(tar2)]), gzipSync(Buffer.concat([tar1, tar2]))]) {
      await dropExport(page, `${PART}-001.tgz`, joined, "application/gzip");
      assert.deepEqual(await page.$$eval("#report-table tbody tr", (trs) => trs.map((tr) => tr.textContent)), tgzReport);
    }
    // The cut inside a kept member, (review finding) inside another product's member, and
    // exactly at the end of one (no end-of-archive blocks: the decoder ends without an error).
    const photo = { name: "Takeout/Photos/IMG_0002.jpg", data: "x".repeat(200_000) };
    const photoEnd = 512 + Math.ceil(200_000 / 512) * 512;
    for (const cutTgz of [await tgzOf(EXPORT, { cut: 0.6 }), await tgzOf([photo, ...EXPORT], { cutBytes: 100_000 }), await tgzOf([photo, ...EXPORT], { cutBytes: photoEnd })]) {
      await dropFiles(page, "#dropzone", [{ name: `${PART}-001.tgz`, type: "application/gzip", bytes: cutTgz }]);
      await page.locator("#error").waitFor({ state: "visible", timeout: 30_000 });
      assert.equal(await text(page, "#error-title"), "That file is not a .tgz archive");
      await dropExport(page);
    }
    await dropExport(page);
    assert.deepEqual(await page.$$eval("#found-table tbody tr", (trs) => trs.map((tr) => tr.textContent)), tgzFound);
    assert.deepEqual(await page.$$eval("#report-table tbody tr", (trs) => trs.map((tr) => tr.textContent)), tgzReport);
    assert.equal(await page.locator("#parts-notice").isHidden(), true);

    // Part 2 alone: a normal-looking report, so the missing part is named above it.
    await dropExport(page, `${PART}-002.zip`);
    assert.ok(await page.locator("#parts-notice").isVisible());
    assert.equal(await text(page, "#parts-title"), "Part 1 of your Takeout is missing");
    assert.match(await text(page, "#parts-detail"), /^You gave part 2 of takeout-20261127T101500Z\. .* Add the others/);
    await page.locator("#found").scrollIntoViewIfNeeded();
    await screenShot(page, "7-missing-part", width);
    await shotsAndAudit(page, "7-missing-part", width);

    // A .tgz that is not one.
    await dropFiles(page, "#dropzone", [{ name: `${PART}-001.tgz`, type: "application/gzip", bytes: Buffer.from("not gzip at all") }]);
    await page.locator("#error").waitFor({ state: "visible", timeout: 30_000 });
    assert.equal(await text(page, "#error-title"), "That file is not a .tgz archive");

    // A zip without Fitbit data: words, and no table with only headers.
    await dropFiles(page, "#dropzone", [{ name: "takeout.zip", type: "application/zip", bytes: zipFiles(OTHER) }]);
    await page.locator("#error-title").getByText("No Fitbit data in what you chose").waitFor({ timeout: 30_000 });
    assert.equal(await text(page, "#error-detail"), "What you chose holds 2 files from Mail and Photos, but no Fitbit data: none of them has a name Fitbit exports use (such as weight-2023-01-01.json or exercise-0.json).");
    assert.equal(await page.locator("#found").isHidden(), true);
    await shotsAndAudit(page, "8-no-fitbit", width);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`${width} px, item 6: reading can be stopped calmly while a file is being read, and the export chosen again`, async () => {
    const { page, problems } = await open(width, holdWeightReads);
    const dir = mkdtempSync(path.join(os.tmpdir(), "trackersync-stop-"));
    try {
      for (const f of SMALL_EXPORT) {
        mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
        writeFileSync(path.join(dir, f.name), f.data);
      }
      await page.setInputFiles("#folder-input", dir);
      // A weight file's read has begun and cannot finish until released: the stop lands mid-read.
      await page.waitForFunction(() => window.__readsHeld > 0, null, { timeout: 30_000 });
      assert.equal(await page.isVisible("#cancel-read"), true, "Stop reading is offered while reading");
      await page.click("#cancel-read");
      await page.locator("#read-stopped").waitFor({ state: "visible", timeout: 10_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.id), "read-stopped");
      assert.equal(await page.locator("#error").isHidden(), true, "no red box");
      assert.equal(await page.locator("#found").isHidden(), true, "nothing half-read is shown");
      assert.equal(await page.locator("#report").isHidden(), true);
      assert.equal(await page.locator("#cancel-read").isHidden(), true);
      await shotsAndAudit(page, "6-read-stopped", width);
      // Choosing the export again reads it to the end.
      await page.evaluate(() => window.__releaseReads());
      await page.setInputFiles("#folder-input", dir);
      await page.locator("#report").waitFor({ state: "visible", timeout: 60_000 });
      assert.equal(await page.locator("#read-stopped").isHidden(), true);
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  test(`${width} px, item 6: converting can be cancelled calmly, with a way to start again`, async () => {
    const { page, problems } = await open(width);
    const cdp = await page.context().newCDPSession(page);

    // Converting on the server, slowed to be seen half way, then cancelled.
    await dropExport(page, `${PART}-001.zip`, SMALL_ZIP, "application/zip", "#weight-chart canvas");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 8 * 1024 });
    try {
      await page.click("#convert-server");
      await page.locator("#cancel").waitFor({ state: "visible" });
      assert.match(await text(page, "#convert-why"), /^A conversion is running/);
      await page.click("#cancel");
      await page.locator("#cancelled").waitFor({ state: "visible", timeout: 30_000 });
    } finally {
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
    assert.equal(await page.locator("#error").isHidden(), true, "no red box");
    assert.equal(await page.locator("#progress").isHidden(), true, "no half-done progress left behind");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "cancelled");
    await screenShot(page, "10-cancelled", width);
    assert.equal(await page.isEnabled("#convert-server"), true);
    await shotsAndAudit(page, "10-cancelled", width);
    await page.click("#start-over");
    assert.equal(await page.locator("#report").isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "choose-zip");
    assert.deepEqual(problems.filter((p) => !p.endsWith("/api/upload")), [], "only the cancelled upload failed");
    await page.close();
  });

  test(`${width} px, item 5: the server's room shows next to the server way only, in a person's words; the health line only when something is wrong`, async () => {
    const { page, problems } = await open(width);
    await dropExport(page);
    const quota = page.locator("#quota");
    await quota.waitFor({ state: "visible", timeout: 10_000 });
    assert.ok(await page.evaluate(() => document.getElementById("convert").contains(document.getElementById("quota"))));
    assert.match(await quota.textContent(), /^\d+ more conversions? on the server (is|are) possible in the next (minute|hour|24 hours)/);
    assert.doesNotMatch(await quota.textContent(), /upload|convert-|minute limit/);
    assert.equal(await page.locator("#status").isHidden(), true);
    await page.close();
    // The service out of reach: said once, at the top, with what still works.
    const broken = await env.browser.newPage({ viewport: { width, height: 900 } });
    await broken.route("**/api/status", (route) => route.abort());
    await broken.goto(env.server.base + "/");
    await broken.locator("#status").waitFor({ state: "visible", timeout: 10_000 });
    assert.equal(await broken.locator("#status").textContent(), "The TrackerSync server cannot be reached at the moment. Converting on this device works.");
    assert.equal(await broken.getAttribute("#status", "aria-live"), null);
    await shot(broken, "11-service-unreachable", width);
    await broken.close();
    assert.deepEqual(problems, []);
  });
}
