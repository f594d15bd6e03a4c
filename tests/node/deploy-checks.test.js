// The deploy's checks (scripts/lib/deploy/): each is fed the committed config or code and one
// change that must fail it. The dry run itself, on the real bundle, runs in ./scripts/test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkAssets, checkBundle, measureBundle } from "../../scripts/lib/deploy/bundle-check.mjs";
import { PLANS } from "../../scripts/lib/deploy/plans.mjs";
import { envNamesIn, envNamesUsed } from "../../scripts/lib/deploy/code-bindings.mjs";
import {
  UNRESOLVED_ID, accountResources, checkBindings, checkPlan, checkIds, deployConfig, readConfigFile, resourceKey,
} from "../../scripts/lib/deploy/deploy-config.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEV_PATH = path.join(ROOT, "wrangler.toml");
const OUT = path.join(ROOT, "build/deploy");
const WASM = path.join(ROOT, "worker-shim/generated/core.wasm");
const dev = readConfigFile(DEV_PATH);
const used = envNamesUsed(path.join(ROOT, "worker-shim"), ROOT);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), "ts-deploy-check-"));

const D1_ID = "3f2a9c1e-5b7d-4e8f-9a01-23456789abcd";
const KV_ID = "0123456789abcdef0123456789abcdef";
const accountIds = () => new Map(accountResources(dev).map((r) => [resourceKey(r), r.kind === "d1" ? D1_ID : KV_ID]));
const standIns = () => new Map(accountResources(dev).map((r) => [resourceKey(r), UNRESOLVED_ID[r.kind]]));
const config = (ids = accountIds(), d = dev) => deployConfig(d, { devPath: DEV_PATH, outDir: OUT, ids, secrets: ["COOKIE_SECRET"] });

// --- which env names the code reads ---

test("1: envNamesIn finds every way code reads a binding, and nothing else", () => {
  const src = `
    env.DB.prepare(); this.env.RATE_LIMIT_DO; ctx.env?.UPLOAD_MAX_BYTES; env["COOKIE_SECRET"];
    const { DEGRADED_KV, ASSETS: assets, OPS_HEADER = "" } = ctx.env;
    env.lowercase; environment.NOT_ENV; myenv.NOPE; const { x } = other;`;
  assert.deepEqual([...envNamesIn(src)].sort(), ["ASSETS", "COOKIE_SECRET", "DB", "DEGRADED_KV", "OPS_HEADER", "RATE_LIMIT_DO", "UPLOAD_MAX_BYTES"]);
});

test("2: the Worker's code reads the bindings the README and index.js name (found, not listed by hand)", () => {
  for (const name of ["DB", "RATE_LIMIT_DO", "DEGRADED_KV", "ASSETS", "COOKIE_SECRET", "LIMITER_POLICY", "UPLOAD_MAX_BYTES"]) {
    assert.ok(used.has(name), `env.${name} not found in worker-shim`);
  }
  // The web page (public/) is not Worker code.
  for (const files of used.values()) assert.ok(files.every((f) => !f.includes("/public/")), files.join());
});

// --- the deploy config ---

test("3: the committed wrangler.toml, deployed with the account's ids, passes every config check", () => {
  const cfg = config();
  assert.deepEqual([...checkBindings(used, cfg, dev), ...checkIds(cfg, dev, { dryRun: false }), ...checkPlan(cfg)], []);
  assert.equal(cfg.d1_databases[0].database_id, D1_ID);
  assert.equal(cfg.kv_namespaces[0].id, KV_ID);
  assert.equal(cfg.keep_vars, true);
  assert.deepEqual(cfg.secrets, { required: ["COOKIE_SECRET"] });
  // Paths point from build/deploy back at the sources.
  assert.equal(path.resolve(OUT, cfg.main), path.join(ROOT, "worker-shim/index.js"));
  assert.equal(path.resolve(OUT, cfg.assets.directory), path.join(ROOT, "worker-shim/public"));
  assert.equal(path.resolve(OUT, cfg.d1_databases[0].migrations_dir), path.join(ROOT, "d1-migrations"));
  // Empty vars are left to the dashboard: no [vars] that would reset them on each deploy.
  assert.equal(cfg.vars, undefined);
});

test("4: a binding the code reads but the deploy config lacks fails, naming the binding and the file", () => {
  const cfg = config();
  cfg.kv_namespaces = [];
  const problems = checkBindings(used, cfg, dev);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^env\.DEGRADED_KV is read by worker-shim\/\S*ops\.js.* no binding, var or secret named DEGRADED_KV/);
});

test("5: a binding new in the code, with no config, fails", () => {
  const dir = tmp();
  try {
    writeFileSync(path.join(dir, "feature.js"), "export const f = (env) => env.GARMIN_API_KEY;\n");
    const more = new Map([...used, ...envNamesUsed(dir, dir)]);
    assert.deepEqual(checkBindings(more, config(), dev).map((p) => p.split(" ")[0]), ["env.GARMIN_API_KEY"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("6: a secret the code reads but the deploy does not require fails", () => {
  const cfg = deployConfig(dev, { devPath: DEV_PATH, outDir: OUT, ids: accountIds(), secrets: [] });
  assert.deepEqual(checkBindings(used, cfg, dev).map((p) => p.split(" ")[0]), ["env.COOKIE_SECRET"]);
});

test("7: a deploy config still holding wrangler.toml's placeholder ids fails, for each", () => {
  const problems = checkIds(config(new Map()), dev, { dryRun: true });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /d1_databases\[0\]\.database_id \(DB\) is still the placeholder "5b0c1e7a-0000-4000-8000-000000000001"/);
  assert.match(problems[1], /kv_namespaces\[0\]\.id \(DEGRADED_KV\) is still the placeholder "0000000000000000000000000000d00d"/);
});

test("8: a resource kind the deploy does not resolve keeps its id, and fails as a placeholder", () => {
  const withHyperdrive = { ...dev, hyperdrive: [{ binding: "HYPERDRIVE", id: "aaaabbbbccccddddeeeeffff00001111" }] };
  const problems = checkIds(config(accountIds(), withHyperdrive), withHyperdrive, { dryRun: false });
  assert.deepEqual(problems, ['hyperdrive[0].id (HYPERDRIVE) is still the placeholder "aaaabbbbccccddddeeeeffff00001111" from wrangler.toml: the deploy does not know how to find this resource in the account.']);
});

test("9: an id that is not an id's shape fails", () => {
  const ids = accountIds();
  ids.set(resourceKey(accountResources(dev)[0]), "<paste the id of wrangler d1 create here>");
  assert.match(checkIds(config(ids), dev, { dryRun: false })[0], /database_id \(DB\) is "<paste.*not a Cloudflare id/);
});

test("10: the dry run's stand-in ids pass a dry run and fail a real deploy", () => {
  assert.deepEqual(checkIds(config(standIns()), dev, { dryRun: true }), []);
  const problems = checkIds(config(standIns()), dev, { dryRun: false });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /never resolved from the account/);
});

test("11: what the free plan refuses: a key-value Durable Object class, a class no migration creates, 6 crons, a CPU limit", () => {
  const cfg = config();
  assert.match(checkPlan({ ...cfg, migrations: [{ tag: "v1", new_classes: ["AtomicRateLimiter"] }] })[0], /AtomicRateLimiter is declared with new_classes/);
  assert.match(checkPlan({ ...cfg, migrations: [] })[0], /RATE_LIMIT_DO uses class AtomicRateLimiter, which no migration creates/);
  assert.deepEqual(checkPlan({ ...cfg, migrations: [...cfg.migrations, { tag: "v2", renamed_classes: [{ from: "AtomicRateLimiter", to: "Limiter" }] }], durable_objects: { bindings: [{ name: "L", class_name: "Limiter" }] } }), []);
  assert.match(checkPlan({ ...cfg, triggers: { crons: Array(6).fill("* * * * *") } })[0], /6 cron triggers; the free plan allows 5/);
  assert.match(checkPlan({ ...cfg, limits: { cpu_ms: 50 } })[0], /needs the paid plan.*--plan paid/);
  // The paid plan takes what the free plan refuses (docs/scaling.md).
  assert.deepEqual(checkPlan({ ...cfg, limits: { cpu_ms: 1000 }, triggers: { crons: Array(6).fill("* * * * *") } }, PLANS.paid), []);
});

// --- the bundle ---

// A bundle dir as wrangler's dry run writes it: index.js importing the core, the core, extras.
function bundleDir({ wasm = readFileSync(WASM), importIt = true, extra = null } = {}) {
  const dir = tmp();
  const name = "f72e9989c19df97259a16da96646ef8769c63dc5-core.wasm";
  if (wasm) writeFileSync(path.join(dir, name), wasm);
  writeFileSync(path.join(dir, "index.js"), `${importIt ? `import wasmModule from "./${name}";\n` : ""}export default {};\n`);
  writeFileSync(path.join(dir, "index.js.map"), "{}");
  writeFileSync(path.join(dir, "README.md"), "not uploaded");
  if (extra) writeFileSync(path.join(dir, "big.bin"), extra);
  return dir;
}

function bundleProblems(opts) {
  const dir = bundleDir(opts);
  try {
    return { bundle: measureBundle(dir), problems: checkBundle(measureBundle(dir), { wasmPath: WASM }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("12: a bundle with the core imported and under the limit passes; README and source map are not counted", () => {
  const { bundle, problems } = bundleProblems();
  assert.deepEqual(problems, []);
  assert.deepEqual(bundle.files.map((f) => f.name), ["f72e9989c19df97259a16da96646ef8769c63dc5-core.wasm", "index.js"]);
  assert.equal(bundle.raw, readFileSync(WASM).byteLength + bundle.main.bytes);
  assert.ok(bundle.gzip < bundle.raw);
});

test("13: no WASM module in the bundle fails", () => {
  assert.match(bundleProblems({ wasm: null, importIt: false }).problems[0], /no WASM module identical to core\.wasm/);
});

test("14: a WASM module that is not this build's core fails", () => {
  const stale = readFileSync(WASM);
  stale[stale.length - 1] ^= 0xff;
  assert.match(bundleProblems({ wasm: stale }).problems[0], /no WASM module identical to core\.wasm/);
});

test("15: the core in the bundle but not imported by index.js fails", () => {
  assert.match(bundleProblems({ importIt: false }).problems[0], /index\.js does not import .*core\.wasm/);
});

test("16: over the free plan's 3 MiB gzipped fails; the same bytes raw but compressible pass", () => {
  // Random bytes do not compress: enough of them to take this build's own gzipped bundle past
  // the limit, measured rather than guessed from the core's size.
  const over = PLANS.free.workerGzipBytes - bundleProblems({}).bundle.gzip;
  const noisy = bundleProblems({ extra: randomBytes(Math.ceil(over) + 64 * 1024) });
  assert.match(noisy.problems[0], /gzipped, over the free plan's 3072\.00 KiB limit/);
  const dir = bundleDir({ extra: randomBytes(Math.ceil(over) + 64 * 1024) });
  try {
    assert.deepEqual(checkBundle(measureBundle(dir), { wasmPath: WASM, plan: PLANS.paid }), [], "within the paid plan's 10 MiB");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const quiet = bundleProblems({ extra: Buffer.alloc(Math.ceil(over) + 64 * 1024) });
  assert.ok(quiet.bundle.raw > PLANS.free.workerGzipBytes);
  assert.deepEqual(quiet.problems, []);
});

test("17: static assets over the free plan's file count or file size fail", () => {
  const files = (n, bytes) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, bytes }));
  assert.deepEqual(checkAssets({ files: files(20_000, 10) }), []);
  assert.match(checkAssets({ files: files(20_001, 10) })[0], /20001 static asset files; the free plan takes 20000/);
  assert.match(checkAssets({ files: files(1, 25 * 1024 * 1024 + 1) })[0], /Static asset f0 is .* at most 25600\.00 KiB/);
});

// --- the command line, on configs that fail before anything is bundled ---

function fixtureConfig(edit) {
  const dir = tmp();
  const text = readFileSync(DEV_PATH, "utf8")
    .replace('main = "worker-shim/index.js"', `main = "${path.join(ROOT, "worker-shim/index.js")}"`)
    .replace('directory = "worker-shim/public"', `directory = "${path.join(ROOT, "worker-shim/public")}"`)
    .replace('migrations_dir = "d1-migrations"', `migrations_dir = "${path.join(ROOT, "d1-migrations")}"`);
  writeFileSync(path.join(dir, "wrangler.toml"), edit(text));
  return dir;
}

function dryRun(args) {
  const out = tmp();
  try {
    return spawnSync(process.execPath, [path.join(ROOT, "scripts/lib/deploy/main.mjs"), "--dry-run", "--out", out, ...args], {
      cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_WRANGLER: "/nonexistent/wrangler-must-not-run" },
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test("18: the dry run fails on a config with a resource it cannot resolve, before bundling", () => {
  const dir = fixtureConfig((t) => `${t}\n[[hyperdrive]]\nbinding = "HYPERDRIVE"\nid = "aaaabbbbccccddddeeeeffff00001111"\nlocalConnectionString = "postgres://u:p@localhost:5432/db"\n`);
  try {
    const r = dryRun(["--config", path.join(dir, "wrangler.toml")]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /FAIL {4}hyperdrive\[0\]\.id \(HYPERDRIVE\) is still the placeholder/);
    assert.match(r.stdout, /the account was not touched/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("19: the dry run fails on a config without a binding the code reads", () => {
  const dir = fixtureConfig((t) => t.replace(/\[\[kv_namespaces\]\][^[]*/, ""));
  try {
    const r = dryRun(["--config", path.join(dir, "wrangler.toml")]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /FAIL {4}env\.DEGRADED_KV is read by/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("20: --var with a name the config does not declare, or an unknown --plan, is a usage error", () => {
  const r = dryRun(["--var", "UPLOAD_MAX_BYTE:1000"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--var UPLOAD_MAX_BYTE:1000: expected NAME:VALUE with NAME one of OPS_HEADER, LIMITER_POLICY/);
  const plan = dryRun(["--plan", "gold"]);
  assert.equal(plan.status, 2);
  assert.match(plan.stderr, /--plan gold: expected one of free, paid/);
});
