// Every export layout real exports have, fed to the CLI and to the page's classifier: the same
// file set, the same skipped files for the same reasons (both run the core's one classifier,
// wasm/core/fitbit/file_kinds.h — natively in the CLI, as core.wasm in the page and the
// Worker's upload route). The zip is listed the way the page lists it (zip.js's central
// directory), not the way the CLI does (libzip).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BlobReader, ZipReader, configure } from "@zip.js/zip.js";
import { LAYOUTS, generateExport, writeExport } from "../../scripts/gen-takeout.mjs";
import { classifyPaths } from "../../worker-shim/shared/export-files.js";
import { selectExportFiles } from "../../worker-shim/public/js/kind-labels.js";
import { core } from "./load-core.js";

configure({ useWebWorkers: false });
const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(root, "scripts/trackersync");
const work = mkdtempSync(join(tmpdir(), "ts-layouts-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

function run(...args) {
  const r = spawnSync(cli, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The page: zip.js lists the central directory; the core classifies the paths.
async function pageSelection(zipPaths) {
  const entries = [];
  for (const p of zipPaths) {
    const reader = new ZipReader(new BlobReader(new Blob([readFileSync(p)])));
    for (const e of await reader.getEntries()) if (!e.directory) entries.push({ path: e.filename, bytes: e.uncompressedSize });
    await reader.close();
  }
  return selectExportFiles(entries, classifyPaths(core, entries.map((e) => e.path)));
}

const base = { seed: 3, years: 1, perWeek: 3, workoutsPerWeek: 1, minuteDays: 2, junk: true, oddWorkouts: true, heightRecords: true };

LAYOUTS.forEach((layout, i) => {
  test(`${i + 1}: ${layout}: the CLI and the page's classifier take the same files and skip the same ones, for the same reasons`, async () => {
    const files = generateExport({ ...base, layout, profile: !layout.startsWith("account-archive") });
    const zip = join(work, `${layout}.zip`);
    writeExport(files, zip);
    const r = run("files", zip, "--json");
    assert.equal(r.code, 0, r.err);
    const fromCli = JSON.parse(r.out);
    const page = await pageSelection([zip]);
    const key = (f) => `${f.kind} ${f.path}`;
    assert.deepEqual(page.files.map(key).sort(), fromCli.files.map(key).sort());
    assert.deepEqual(page.skipped, fromCli.skipped);
    // Every generated file is accounted for: taken or skipped with a reason.
    const skipped = fromCli.skipped.reduce((n, g) => n + g.files, 0);
    assert.equal(fromCli.files.length + skipped, files.length);
    assert.ok(skipped >= 4, "the junk files are skipped");
    // Weight, workouts and the other kinds are found whatever the layout.
    for (const kind of ["weight", "exercise", "steps", "sleep"]) assert.ok(fromCli.files.some((f) => f.kind === kind), `${layout}: ${kind}`);
  });
});

test(`${LAYOUTS.length + 1}: a Takeout in several parts: the CLI reads the parts as one export, the page too`, async () => {
  const files = generateExport({ ...base, layout: "takeout" });
  const zip = join(work, "split.zip");
  writeExport(files, zip, 3);
  const parts = ["001", "002", "003"].map((n) => join(work, `split-${n}.zip`));
  const r = run("files", ...parts, "--json");
  assert.equal(r.code, 0, r.err);
  const fromCli = JSON.parse(r.out);
  const page = await pageSelection(parts);
  assert.deepEqual(page.files.map((f) => f.path).sort(), fromCli.files.map((f) => f.path).sort());
  const whole = run("validate", zip.replace(".zip", "-001.zip"), zip.replace(".zip", "-002.zip"), zip.replace(".zip", "-003.zip"), "--json");
  assert.equal(whole.code, 0, whole.err);
  assert.equal(JSON.parse(whole.out).files.total, files.length);
});

test(`${LAYOUTS.length + 2}: the account archive is read whole: every kind reported, nothing ignored in silence`, () => {
  const files = generateExport({ ...base, layout: "account-archive", profile: false, unit: "kg" });
  const zip = join(work, "archive.zip");
  writeExport(files, zip);
  const r = run("validate", zip, "--json");
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  const kinds = report.kinds.map((k) => k.kind);
  for (const k of ["weight", "workouts", "daily", "sleep", "resting_heart_rate", "heart_rate"]) assert.ok(kinds.includes(k), k);
  assert.equal(report.files.recognized + report.files.skipped, files.length);
  assert.equal(report.skippedFiles.reduce((n, g) => n + g.files, 0), report.files.skipped);
  // A metric account without Profile.csv: kilograms, from its recorded heights.
  assert.equal(report.weightUnit.value, "kg");
  assert.equal(report.weightUnit.decidedBy, "bmi");
  // The account archive has no tracks: the workouts that say GPS lack their map, said so.
  assert.ok(report.kinds.find((k) => k.kind === "workouts").gpsWithoutTrack > 0);
});

test(`${LAYOUTS.length + 3}: file names in other letter case convert as the lower-case names do (per-minute files named STEPS-… or ….JSON were counted and their data lost in silence)`, async () => {
  const { convertExport } = await import("./convert-export.js");
  const files = generateExport({ seed: 61, years: 0.2, perWeek: 3, workoutsPerWeek: 2, minuteDays: 40 });
  const daily = /\/(steps|distance|calories)-(\d{4}-\d{2}-\d{2})\.json$/;
  assert.ok(files.some((f) => daily.test(f.name)), "the export has per-minute files");
  // Row 1: the prefix in capitals; row 2: the first letter; row 3: the extension.
  const renames = [
    [1, (m, kind, day) => `/${kind.toUpperCase()}-${day}.json`],
    [2, (m, kind, day) => `/${kind[0].toUpperCase()}${kind.slice(1)}-${day}.json`],
    [3, (m, kind, day) => `/${kind}-${day}.JSON`],
  ];
  const want = convertExport(files);
  const csv = (out) => out.files.filter((f) => f.name.startsWith("csv/"));
  assert.ok(csv(want.out).length > 0, "the lower-case names give activity CSVs");
  for (const [n, rename] of renames) {
    const got = convertExport(files.map((f) => ({ ...f, name: f.name.replace(daily, rename) })));
    assert.deepEqual(got.report.kinds.find((k) => k.kind === "daily"), want.report.kinds.find((k) => k.kind === "daily"), `row ${n}: the report's daily kind`);
    assert.deepEqual(csv(got.out), csv(want.out), `row ${n}: the same activity CSVs`);
  }
});
