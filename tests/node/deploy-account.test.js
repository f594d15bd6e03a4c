// scripts/deploy's account steps against a recorded wrangler (recorded-wrangler.mjs: the
// account API cannot be reached here). One account, runs in order: the first run creates
// everything, the second finds everything and changes nothing (the secret included), a --var
// is kept by later deploys, and no login means no change at all. The bundle step is the real
// wrangler's dry run (recorded once per config by the stand-in).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "ts-deploy-account-"));
const STATE = path.join(dir, "account.json");
const OUT = path.join(dir, "deploy");
after(() => rmSync(dir, { recursive: true, force: true }));

function deploy(args = [], { token = "recorded-token", state = STATE } = {}) {
  const env = {
    ...process.env,
    TS_WRANGLER: path.join(ROOT, "tests/node/recorded-wrangler.mjs"),
    RECORDED_WRANGLER_STATE: state,
    RECORDED_WRANGLER_REAL: path.join(ROOT, "node_modules/.bin/wrangler"),
    WRANGLER_SEND_METRICS: "false",
  };
  delete env.CLOUDFLARE_API_TOKEN;
  if (token) env.CLOUDFLARE_API_TOKEN = token;
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/lib/deploy/main.mjs"), "--out", OUT, ...args], { cwd: ROOT, env, encoding: "utf8" });
  return { ...r, output: r.stdout + r.stderr };
}

const account = (file = STATE) => JSON.parse(readFileSync(file, "utf8"));
const withoutCalls = ({ calls, ...rest }) => rest;
// The commands of the calls made since `from`, with whether each changed the account.
const callsSince = (from) => account().calls.slice(from).map((c) => `${c.changed ? "CHANGED " : ""}${c.argv.filter((a) => !a.includes("/")).join(" ")}`);
const MIGRATIONS = readdirSync(path.join(ROOT, "d1-migrations")).filter((f) => f.endsWith(".sql")).sort();

test("1: the first run creates the database and namespace, migrates, sets the secret, deploys", () => {
  const r = deploy();
  assert.equal(r.status, 0, r.output);
  const a = account();
  assert.deepEqual(a.d1.map((d) => d.name), ["trackersync"]);
  assert.deepEqual(a.kv.map((n) => n.title), ["trackersync-DEGRADED_KV"]);
  assert.deepEqual(a.migrations[a.d1[0].uuid], MIGRATIONS);
  const worker = a.workers.trackersync;
  assert.deepEqual(Object.keys(worker.secrets), ["COOKIE_SECRET"]);
  assert.equal(worker.secrets.COOKIE_SECRET.hex64, true, "a random 256-bit key, hex");
  const live = worker.versions.find((v) => v.id === worker.deployment.versions[0].version_id);
  assert.match(live.annotations["workers/tag"], /^ts-[0-9a-f]{16}$/);
  assert.deepEqual(worker.vars, {}, "no var set: every var is the code's default");
  assert.deepEqual(callsSince(0), [
    "d1 list --json", "CHANGED d1 create trackersync", "d1 list --json",
    "kv namespace list", "CHANGED kv namespace create trackersync-DEGRADED_KV", "kv namespace list",
    "CHANGED d1 migrations apply trackersync --remote --config",
    "secret list --name trackersync", "CHANGED secret put COOKIE_SECRET --name trackersync",
    "deployments status --name trackersync --json", `versions view ${worker.versions[1].id} --name trackersync --json`,
    `CHANGED deploy --config --tag ${live.annotations["workers/tag"]}`,
  ]);
  // The deploy config holds the account's ids, written where wrangler read them.
  const cfg = JSON.parse(readFileSync(path.join(OUT, "wrangler.json"), "utf8"));
  assert.equal(cfg.d1_databases[0].database_id, a.d1[0].uuid);
  assert.equal(cfg.kv_namespaces[0].id, a.kv[0].id);
  assert.match(r.stdout, /deploy: D1 database {2}"trackersync" created/);
  assert.match(r.stdout, /deploy: KV namespace "trackersync-DEGRADED_KV" created/);
  assert.match(r.stdout, /deploy: secret COOKIE_SECRET set to a random value/);
  assert.match(r.stdout, /deploy: Worker trackersync deployed \(version tag ts-/);
});

test("2: the second run finds everything and changes nothing", () => {
  const before = account();
  const r = deploy();
  assert.equal(r.status, 0, r.output);
  assert.deepEqual(withoutCalls(account()), withoutCalls(before));
  // Including the secret: the cookie key is never rotated by a deploy.
  assert.equal(account().workers.trackersync.secrets.COOKIE_SECRET.sha256, before.workers.trackersync.secrets.COOKIE_SECRET.sha256);
  assert.deepEqual(callsSince(before.calls.length).filter((c) => c.startsWith("CHANGED")), []);
  assert.match(r.stdout, /No migrations to apply!/);
  assert.match(r.stdout, /deploy: D1 database {2}"trackersync" found/);
  assert.match(r.stdout, /deploy: KV namespace "trackersync-DEGRADED_KV" found/);
  assert.match(r.stdout, /deploy: secrets COOKIE_SECRET already set; left as they are/);
  assert.match(r.stdout, /deploy: Worker trackersync already runs this build .*; not redeployed/);
});

test("3: --var deploys with the var, and a later plain run keeps it (keep_vars)", () => {
  const policy = '{"classes":{"upload":[{"name":"hour","limit":3,"periodMs":3600000,"burst":3}]}}';
  const withVar = deploy(["--var", `LIMITER_POLICY:${policy}`]);
  assert.equal(withVar.status, 0, withVar.output);
  assert.equal(account().workers.trackersync.vars.LIMITER_POLICY, policy);
  const versions = account().workers.trackersync.versions.length;
  const plain = deploy();
  assert.equal(plain.status, 0, plain.output);
  assert.equal(account().workers.trackersync.versions.length, versions + 1, "a different build from the --var one: redeployed");
  assert.equal(account().workers.trackersync.vars.LIMITER_POLICY, policy, "the var survives the deploy");
});

test("4: not logged in: the run stops at the first account step, says how to log in, changes nothing", () => {
  const fresh = path.join(dir, "fresh-account.json");
  const r = deploy([], { token: null, state: fresh });
  assert.equal(r.status, 1, r.output);
  assert.match(r.stderr, /CLOUDFLARE_API_TOKEN/);
  assert.match(r.stderr, /log in first with `npx wrangler login`/);
  const a = account(fresh);
  assert.deepEqual([a.d1, a.kv, a.workers], [[], [], {}]);
  assert.deepEqual(a.calls.map((c) => c.argv.join(" ")), ["d1 list --json"]);
});
