// The native CLI (./scripts/trackersync) on generated exports: distinct exit codes, zip and
// folder alike, and outputs byte-identical to the WASM core's (the Worker's and browser's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateExport, writeExport } from "../../scripts/gen-takeout.mjs";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { core } from "./load-core.js";
import { decodeWeightFit } from "./fit-check.js";
import { listFiles } from "./list-files.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const script = join(root, "scripts/trackersync");
const work = mkdtempSync(join(tmpdir(), "ts-cli-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

function run(...args) {
  const r = spawnSync(script, args, { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const files = generateExport({ seed: 21, years: 3, perWeek: 6 });
const zip = join(work, "takeout.zip");
const folder = join(work, "folder");
writeExport(files, zip);
writeExport(files, folder);

test("1: validate a Takeout zip: summary, exit 0; --json gives the core's report", () => {
  const r = run("validate", zip);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /weight: \d+ records in 37 file\(s\)/);
  assert.match(r.out, /time zone: America\/New_York \(Profile\.csv\)/);
  assert.match(r.out, /weight unit: lb \(decided by weight\.csv\)/);
  const j = run("validate", zip, "--json");
  assert.equal(j.code, 0);
  assert.equal(JSON.parse(j.out).kinds[0].kind, "weight");
});

test("2: distinct exit codes: missing path 3, not a zip 4, a zip without Fitbit 4, no weight 5, bad zone 7, usage 2", () => {
  assert.equal(run("validate", join(work, "nope.zip")).code, 3);
  const junk = join(work, "junk.zip");
  writeFileSync(junk, "not a zip at all");
  const notZip = run("validate", junk);
  assert.equal(notZip.code, 4);
  assert.match(notZip.err, /not a readable zip/);
  const other = join(work, "other.zip");
  writeExport([{ name: "Takeout/Google Photos/a.json", data: "{}" }], other);
  const o = run("validate", other);
  assert.equal(o.code, 4);
  assert.match(o.err, /no Fitbit export/);
  const noWeight = join(work, "noweight.zip");
  writeExport(files.filter((f) => f.name.endsWith("Profile.csv")), noWeight);
  assert.equal(run("validate", noWeight).code, 5);
  const c = run("convert", noWeight, "-o", join(work, "nw"));
  assert.equal(c.code, 5);
  assert.match(c.err, /no weight records/);
  // Only files it skips: each is named, with why (helper finding: a CSV-only export named none).
  const csvOnly = join(work, "csvonly.zip");
  writeExport([{ name: "Takeout/Google Health/Physical Activity_GoogleData/Floors/floors_2026-09-01.csv", data: "timestamp,floors,data source\n2026-09-01T06:00:00Z,1,Pixel Watch 3\n" }], csvOnly);
  const s = run("convert", csvOnly, "-o", join(work, "csv"));
  assert.equal(s.code, 5);
  assert.match(s.out, /skipped files \(1\)/);
  assert.match(s.out, /floors_2026-09-01\.csv/);
  assert.match(s.err, /listed above/);
  // Records there, none readable: said so, with the reasons (helper finding: "no weight records").
  const unreadable = join(work, "unreadable.zip");
  writeExport([{ name: "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json", data: '[{"logId":1,"weight":"194.5","date":"01/04/23","time":"11:00:00"}]' }], unreadable);
  const u = run("convert", unreadable, "-o", join(work, "unreadable"));
  assert.equal(u.code, 5);
  assert.match(u.out, /problems \(1\):\n {4}.*weight-2023-01-01\.json#0: field 'weight' is missing or not a positive number/);
  assert.match(u.err, /no readable weight records .*\(1 record\(s\) could not be read; the first reasons are listed above\)/);
  assert.equal(run("convert", zip, "-o", join(work, "x"), "--tz", "Mars/Olympus_Mons").code, 7);
  assert.equal(run("convert", zip).code, 2);
  assert.equal(run("convert", zip, "-o", join(work, "x"), "--weight-unit", "stone").code, 2);
  assert.equal(run("frobnicate").code, 2);
});

test("3: convert from the zip and from the unpacked folder write the same bytes; every FIT decodes", () => {
  const a = join(work, "out-zip");
  const b = join(work, "out-folder");
  const ra = run("convert", zip, "-o", a);
  assert.equal(ra.code, 0, ra.err);
  assert.match(ra.out, /weigh-ins in \d+ FIT file\(s\)/);
  assert.equal(run("convert", join(folder, "Takeout"), "-o", b).code, 0);
  const names = listFiles(a);
  assert.deepEqual(listFiles(b), names);
  for (const n of names) assert.deepEqual(readFileSync(join(b, n)), readFileSync(join(a, n)), n);
  for (const n of names.filter((x) => x.endsWith(".fit"))) decodeWeightFit(readFileSync(join(a, n)));
});

// The export of test 4's row 3: Profile.csv names its zone in lower case, which Intl (the page)
// takes as it is; the CLI read only the installed spelling and exited 7.
const lowerZone = files.map((f) => (f.name.endsWith("Profile.csv") ? { ...f, data: String(f.data).replace("America/New_York", "america/new_york") } : f));
const lowerZip = join(work, "lower-zone.zip");
writeExport(lowerZone, lowerZip);

// An export whose only timed records are weight.csv's UTC instants, its Profile.csv naming a zone.
const utcOnly = [
  { name: "Takeout/Fitbit/Your Profile/Profile.csv", data: "id,timezone,height\nX,America/New_York,175\n" },
  { name: "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv", data: "timestamp,weight grams,data source\n2023-01-05T12:30:00Z,80000.0,Aria\n2023-01-06T12:31:00Z,80100.0,Aria\n" },
];
const utcOnlyFolder = join(work, "utc-only");
writeExport(utcOnly, utcOnlyFolder);
const nowSec = Math.floor(Date.now() / 1000);

test("4: native CLI and WASM core give byte-identical outputs (system zoneinfo vs Intl transitions)", () => {
  for (const [n, zone, opts, input, source] of [
    [1, null, {}, files, zip],
    [2, "Australia/Sydney", { "--weight-unit": "lb" }, files, zip],
    [3, null, {}, lowerZone, lowerZip],
    // Helper finding: records with no local time (weight.csv only) gave the CLI no zone at all,
    // so its manifest named none (or warned that none was given) where the page's names one.
    [4, null, {}, utcOnly, utcOnlyFolder],
    [5, "Europe/Berlin", {}, utcOnly, utcOnlyFolder],
  ]) {
    const dir = join(work, `native-${n}`);
    const args = ["convert", source, "-o", dir];
    if (zone) args.push("--tz", zone);
    for (const [k, v] of Object.entries(opts)) args.push(k, v);
    const r = run(...args);
    assert.equal(r.code, 0, `row ${n}: ${r.err}`);
    const report = JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, input))));
    const z = zone ?? report.timeZone.name;
    const options = {
      weightUnit: opts["--weight-unit"] ?? "auto",
      // --tz is the person's choice (explicit); without it the CLI follows the export (Profile.csv).
      // Without local-time records there is no range: one offset, now (as the page sends it).
      timeZone: { ...timeZoneOption(z, report.transitionsRange?.from ?? nowSec, report.transitionsRange?.to ?? nowSec), explicit: zone !== null },
    };
    const wasm = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, input)));
    assert.deepEqual(listFiles(dir), wasm.files.map((f) => f.name).sort());
    for (const f of wasm.files) {
      assert.deepEqual(new Uint8Array(readFileSync(join(dir, f.name))), f.data, `row ${n}: ${f.name}`);
      if (f.name.endsWith(".fit")) decodeWeightFit(f.data);
    }
  }
});

// Tests 5 and 6: a GPS run (logId 4001) and its track, from steps.json case 23.
const tcx = JSON.parse(readFileSync(join(root, "tests/cases/steps.json"), "utf8")).cases.find((c) => c.n === 23).files.find((f) => f.name === "Takeout/Fitbit/Activities/4001.tcx").text;
const exercise = '[{"logId":4001,"activityName":"Run","activityTypeId":90009,"averageHeartRate":120,"calories":200,"duration":1800000,"activeDuration":1800000,"logType":"tracker","startTime":"01/02/23 15:00:00","hasGps":true,"distance":3.2,"distanceUnit":"Kilometer"}]';

test("5: two zips holding one track twice, empty in the first: the CLI reads the copy that holds it, as ts_convert does", () => {
  const base = generateExport({ seed: 22, years: 1, perWeek: 2, workoutsPerWeek: 0 }).filter((f) => !/exercise-|\.tcx$/.test(f.name));
  // In the order the CLI reads them: the path that sorts first ('Takeout 2/') twice, empty in
  // the first zip; then the other path. A map of sizes by path gave both copies the second's.
  const first = join(work, "part-1.zip");
  const second = join(work, "part-2.zip");
  writeExport([...base, { name: "Takeout/Fitbit/Global Export Data/exercise-5000.json", data: exercise }, { name: "Takeout 2/Fitbit/Activities/4001.tcx", data: "" }], first);
  writeExport([{ name: "Takeout 2/Fitbit/Activities/4001.tcx", data: tcx }, { name: "Takeout/Fitbit/Activities/4001.tcx", data: tcx }], second);
  const dir = join(work, "two-parts");
  const r = run("convert", first, second, "-o", dir, "--kinds", "workouts");
  assert.equal(r.code, 0, r.err);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  const run4001 = manifest.files.find((f) => f.logId === 4001);
  assert.equal(run4001?.gps, true, "the workout keeps its map");
});

test("6: one path in two zips, empty in one and whole in the other: the same outputs in either order, the workout with its map", () => {
  const base = generateExport({ seed: 23, years: 1, perWeek: 2, workoutsPerWeek: 0 }).filter((f) => !/exercise-|\.tcx$/.test(f.name));
  // A Takeout part that cut the track off holds it empty; the next part holds it whole. Which
  // part is named first must not decide whether the run keeps its map (before, the first copy
  // was read: the run came out without GPS when the part with the empty copy came first).
  const cut = join(work, "cut.zip");
  const whole = join(work, "whole.zip");
  const path = "Takeout/Fitbit/Activities/4001.tcx";
  writeExport([...base, { name: "Takeout/Fitbit/Global Export Data/exercise-5000.json", data: exercise }, { name: path, data: "" }], cut);
  writeExport([{ name: path, data: tcx }], whole);
  const outputs = [];
  for (const [n, zips] of [[1, [cut, whole]], [2, [whole, cut]]]) {
    const dir = join(work, `order-${n}`);
    const r = run("convert", ...zips, "-o", dir, "--kinds", "workouts");
    assert.equal(r.code, 0, r.err);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.equal(manifest.files.find((f) => f.logId === 4001)?.gps, true, `order ${n}: the workout keeps its map`);
    assert.deepEqual(manifest.skippedFiles.map((s) => [s.code, s.paths]), [["repeated", [path]]], `order ${n}: the other copy is named as repeated`);
    outputs.push(Object.fromEntries(listFiles(dir).map((p) => [p, readFileSync(join(dir, p)).toString("base64")])));
  }
  assert.deepEqual(outputs[1], outputs[0], "the same files, byte for byte, in either order");
});

// Helper finding: a folder given with a trailing slash (as shell completion writes it) named
// its files without the folder's own name, so the manifest differed from the page's; given as
// "." every path began with "./" and was skipped as unsafe: no export found (numbered rows).
test("7: a folder named as 'dir', 'dir/', '.' or '../dir' is read the same: its files named under the folder's own name", () => {
  const parent = join(work, "named");
  writeExport(utcOnly, join(parent, "unz"));
  const want = `unz/${utcOnly[0].name}`;
  for (const [n, cwd, arg] of [
    [1, parent, "unz"],
    [2, parent, "unz/"],
    [3, join(parent, "unz"), "."],
    [4, join(parent, "unz", "Takeout"), "../"],
  ]) {
    const r = spawnSync(script, ["files", arg, "--json"], { encoding: "utf8", cwd });
    assert.equal(r.status, 0, `row ${n}: ${r.stderr}`);
    const listed = JSON.parse(r.stdout).files.map((f) => f.path);
    assert.ok(listed.includes(want), `row ${n} (${arg}): ${listed.join(", ")}`);
  }
});

// Helper finding: given parts 1 and 3 of a Takeout, the CLI converted what they held and said
// nothing of part 2, where the page names it (public/js/takeout-parts.js: the same rule).
test("8: Takeout parts with a gap below the highest given: the CLI warns which are missing, still reads them, and the manifest and IMPORT.txt say them (numbered rows)", () => {
  const parts = generateExport({ seed: 24, years: 1, perWeek: 2, workoutsPerWeek: 0 });
  const stamp = "takeout-20240101T000000Z";
  for (const n of ["001", "002", "003"]) writeExport(parts.filter((_, i) => i % 3 === Number(n) - 1), join(work, `${stamp}-${n}.zip`));
  const part = (n) => join(work, `${stamp}-${n}.zip`);
  for (const [row, given, said] of [
    [1, ["001", "003"], /warning: part 2 of takeout-20240101T000000Z is missing/],
    [2, ["003"], /warning: parts 1 and 2 of takeout-20240101T000000Z are missing/],
    [3, ["001", "002", "003"], null],
    [4, ["001"], null], // a lone part 1: Google does not say how many there are
  ]) {
    const r = run("validate", ...given.map(part));
    assert.equal(r.code, 0, `row ${row}: ${r.err}`);
    if (said) assert.match(r.err, said, `row ${row}`);
    else assert.doesNotMatch(r.err, /missing/, `row ${row}`);
    // And in what convert writes (helper finding: only the terminal said it; the zip did not).
    const out = join(work, `parts-8-${row}`);
    const c = run("convert", ...given.map(part), "-o", out);
    // Said once in the terminal: at load (stderr), not again with the manifest's warnings.
    if (said) assert.match(c.err, said, `row ${row}`);
    assert.doesNotMatch(c.out, /not given|is missing|are missing/, `row ${row}: said twice`);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const importTxt = readFileSync(join(out, "IMPORT.txt"), "utf8");
    if (said) {
      assert.match(manifest.warnings[0], /^Parts? [\d, and]+ of takeout-20240101T000000Z (was|were) not given\./, `row ${row}: ${c.err}`);
      assert.match(importTxt, /\n1\. Before importing: Parts? /, `row ${row}`);
    } else {
      assert.doesNotMatch(JSON.stringify(manifest.warnings) + importTxt, /not given/, `row ${row}`);
    }
  }
});

test("9: local-time records and no zone named: this machine's zone (TZ) fills in and the summary says so; with none there either, exit 7 asking for --tz (numbered rows)", () => {
  // Helper finding: the CLI read them as UTC, shifting every weigh-in by the person's offset
  // (some onto another day) without a word, where the page's field starts at the device's zone.
  const archive = generateExport({ seed: 25, years: 1, perWeek: 1, layout: "account-archive" });
  const takeout = generateExport({ seed: 25, years: 1, perWeek: 1 });
  const withZoneCell = (cell) =>
    takeout.map((f) => (f.name.endsWith("Profile.csv") ? { ...f, data: f.data.replace(/,America\/New_York,/, `,${cell},`) } : f));
  const csvOnly = takeout.filter((f) => f.name.endsWith("weight.csv"));
  const weightFit = (out) => readdirSync(join(out, "weight")).map((n) => readFileSync(join(out, "weight", n)).toString("base64")).join();
  for (const [row, why, exportFiles, args, tz, code, said] of [
    [1, "the account archive never has Profile.csv: the machine's zone", archive, [], "America/New_York", 0, /the export names none that can be read; this machine's \(America\/New_York\)/],
    [2, "nor a zone on the machine: exit 7", archive, [], "Not/AZone", 7, /Pass --tz/],
    [3, "--tz chooses, whatever the machine's", archive, ["--tz", "America/New_York"], "Not/AZone", 0, null],
    [4, "Profile.csv's timezone cell empty: the machine's", withZoneCell(""), [], "Europe/Berlin", 0, /this machine's \(Europe\/Berlin\)/],
    [5, "Profile.csv's timezone not a zone name, nor the machine's: exit 7", withZoneCell("GMT-05:00"), [], "Not/AZone", 7, /Pass --tz/],
    [6, "Profile.csv names the zone: it, not the machine's", takeout, [], "Europe/Berlin", 0, null],
    [7, "weight.csv only: every record a UTC instant, no zone needed", csvOnly, [], "Not/AZone", 0, null],
    [8, "review finding: TZ as a path into zoneinfo (a glibc form) names its zone", archive, [], ":/usr/share/zoneinfo/Europe/Berlin", 0, /this machine's \(Europe\/Berlin\)/],
    [9, "review finding: a zoneinfo file that is no zone (zone.tab) is none, and the message names TZ", archive, [], "zone.tab", 7, /TZ is 'zone\.tab', not a zone name/],
    [10, "helper finding: Profile.csv names a zone this machine does not know: exit 7 naming Profile.csv and --tz", withZoneCell("Mars/Olympus_Mons"), [], "Europe/Berlin", 7, /unknown time zone 'Mars\/Olympus_Mons' .*, which the export's Profile\.csv names\. Pass --tz/],
  ]) {
    const dir = join(work, `zone-${row}`);
    writeExport(exportFiles, dir);
    const out = join(work, `zone-${row}-out`);
    const r = spawnSync(script, ["convert", dir, "-o", out, ...args], { encoding: "utf8", env: { ...process.env, TZ: tz } });
    assert.equal(r.status, code, `row ${row} (${why}): ${r.stderr}`);
    if (said) assert.match(code === 7 ? r.stderr : r.stdout, said, `row ${row}`);
    else assert.doesNotMatch(r.stdout, /this machine's/, `row ${row}`);
    if (code === 7) assert.throws(() => statSync(out), `row ${row}: nothing written`);
  }
  // Row 1 wrote what --tz America/New_York writes (row 3): the weigh-ins at New York's times.
  assert.equal(weightFit(join(work, "zone-1-out")), weightFit(join(work, "zone-3-out")));
});

test("10: convert says on stdout what it did not convert — records skipped (the first five, then how many more) and files not read (numbered rows)", () => {
  // Helper finding: a weight file that was not JSON and records without a weight were named
  // only inside manifest.json; the CLI's summary said nothing of them.
  const base = generateExport({ seed: 26, years: 1, perWeek: 1, junk: true });
  const broken = (n) => Array.from({ length: n }, (_, i) => ({ name: `Takeout/Fitbit/Global Export Data/weight-2019-0${i + 1}-01.json`, data: "[{\"logId\":1,\"date\":\"01/01/19\",\"time\":\"08:00:00\"}]" }));
  for (const [row, why, extra, said, notSaid] of [
    [1, "one record without a weight: named with its file and record", broken(1), [/skipped: .*weight-2019-01-01\.json record 0: field 'weight' is missing/], [/more \(manifest/]],
    [2, "seven: the first five, then '2 more'", broken(7), [/skipped: .*weight-2019-05-01\.json record 0/, /skipped: 2 more \(manifest\.json's "skipped" lists each and why\)/], [/weight-2019-06-01\.json record/]],
    [3, "files of no kind the export holds: counted with the reason", [], [/not read: 3 file\(s\): a file of no kind TrackerSync converts \(Fitbit's goals/], []],
  ]) {
    const dir = join(work, `said-${row}`);
    writeExport([...base, ...extra], dir);
    const r = run("convert", dir, "-o", join(work, `said-${row}-out`));
    assert.equal(r.code, 0, `row ${row} (${why}): ${r.err}`);
    for (const re of said) assert.match(r.out, re, `row ${row}: ${why}`);
    for (const re of notSaid) assert.doesNotMatch(r.out, re, `row ${row}: ${why}`);
  }
});

test("11: a damaged or cut-off zip, a .tgz, a zip of a zip and one with a password say what to do (numbered rows)", async () => {
  // Helper findings: a member with one changed digit was converted as it stood (its CRC-32 was
  // never compared); a .tgz and a cut-off zip got only "Not a zip archive".
  const { zipSync } = await import("fflate");
  const { gzipSync } = await import("node:zlib");
  const enc = new TextEncoder();
  const small = generateExport({ seed: 27, years: 1, perWeek: 1 });
  const stored = zipSync(Object.fromEntries(small.map((f) => [f.name, [typeof f.data === "string" ? enc.encode(f.data) : f.data, { level: 0 }]])));
  const damaged = Buffer.from(stored);
  const at = damaged.indexOf('"weight":');
  assert.ok(at > 0);
  const digit = at + '"weight":'.length;
  damaged[digit] = damaged[digit] === 0x31 ? 0x32 : 0x31;
  // A zip made with a password (zip.js, as a person's zip program would): libzip said only "No
  // password provided" (helper finding).
  const { ZipWriter, Uint8ArrayReader, Uint8ArrayWriter, configure } = await import("@zip.js/zip.js");
  configure({ useWebWorkers: false });
  const locked = new ZipWriter(new Uint8ArrayWriter(), { password: "secret" });
  for (const f of small) await locked.add(f.name, new Uint8ArrayReader(typeof f.data === "string" ? enc.encode(f.data) : f.data));
  const encrypted = Buffer.from(await locked.close());
  for (const [row, why, name, bytes, said] of [
    [1, "one changed digit in a stored member", "damaged.zip", damaged, /its bytes do not match the zip's own checksum or size .* Download the export again/],
    [2, "a .tgz Takeout", "takeout.tgz", gzipSync(Buffer.from("a tar's bytes")), /It is a gzip file \(a \.tgz Takeout\?\): extract it/],
    [3, "a zip cut off early", "cut.zip", Buffer.from(stored).subarray(0, Math.floor(stored.length * 0.6)), /If the download stopped early, download it again/],
    [4, "a Takeout zip zipped again", "outer.zip", zipSync({ "takeout-001.zip": stored }), /it holds another archive, (outer\/)?takeout-001\.zip: unpack it and give that instead/],
    [5, "a zip with a password", "locked.zip", encrypted, /the zip is protected by a password\. Unzip it with its password/],
  ]) {
    const file = join(work, name);
    writeFileSync(file, bytes);
    const r = run("convert", file, "-o", join(work, `broken-${row}`));
    assert.notEqual(r.code, 0, `row ${row} (${why})`);
    assert.match(r.err, said, `row ${row} (${why})`);
  }
  // Row 6, helper finding on a real export: a folder holding the Takeout zip was told to "unpack
  // it"; the CLI reads that zip when its path is given.
  mkdirSync(join(work, "folder-6", "data"), { recursive: true });
  writeFileSync(join(work, "folder-6", "data", "takeout-001.zip"), stored);
  const r6 = run("convert", join(work, "folder-6"), "-o", join(work, "broken-6"));
  assert.notEqual(r6.code, 0, "row 6");
  assert.match(r6.err, /it holds another archive, .*takeout-001\.zip: give that path instead/, "row 6");
  assert.equal(run("convert", join(work, "folder-6", "data", "takeout-001.zip"), "-o", join(work, "folder-6-out")).code, 0, "row 6: that path converts");
  // The same zip undamaged converts.
  writeFileSync(join(work, "whole.zip"), stored);
  assert.equal(run("convert", join(work, "whole.zip"), "-o", join(work, "whole-out")).code, 0);
});

// Helper finding: a weight file given twice, '[]' in the first part and the month's weigh-ins
// in the second, was read from the first copy with any bytes: the weigh-ins were lost without
// a word. The largest copy is read, as the core's file table reads it (steps.json case 41).
test("12: one weight file in two zips, '[]' in one and the weigh-ins in the other: the weigh-ins are converted, in either order", () => {
  const path = "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json";
  const records = JSON.stringify([1, 2, 3].map((d) => ({ logId: 1672560000000 + d * 86400000, weight: 180 - d, bmi: 25, date: `01/0${d}/23`, time: "08:00:00", source: "Aria" })));
  const profile = { name: "Takeout/Fitbit/Your Profile/Profile.csv", data: "id,timezone,height\nA1,UTC,180.0\n" };
  const empty = join(work, "weight-empty.zip");
  const full = join(work, "weight-full.zip");
  writeExport([profile, { name: path, data: "[]" }], empty);
  writeExport([{ name: path, data: records }], full);
  for (const [n, zips] of [[1, [empty, full]], [2, [full, empty]]]) {
    const dir = join(work, `weight-order-${n}`);
    const r = run("convert", ...zips, "-o", dir);
    assert.equal(r.code, 0, r.err);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.equal(manifest.weighIns.json, 3, `order ${n}: every weigh-in read`);
    assert.deepEqual(manifest.skippedFiles.map((s) => [s.code, s.paths]), [["repeated", [path]]], `order ${n}: the other copy named as repeated`);
  }
});

// Helper finding: converting again into the folder of an earlier run (another --tz, as the CLI
// itself advises) wrote beside that run's files: workouts at other local dates were left twice
// in activities/, both imported, while the manifest named one. The earlier conversion's files
// are replaced; a folder holding anything else is refused (exit 6) and left as it was.
test("13: a second convert into the same folder replaces the first; a folder with other files is refused, untouched (numbered rows)", () => {
  const dir = join(work, "again");
  const count = () => listFiles(dir).length;
  const named = () => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).files.length + 2;
  const first = run("convert", zip, "-o", dir, "--tz", "Asia/Tokyo");
  assert.equal(first.code, 0, first.err);
  assert.equal(count(), named(), "row 1: the first run writes what its manifest names");
  const second = run("convert", zip, "-o", dir, "--tz", "America/Los_Angeles");
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /replacing the earlier conversion in .*again \(\d+ file\(s\) removed\)/, "row 2: says it replaced");
  assert.equal(count(), named(), "row 2: only the second run's files are there");
  const fresh = join(work, "again-fresh");
  assert.equal(run("convert", zip, "-o", fresh, "--tz", "America/Los_Angeles").code, 0);
  const bytes = (d) => listFiles(d).map((p) => [p, readFileSync(join(d, p)).toString("base64")]);
  assert.deepEqual(bytes(dir), bytes(fresh), "row 3: the same files, byte for byte, as a run into a new folder");
  const sub = listFiles(dir).find((p) => p.includes("/")).split("/")[0]; // a folder the conversion wrote
  writeFileSync(join(dir, sub, "mine.fit"), "x");
  const before = count();
  const third = run("convert", zip, "-o", dir);
  assert.equal(third.code, 6, "row 4: another file beside the conversion: refused");
  assert.ok(third.err.includes(`holds an earlier TrackerSync conversion and other files (such as ${sub}/mine.fit): give a new or empty folder`), third.err);
  assert.equal(count(), before, "row 4: nothing removed");
  const other = join(work, "not-ours");
  writeExport([{ name: "notes.txt", data: "mine" }], other);
  const fourth = run("convert", zip, "-o", other);
  assert.equal(fourth.code, 6, "row 5: a folder of other files: refused");
  assert.match(fourth.err, /is not empty and holds no earlier TrackerSync conversion: give a new or empty folder/);
});

// Helper finding: an export unpacked elsewhere and linked into the folder given ("Takeout" a
// symlink) was "0 files looked at", exit 4. A linked folder is read as the folder it is, under
// the name it has where it is linked; a link back up is not followed twice; a link to nothing
// is no file.
test("14: folders a symlink names are read, each folder once (numbered rows)", () => {
  const linked = join(work, "linked");
  mkdirSync(linked);
  symlinkSync(join(folder, "Takeout"), join(linked, "Takeout"));
  symlinkSync(linked, join(linked, "Takeout", "Fitbit", "loop")); // inside the export, up to the folder given
  symlinkSync(join(work, "nothing-here"), join(linked, "broken"));
  try {
    const list = (dir) => JSON.parse(run("files", dir, "--json").out).files.map((f) => f.path.slice(f.path.indexOf("/") + 1)).sort();
    assert.deepEqual(list(linked), list(folder), "row 1: the linked export's files, each once, named as where it is linked; the loop and the broken link add none");
    const out = (name) => join(work, name);
    assert.equal(run("convert", linked, "-o", out("linked-out"), "--tz", "Asia/Tokyo").code, 0, "row 2: it converts");
    assert.equal(run("convert", folder, "-o", out("real-out"), "--tz", "Asia/Tokyo").code, 0);
    const bytes = (d) => listFiles(d).map((p) => [p, readFileSync(join(d, p)).toString("base64")]);
    assert.deepEqual(bytes(out("linked-out")), bytes(out("real-out")), "row 2: the same files as from the folder itself");
    // Links to a folder that is also there without one, named before and after it: its files
    // go by the folder's own name, whichever the listing meets first (review finding: they
    // went by the first link met, "ZZZ/Fitbit/…").
    const both = join(work, "both");
    writeExport(utcOnly, both);
    symlinkSync(join(both, "Takeout"), join(both, "AAA"));
    symlinkSync(join(both, "Takeout"), join(both, "ZZZ"));
    const named = JSON.parse(run("files", both, "--json").out).files.map((f) => f.path);
    assert.deepEqual(named, utcOnly.map((f) => `both/${f.name}`).sort(), "row 3: every file once, under Takeout/");
  } finally {
    rmSync(join(folder, "Takeout", "Fitbit", "loop"));
  }
});

// Helper finding: a zip whose names begin with "./" or "/" (as some archivers write them) was
// "holds no Fitbit export", exit 4: every file was skipped as an unsafe path. The names are
// read without it, as the page reads them (public/js/archive-path.js).
test("15: a zip whose names begin with './' or '/' is read as the same export (numbered rows)", () => {
  const plain = JSON.parse(run("files", zip, "--json").out).files.map((f) => f.path);
  const bytes = (d) => listFiles(d).map((p) => [p, readFileSync(join(d, p)).toString("base64")]);
  assert.equal(run("convert", zip, "-o", join(work, "plain-out"), "--tz", "Asia/Tokyo").code, 0);
  for (const [n, prefix] of [[1, "./"], [2, "/"], [3, "././"]]) {
    const odd = join(work, `prefix-${n}.zip`);
    writeExport(files.map((f) => ({ ...f, name: prefix + f.name })), odd);
    assert.deepEqual(JSON.parse(run("files", odd, "--json").out).files.map((f) => f.path), plain, `row ${n}: the same paths`);
    const out = join(work, `prefix-${n}-out`);
    assert.equal(run("convert", odd, "-o", out, "--tz", "Asia/Tokyo").code, 0, `row ${n}`);
    assert.deepEqual(bytes(out), bytes(join(work, "plain-out")), `row ${n}: the same files`);
  }
});

// Helper finding on a real export: the offsets Google's list of workouts shows were printed as
// "UTC-07:00  0 weigh-in(s)"; each period now says what showed it.
test("16: validate's UTC offsets say what showed each: weigh-ins, workouts in Google's list, or both", () => {
  const g = generateExport({ seed: 31, years: 1, perWeek: 2, weightCsv: false, googleWorkouts: 6, zone: "America/Denver" });
  const folder = join(work, "offsets-16");
  writeExport(g, folder);
  const r = run("validate", folder);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split("\n").filter((l) => /^ {4}\d{4}-\d\d-\d\d \.\. \d{4}-\d\d-\d\d {2}UTC[+-]\d\d:\d\d/.test(l));
  assert.ok(lines.length > 0, r.out);
  for (const l of lines) assert.match(l, /UTC[+-]\d\d:\d\d {2}\d+ workouts?( {2}|$)/, l);
  assert.doesNotMatch(r.out, /0 weigh-in/);
});
