// The native CLI with every kind (--kinds, --skip-auto-detected) on a generated export with
// workouts, per-minute data and sleep: the same bytes as the WASM core for the same options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generateExport, writeExport } from "../../scripts/gen-takeout.mjs";
import { decodeBundle, encodeBundle } from "../../worker-shim/shared/bundle.js";
import { timeZoneOption } from "../../worker-shim/shared/tz.js";
import { core } from "./load-core.js";

const script = fileURLToPath(new URL("../../scripts/trackersync", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "ts-cli-kinds-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const run = (...args) => {
  const r = spawnSync(script, args, { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const listFiles = (dir) => {
  const out = [];
  const walk = (d) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : out.push(relative(dir, join(d, n)))));
  walk(dir);
  return out.sort();
};

const files = generateExport({ seed: 5, years: 0.4, perWeek: 2, workoutsPerWeek: 3, minuteDays: 31, start: "2024-02-20" });
const zip = join(work, "takeout.zip");
writeExport(files, zip);

test("1: validate lists workouts, daily and the not-importable kinds", () => {
  const r = run("validate", zip);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /workouts: \d+ records in \d+ file\(s\)/);
  // Per-minute and sleep files are counted and dated by their names: the report reads none.
  assert.match(r.out, /daily: 14 file\(s\), 2024-02-20 .. within a month after 2024-03-21\n/);
  assert.match(r.out, /sleep: 2 file\(s\), 2024-02-20 .. within a month after 2024-03-21 \(not importable; see reference\/\)/);
});

test("2: every kind, native = WASM byte for byte; --kinds limits the outputs", () => {
  for (const [kinds, skipAuto] of [[null, false], ["workouts,daily", true]]) {
    const dir = join(work, `out-${kinds ?? "all"}`);
    const args = ["convert", zip, "-o", dir];
    if (kinds) args.push("--kinds", kinds);
    if (skipAuto) args.push("--skip-auto-detected");
    const r = run(...args);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /workouts: \d+ activity FIT file\(s\)/);
    const report = JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, files))));
    const options = { weightUnit: "auto", timeZone: timeZoneOption(report.timeZone.name, report.transitionsRange.from, report.transitionsRange.to) };
    if (kinds) options.kinds = kinds.split(",");
    if (skipAuto) options.includeAutoDetected = false;
    const wasm = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, files)));
    const names = listFiles(dir);
    assert.deepEqual(names, wasm.files.map((f) => f.name).sort());
    for (const f of wasm.files) assert.deepEqual(new Uint8Array(readFileSync(join(dir, f.name))), f.data, f.name);
    if (kinds) assert.ok(names.every((n) => /^(manifest\.json|IMPORT\.txt|activities\/|csv\/)/.test(n)), names.join(" "));
    else assert.ok(names.some((n) => n.startsWith("weight/")) && names.some((n) => n.startsWith("reference/")));
  }
  assert.equal(run("convert", zip, "-o", join(work, "bad"), "--kinds", "weight,naps").code, 2);
});

test("3: records years ahead of today (a device clock set wrong) give the native CLI the page's bytes: both cut the zone's rules at the end of the year after next (helper finding: the CLI read them on into 2038)", () => {
  const ahead = new Date().getUTCFullYear() + 4;
  const future = generateExport({ seed: 9, years: 0.6, perWeek: 4, start: `${ahead}-09-01`, zone: "America/Los_Angeles" });
  const dir = join(work, "out-ahead");
  const futureZip = join(work, "ahead.zip");
  writeExport(future, futureZip);
  const r = run("convert", futureZip, "-o", dir);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(new TextDecoder().decode(core.callBytes("ts_validate", encodeBundle(null, future))));
  const options = { weightUnit: "auto", timeZone: timeZoneOption(report.timeZone.name, report.transitionsRange.from, report.transitionsRange.to) };
  const wasm = decodeBundle(core.callBytes("ts_convert", encodeBundle(options, future)));
  assert.deepEqual(listFiles(dir), wasm.files.map((f) => f.name).sort());
  for (const f of wasm.files) assert.deepEqual(new Uint8Array(readFileSync(join(dir, f.name))), f.data, f.name);
});
